import type { Role } from './roles.ts';
import { holdsAny, readOnlyRoles, writesAnything } from './roles.ts';

/**
 * What every route must declare: who may call it. A route without a declaration is refused at start-up
 * (and by a test that walks every route), and at request time deny is the default.
 */
export type Access =
  | { kind: 'public'; why: string }
  | { kind: 'signedIn'; selfService: boolean }
  | { kind: 'roles'; roles: readonly Role[]; auditWork?: true };

export const access = {
  /** Anyone, signed in or not; say why, so a reviewer can judge it. */
  public: (why: string): Access => ({ kind: 'public', why }),
  /** Any signed-in person or token; record-level checks happen in the command. Read-only roles only read. */
  signedIn: (): Access => ({ kind: 'signedIn', selfService: false }),
  /** Any signed-in person acting on their own account (language, sign-out), read-only roles included. */
  self: (): Access => ({ kind: 'signedIn', selfService: true }),
  /** Any of these roles. */
  roles: (...roles: Role[]): Access => ({ kind: 'roles', roles }),
  /**
   * Any of these roles, on a route of the audit work itself (planning and performing audits, raising
   * findings, exporting evidence): the one kind of write the read-only internal auditor is given (9.2).
   */
  auditWork: (...roles: Role[]): Access => ({ kind: 'roles', roles, auditWork: true }),
};

export function describeAccess(a: Access): string {
  if (a.kind === 'public') return `Public: ${a.why}`;
  if (a.kind === 'signedIn')
    return a.selfService
      ? 'Any signed-in user, on their own account.'
      : 'Any signed-in user or API token; the record decides.';
  return `Roles: ${a.roles.join(', ')}${a.auditWork ? ' (audit work)' : ''}.`;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isSafeMethod = (method: string) => SAFE.has(method.toUpperCase());

/** Refuses declarations that contradict Keel's rules, at start-up rather than in production. */
export function checkDeclaration(method: string, url: string, a: Access | undefined): void {
  if (!a) throw new Error(`route ${method} ${url} declares no access policy (config.access)`);
  if (a.kind === 'roles' && a.roles.length === 0) throw new Error(`route ${method} ${url} allows no role`);
  if (
    a.kind === 'roles' &&
    !a.auditWork &&
    !isSafeMethod(method) &&
    holdsAny({ roles: a.roles }, readOnlyRoles)
  ) {
    throw new Error(`route ${method} ${url} lets a read-only role write`);
  }
}

export type Principal = { roles: readonly Role[]; scopes: readonly string[] };

/** The decision for one request: null when allowed, otherwise the reason it is not. */
export function denies(a: Access, method: string, who: Principal | null): string | null {
  if (a.kind === 'public') return null;
  if (!who) return 'unauthenticated';
  if (!isSafeMethod(method) && !who.scopes.includes('write'))
    return 'This API token may only read (scope read).';
  if (a.kind === 'signedIn') {
    if (isSafeMethod(method) || a.selfService) return null;
    return writesAnything(who) ? null : 'Your roles allow reading only.';
  }
  if (holdsAny(who, a.roles)) return null;
  return `This needs one of the roles: ${a.roles.join(', ')}.`;
}
