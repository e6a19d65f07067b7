import type { Actor } from '../access/actor.ts';
import type { Tx } from '../db/database.ts';
import { auditLog } from './schema.ts';

export type AuditEntry = {
  action: string;
  recordType: string;
  recordId: string;
  before?: unknown;
  after?: unknown;
};

/** Secrets never reach the audit log, whatever a command passes. */
const hidden = new Set(['passwordHash', 'password', 'tokenHash', 'token', 'csrfToken', 'content']);

function scrub(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(scrub);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !hidden.has(k))
        .map(([k, v]) => [k, scrub(v)]),
    );
  }
  return value;
}

/**
 * The audit row of an entry, its before and after copied (and secrets dropped) now: a command that changes
 * an object after auditing it does not change what the entry says.
 */
export const auditRow = (actor: Actor, requestId: string | null, e: AuditEntry) => ({
  actorId: actor.userId,
  actorLabel: actor.label,
  action: e.action,
  recordType: e.recordType,
  recordId: e.recordId,
  before: scrub(e.before),
  after: scrub(e.after),
  requestId,
});
export type AuditRow = ReturnType<typeof auditRow>;

/** Audit rows in one statement, in the order given. */
export async function insertAuditRows(tx: Tx, rows: AuditRow[]) {
  if (rows.length) await tx.insert(auditLog).values(rows);
}

export async function appendAudit(tx: Tx, actor: Actor, requestId: string | null, e: AuditEntry) {
  await insertAuditRows(tx, [auditRow(actor, requestId, e)]);
}

/** Many entries in one statement, for set-based work (a batch of SLA breaches fired at once). */
export async function appendAuditMany(tx: Tx, actor: Actor, requestId: string | null, entries: AuditEntry[]) {
  await insertAuditRows(
    tx,
    entries.map((e) => auditRow(actor, requestId, e)),
  );
}
