import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../kernel/access/actor.ts';
import { isStaff } from '../../../kernel/access/roles.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import type { WorkItem } from '../../../kernel/records/registry.ts';
import { peopleByIds } from '../../roles/index.ts';
import type { ClosedBy } from '../lifecycle.ts';
import { closerNoun, mayAnswer, mayFire, type NcFacts } from '../policy.ts';
import { nonconformities, nonconformitySettings } from '../schema.ts';
import type { NcSettings } from '../shapes.ts';

export const NONCONFORMITY = 'nonconformity';
export const only = { type: NONCONFORMITY, noun: 'Nonconformity' };
export const link = (number: string) => `/work-items/${number}`;

export type Detail = typeof nonconformities.$inferSelect;

/** A nonconformity's own row, locked for the write that reads it. */
export async function detailOf(ctx: CommandContext, itemId: string): Promise<Detail> {
  const [d] = await ctx.tx
    .select()
    .from(nonconformities)
    .where(eq(nonconformities.workItemId, itemId))
    .for('update');
  if (!d) throw new Error(`nonconformity ${itemId} has no detail row`);
  return d;
}

/** The owner of a process in the process register (4.4), by its key; null when none or no such process. */
export async function processOwnerOf(tx: Queryable, processKey: string | null): Promise<string | null> {
  if (!processKey) return null;
  const res = await tx.execute<{ owner_id: string | null }>(
    sql`select owner_id from sms_processes where lower(key) = lower(${processKey})`,
  );
  return res.rows[0]?.owner_id ?? null;
}

/** What the rules need to know of a nonconformity: its owner, and its process's owner in the register. */
export async function factsOf(tx: Queryable, item: WorkItem, processKey: string | null): Promise<NcFacts> {
  return { ownerId: item.assigneeId, processOwnerId: await processOwnerOf(tx, processKey) };
}

/** How nonconformities are handled here; the defaults of the migration while nobody has set them. */
export async function settingsOf(tx: Queryable): Promise<NcSettings> {
  const [s] = await tx.select().from(nonconformitySettings).where(eq(nonconformitySettings.id, 1));
  if (!s) return { closedBy: 'either', effectivenessDays: 60, setBy: null, setAt: null, version: 0 };
  return {
    closedBy: s.closedBy,
    effectivenessDays: s.effectivenessDays,
    setBy: s.setBy,
    setAt: s.setAt.toISOString(),
    version: s.version,
  };
}

type Who = Pick<Actor, 'userId' | 'roles'> & { kind?: Actor['kind'] };
const isKeel = (who: Who) => who.kind === 'system';

/** Refused unless the actor answers this nonconformity (Keel itself acts by design: the demo, a job). */
export function mustAnswer(who: Who, facts: NcFacts, number: string) {
  if (isKeel(who) || mayAnswer(who, facts)) return;
  throw problems.forbidden(
    `${number} is answered by its owner, the owner of its process, process owners and top management.`,
  );
}

/** Refused unless the actor may fire this step of the lifecycle (policy.ts mayFire). */
export function mustFire(who: Who, facts: NcFacts, number: string, transition: string, closedBy: ClosedBy) {
  if (isKeel(who) || mayFire(who, facts, transition, closedBy)) return;
  if (transition === 'close')
    throw problems.forbidden(`${number} is closed by ${closerNoun[closedBy]} (nonconformity settings).`);
  mustAnswer(who, facts, number);
}

/**
 * The people a nonconformity names must be active staff (an owner, a responsible person): a field error
 * for each one who is not.
 */
export async function checkStaff(tx: Queryable, named: Record<string, string | null | undefined>) {
  const people = await peopleByIds(tx, Object.values(named));
  const errors: FieldError[] = [];
  for (const [field, id] of Object.entries(named)) {
    if (!id) continue;
    const p = people.get(id);
    if (!p) errors.push({ field, message: 'does not exist' });
    else if (!p.active || !isStaff(p))
      errors.push({ field, message: 'must be an active member of the staff' });
  }
  return errors;
}

/** A process key must name a process of the register, and a service must exist and not be retired. */
export async function checkRefs(
  tx: Queryable,
  p: { processKey?: string | null; serviceId?: string | null; findingId?: string | null },
) {
  const res = await tx.execute<{ process: boolean; service: string | null; finding: boolean }>(sql`
    select exists (select 1 from sms_processes where lower(key) = lower(${p.processKey ?? null}::text)) as process,
           (select status from services where id = ${p.serviceId ?? null}::uuid) as service,
           exists (select 1 from findings where id = ${p.findingId ?? null}::uuid) as finding`);
  const x = res.rows[0]!;
  const errors: FieldError[] = [];
  if (p.processKey && !x.process)
    errors.push({ field: 'processKey', message: 'names no process of the process register' });
  if (p.serviceId && !x.service) errors.push({ field: 'serviceId', message: 'does not exist' });
  else if (p.serviceId && x.service === 'retired') errors.push({ field: 'serviceId', message: 'is retired' });
  if (p.findingId && !x.finding) errors.push({ field: 'findingId', message: 'does not exist' });
  return errors;
}
