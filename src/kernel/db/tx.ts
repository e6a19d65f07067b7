import type { Actor } from '../access/actor.ts';
import { type AuditEntry, type AuditRow, appendAudit, auditRow, insertAuditRows } from '../audit/append.ts';
import type { Db, Tx } from './database.ts';

export { type Actor, systemActor } from '../access/actor.ts';

/** What every command receives: one transaction, the actor and the request it serves. */
export type CommandContext = {
  tx: Tx;
  actor: Actor;
  requestId: string | null;
  /** Appends an audit entry in this command's transaction. */
  audit: (entry: AuditEntry) => Promise<void>;
};

/** A command context over a transaction that already exists (a job's, for instance). */
export function contextFor(tx: Tx, actor: Actor, requestId: string | null = null): CommandContext {
  return { tx, actor, requestId, audit: (entry) => appendAudit(tx, actor, requestId, entry) };
}

/**
 * Runs one command in one transaction: its writes and its audit entries commit together or not at all.
 * The command's audit entries are written in one statement when it has done its work, in the order it
 * made them (a create with its clocks made three round trips for them).
 */
export async function runCommand<T>(
  db: Db,
  actor: Actor,
  requestId: string | null,
  fn: (ctx: CommandContext) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const rows: AuditRow[] = [];
    const result = await fn({
      tx,
      actor,
      requestId,
      audit: async (entry) => {
        rows.push(auditRow(actor, requestId, entry));
      },
    });
    await insertAuditRows(tx, rows);
    return result;
  });
}
