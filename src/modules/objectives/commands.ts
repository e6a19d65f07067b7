import { eq, sql } from 'drizzle-orm';
import { mustHold } from '../../kernel/access/actor.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { isDay } from '../../kernel/days.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { tickAction } from '../../kernel/records/actions.ts';
import { kpis, periodOf, statusOf } from './kpis.ts';
import { mayKeepObjective, maySetObjectives, mayTickObjectiveAction } from './policy.ts';
import { type Objective, objectiveFor, valueIn } from './queries.ts';
import { objectiveActions, objectiveReviews, objectives, objectiveValues } from './schema.ts';
import type { ActionInput, ObjectiveInput, ObjectivePatch, ValueInput } from './shapes.ts';

async function check(tx: Queryable, o: ObjectiveInput, self?: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const dup = await tx.execute(
    sql`select 1 from objectives where lower(code) = lower(${o.code}) ${self ? sql`and id <> ${self}` : sql``}`,
  );
  if (dup.rows.length) errors.push({ field: 'code', message: 'is already in use' });
  const owner = await tx.execute(sql`select 1 from users where id = ${o.ownerId} and active`);
  if (!owner.rows.length) errors.push({ field: 'ownerId', message: 'must be an active person' });
  if (!isDay(o.deadline)) errors.push({ field: 'deadline', message: 'must be a date (YYYY-MM-DD)' });
  const m = o.measurement;
  if (m.kind === 'kpi') {
    const kpi = kpis[m.kpi];
    if (!kpi)
      errors.push({ field: 'measurement.kpi', message: `must be one of: ${Object.keys(kpis).join(', ')}` });
    else if (o.unit && o.unit !== kpi.unit)
      errors.push({ field: 'unit', message: `the KPI ${m.kpi} is measured in ${kpi.unit}` });
    if (m.serviceId) {
      const s = await tx.execute(sql`select 1 from services where id = ${m.serviceId}`);
      if (!s.rows.length) errors.push({ field: 'measurement.serviceId', message: 'no such service' });
    }
  } else if (!o.unit) errors.push({ field: 'unit', message: 'say what the recorded value is measured in' });
  if (o.unit === '%' && (o.target < 0 || o.target > 100))
    errors.push({ field: 'target', message: 'a percentage is 0–100' });
  return errors;
}

const withDefaults = (o: ObjectiveInput) => {
  const kpi = o.measurement.kind === 'kpi' ? kpis[o.measurement.kpi] : undefined;
  return {
    ...o,
    unit: o.unit ?? kpi?.unit ?? '',
    direction: o.direction ?? kpi?.direction ?? 'at_least',
    period: o.period ?? 'quarter',
  };
};

function mayKeep(who: Principal, o: Objective) {
  if (!mayKeepObjective(who, o))
    throw problems.forbidden(`Only the owner of ${o.code} (or top management) may change it.`);
}

/** Sets an objective; Keel itself (the demo, the CLI) is not asked for a role. */
export async function createObjective(ctx: CommandContext, input: ObjectiveInput) {
  mustHold(ctx.actor, maySetObjectives, 'Only process owners and top management set objectives.');
  const o = withDefaults(input);
  const errors = await check(ctx.tx, o);
  if (errors.length) throw problems.validation(errors);
  const [row] = await ctx.tx
    .insert(objectives)
    .values({ ...o, code: o.code.trim(), title: o.title.trim() })
    .returning();
  await ctx.audit({ action: 'objective.created', recordType: 'objective', recordId: row!.code, after: row });
  return row!;
}

export async function updateObjective(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  patch: ObjectivePatch,
) {
  const before = await objectiveFor(ctx.tx, id, true);
  mayKeep(who, before);
  checkVersion(expected, before.version);
  const merged = withDefaults({ ...before, ...patch } as ObjectiveInput);
  const errors = await check(ctx.tx, merged, id);
  if (errors.length) throw problems.validation(errors);
  const [after] = await ctx.tx
    .update(objectives)
    .set({
      ...patch,
      // what the check saw is what is written, the KPI's own unit and direction included
      unit: merged.unit,
      direction: merged.direction,
      period: merged.period,
      updatedAt: new Date(),
      version: before.version + 1,
    })
    .where(eq(objectives.id, id))
    .returning();
  await ctx.audit({
    action: 'objective.updated',
    recordType: 'objective',
    recordId: before.code,
    before,
    after,
  });
  return after!;
}

/** The owner records the value of a period with its evidence (objectives measured by hand). */
export async function recordValue(ctx: CommandContext, who: Principal, id: string, input: ValueInput) {
  const o = await objectiveFor(ctx.tx, id, true);
  mayKeep(who, o);
  if (o.measurement.kind !== 'recorded')
    throw problems.conflict(
      `${o.code} is measured by Keel from live data; its values are not recorded by hand.`,
    );
  if (!input.evidence.trim())
    throw problems.validation([{ field: 'evidence', message: 'say where the value comes from' }]);
  const { from } = periodOf(o.period, input.at ? new Date(input.at) : new Date());
  const [row] = await ctx.tx
    .insert(objectiveValues)
    .values({
      objectiveId: id,
      periodStart: from,
      value: input.value,
      evidence: input.evidence.trim(),
      recordedBy: who.userId,
    })
    .onConflictDoUpdate({
      target: [objectiveValues.objectiveId, objectiveValues.periodStart],
      set: {
        value: input.value,
        evidence: input.evidence.trim(),
        recordedBy: who.userId,
        recordedAt: new Date(),
      },
    })
    .returning();
  await ctx.audit({
    action: 'objective.value_recorded',
    recordType: 'objective',
    recordId: o.code,
    after: row,
  });
  return row!;
}

export async function addAction(ctx: CommandContext, who: Principal, id: string, input: ActionInput) {
  const o = await objectiveFor(ctx.tx, id);
  mayKeep(who, o);
  if (input.responsibleId) {
    const u = await ctx.tx.execute(sql`select 1 from users where id = ${input.responsibleId} and active`);
    if (!u.rows.length)
      throw problems.validation([{ field: 'responsibleId', message: 'must be an active person' }]);
  }
  const [row] = await ctx.tx
    .insert(objectiveActions)
    .values({
      objectiveId: id,
      title: input.title.trim(),
      responsibleId: input.responsibleId ?? null,
      resources: input.resources ?? '',
      due: input.due ?? null,
    })
    .returning();
  await ctx.audit({
    action: 'objective.action_added',
    recordType: 'objective',
    recordId: o.code,
    after: row,
  });
  return row!;
}

export async function setActionDone(
  ctx: CommandContext,
  who: Principal,
  id: string,
  actionId: string,
  done: boolean,
) {
  const o = await objectiveFor(ctx.tx, id);
  const [a] = await ctx.tx.select().from(objectiveActions).where(eq(objectiveActions.id, actionId));
  if (!a || a.objectiveId !== id) throw problems.notFound(`Action ${actionId}`);
  if (!mayTickObjectiveAction(who, o, a))
    throw problems.forbidden(`Only the owner of ${o.code} (or top management) may change it.`);
  // ticking off what is done (or opening what is open) again changes nothing
  if (!tickAction(a, done)) return;
  await ctx.tx
    .update(objectiveActions)
    .set({ doneAt: done ? new Date() : null })
    .where(eq(objectiveActions.id, actionId));
  await ctx.audit({
    action: done ? 'objective.action_done' : 'objective.action_reopened',
    recordType: 'objective',
    recordId: o.code,
    after: { actionId },
  });
}

/** A review records the status and value seen at the time, and what was said; it is never changed. */
export async function reviewObjective(ctx: CommandContext, who: Principal, id: string, note: string) {
  const o = await objectiveFor(ctx.tx, id);
  mayKeep(who, o);
  const now = new Date();
  const { from, to } = periodOf(o.period, now);
  const value = await valueIn(ctx.tx, o, from, to);
  const status = statusOf(o, value, now);
  const [row] = await ctx.tx
    .insert(objectiveReviews)
    .values({ objectiveId: id, status, value, note: note.trim(), reviewerId: who.userId })
    .returning();
  await ctx.audit({ action: 'objective.reviewed', recordType: 'objective', recordId: o.code, after: row });
  return row!;
}
