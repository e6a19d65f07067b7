import { problems } from '../http/problem.ts';
import type { Role } from './roles.ts';

/** Who is acting: a signed-in person, a machine with an API token, or Keel itself (jobs, CLI). */
export type Actor = {
  kind: 'user' | 'token' | 'system';
  userId: string | null;
  label: string;
  roles: readonly Role[];
};

export const systemActor = (label = 'keel'): Actor => ({ kind: 'system', userId: null, label, roles: [] });

/**
 * A command's own check of its module's rule, inside its transaction (the route checked the same rule, from
 * the same policy.ts, before the call): refused unless the actor holds it. Keel itself acts by design (a
 * scheduled step, the demo, the CLI) and is not asked. A principal that is not an Actor (no `kind`) is a
 * person or token.
 */
export function mustHold<W extends { roles: readonly string[] }>(
  who: W | Actor,
  rule: (who: W | Actor) => boolean,
  refusal: string,
): void {
  if ('kind' in who && who.kind === 'system') return;
  if (!rule(who)) throw problems.forbidden(refusal);
}
