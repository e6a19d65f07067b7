import { and, eq, isNull, sql } from 'drizzle-orm';
import { addDays, isDay, today } from '../../../kernel/days.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { notePublicly } from '../../../kernel/records/commands.ts';
import type { Effect, WorkItem } from '../../../kernel/records/registry.ts';
import { correctiveActions, nonconformities } from '../schema.ts';
import { type Detail, detailOf, factsOf, mustFire, settingsOf } from './common.ts';
import { scheduleEffectivenessReminder } from './schedule.ts';

/**
 * What the nonconformity lifecycle's steps do besides moving the state (lifecycle.ts): each first asks
 * policy.ts whether the actor may fire it (the shared transition route reaches here too), then checks its
 * guard — from the step's input or what the nonconformity holds — and records what the step brings.
 * A refusal throws, and the whole transition is undone with it.
 */
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

async function allowed(ctx: CommandContext, item: WorkItem, transition: string): Promise<Detail> {
  const d = await detailOf(ctx, item.id);
  const { closedBy } = await settingsOf(ctx.tx);
  mustFire(ctx.actor, await factsOf(ctx.tx, item, d.processKey), item.number, transition, closedBy);
  return d;
}

const setDetail = (ctx: CommandContext, item: WorkItem, set: Partial<Detail>) =>
  ctx.tx.update(nonconformities).set(set).where(eq(nonconformities.workItemId, item.id));

/** The analysis a step's input brings (only what it names; the rest stays as saved). */
function analysisFrom(input: Record<string, unknown>): Partial<Detail> {
  const set: Partial<Detail> = {};
  for (const f of ['rootCause', 'rootCauseMethod', 'similar'] as const)
    if (text(input[f])) set[f] = text(input[f]);
  return set;
}

function correctionOf(d: Detail, input: Record<string, unknown>) {
  return text(input.correction) || d.correction;
}

const openActions = async (ctx: CommandContext, itemId: string) =>
  Number(
    (
      await ctx.tx
        .select({ n: sql<number>`count(*)::int` })
        .from(correctiveActions)
        .where(and(eq(correctiveActions.workItemId, itemId), isNull(correctiveActions.doneAt)))
    )[0]!.n,
  );

const countActions = async (ctx: CommandContext, itemId: string) =>
  Number(
    (
      await ctx.tx
        .select({ n: sql<number>`count(*)::int` })
        .from(correctiveActions)
        .where(eq(correctiveActions.workItemId, itemId))
    )[0]!.n,
  );

export const nonconformityEffects: Record<string, Effect> = {
  /** The correction made at once (containment): it must be said what was done. */
  correct: async (ctx, item, input) => {
    const d = await allowed(ctx, item, 'correct');
    const correction = correctionOf(d, input);
    if (!correction)
      throw problems.validation([{ field: 'correction', message: 'say what was corrected at once' }]);
    await setDetail(ctx, item, { correction, correctedAt: d.correctedAt ?? new Date() });
  },
  /** Analysis needs the correction recorded (now or before). */
  analyse: async (ctx, item, input) => {
    const d = await allowed(ctx, item, 'analyse');
    const correction = correctionOf(d, input);
    if (!correction)
      throw problems.validation(
        [{ field: 'correction', message: 'record the correction before the analysis' }],
        'Analysis needs the correction recorded.',
      );
    await setDetail(ctx, item, {
      correction,
      correctedAt: d.correctedAt ?? new Date(),
      ...analysisFrom(input),
    });
  },
  /** Corrective actions rest on a root cause, and there must be at least one of them. */
  planActions: async (ctx, item, input) => {
    const d = await allowed(ctx, item, 'plan_actions');
    const set = analysisFrom(input);
    const errors: FieldError[] = [];
    if (!(set.rootCause ?? d.rootCause))
      errors.push({ field: 'rootCause', message: 'record the root cause before planning actions' });
    if ((await countActions(ctx, item.id)) === 0)
      errors.push({ field: 'actions', message: 'add at least one corrective action' });
    if (errors.length) throw problems.validation(errors, 'Planning actions needs a cause and an action.');
    if (Object.keys(set).length) await setDetail(ctx, item, set);
  },
  /**
   * Verification waits for every corrective action to be done. The check is due on the date given, the
   * one set earlier if still ahead, or the settings' days from today; the owner is reminded then. A new
   * verification asks a new check: an earlier one (before a reanalysis) no longer counts.
   */
  verify: async (ctx, item, input) => {
    const d = await allowed(ctx, item, 'verify');
    const open = await openActions(ctx, item.id);
    if (open > 0)
      throw problems.conflict(
        `${item.number} has ${open} corrective action${open === 1 ? '' : 's'} not done; verification waits for all of them.`,
        [{ field: 'actions', message: `${open} not done` }],
      );
    const { effectivenessDays } = await settingsOf(ctx.tx);
    // the shared transition route brings its input unchecked: the date is checked here for both routes
    const given = text(input.effectivenessDue);
    if (given && !isDay(given))
      throw problems.validation([
        { field: 'effectivenessDue', message: 'must be a date written YYYY-MM-DD' },
      ]);
    if (given && given < today())
      throw problems.validation([{ field: 'effectivenessDue', message: 'must be today or later' }]);
    const due =
      given ||
      (d.effectivenessDue && d.effectivenessDue >= today()
        ? d.effectivenessDue
        : addDays(today(), effectivenessDays));
    await setDetail(ctx, item, {
      effectivenessDue: due,
      effectiveness: null,
      effectivenessNote: '',
      effectivenessBy: null,
      effectivenessAt: null,
    });
    await scheduleEffectivenessReminder(ctx.tx, item.id, due);
  },
  /** Back to analysis (the check found the actions ineffective): a new date is set at the next verification. */
  reanalyse: async (ctx, item, input) => {
    await allowed(ctx, item, 'reanalyse');
    await setDetail(ctx, item, { effectivenessDue: null });
    await notePublicly(ctx, item, 'Back to analysis', input.reason ?? input.note);
  },
  /** Closing needs an effectiveness check recorded as effective: without one it is refused (409). */
  close: async (ctx, item, input) => {
    const d = await allowed(ctx, item, 'close');
    if (d.effectiveness !== 'effective')
      throw problems.conflict(
        d.effectiveness
          ? `${item.number}'s corrective actions were found not effective; it cannot be closed.`
          : `${item.number} cannot be closed before the effectiveness of its corrective actions is checked and recorded as effective.`,
        [{ field: 'effectiveness', message: 'record an effectiveness check (effective) first' }],
      );
    await setDetail(ctx, item, { closedAt: new Date() });
    await notePublicly(ctx, item, 'Closed', input.note);
  },
  cancel: async (ctx, item, input) => {
    await allowed(ctx, item, 'cancel');
    await notePublicly(ctx, item, 'Cancelled', input.reason);
  },
};
