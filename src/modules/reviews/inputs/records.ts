import { sql } from 'drizzle-orm';
import { today } from '../../../kernel/days.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import { isoTimestamp, isoTimestampOrNull } from '../../../kernel/db/timestamps.ts';
import { presentContext, presentScope } from '../../context/index.ts';
import { objectivesOver } from '../../objectives/index.ts';
import { listRisks } from '../../risks/index.ts';
import { roleCatalogue } from '../../roles/index.ts';
import { type DayPeriod, instantsOf } from './periods.ts';
import type { ReviewInputs } from './shapes.ts';

/**
 * The inputs drawn from the governance records (9.3 a, b, c, h, i, j): the actions of earlier reviews, changes
 * in context and interested parties, the objectives, risks above the acceptable level, resources (roles and
 * competence), and the improvement register.
 */

/**
 * Actions of earlier reviews (met before this one) still open, or done since this review's period began:
 * what the previous reviews asked for and where it stands. Overdue means open past its due day today.
 */
export async function previousActionsInput(
  db: Queryable,
  review: { id: string; meetingOn: string },
  period: DayPeriod,
): Promise<ReviewInputs['previous_actions']> {
  const day = today();
  const r = await db.execute<{
    id: string;
    review_id: string;
    code: string;
    title: string;
    responsible: string | null;
    due: string | null;
    done_at: string | null;
  }>(sql`
    select a.id, a.review_id, m.code, a.title, u.name as responsible, a.due::text as due, a.done_at
      from management_review_actions a
      join management_reviews m on m.id = a.review_id
      left join users u on u.id = a.responsible_id
     where m.id <> ${review.id} and m.meeting_on < ${review.meetingOn}::date and m.state in ('held', 'approved')
       and (a.done_at is null or a.done_at >= ${instantsOf(period).from.toISOString()})
     order by m.meeting_on, a.due nulls last, a.title`);
  const actions = r.rows.map((a) => ({
    id: a.id,
    reviewId: a.review_id,
    reviewCode: a.code,
    title: a.title,
    responsible: a.responsible,
    due: a.due,
    done: a.done_at !== null,
    doneAt: isoTimestampOrNull(a.done_at),
    overdue: a.done_at === null && a.due !== null && a.due < day,
  }));
  return {
    actions,
    open: actions.filter((a) => !a.done).length,
    done: actions.filter((a) => a.done).length,
    overdue: actions.filter((a) => a.overdue).length,
  };
}

/** Issues and interested parties added or changed within the period, and scope versions written in it. */
export async function contextInput(
  db: Queryable,
  period: DayPeriod,
): Promise<ReviewInputs['context_changes']> {
  const { from, to } = instantsOf(period);
  const within = (at: Date | string) => {
    const t = new Date(at).getTime();
    return t >= from.getTime() && t < to.getTime();
  };
  const change = (r: { createdAt: Date; updatedAt: Date }) =>
    within(r.createdAt) ? ('added' as const) : within(r.updatedAt) ? ('changed' as const) : null;
  const { issues, parties } = await presentContext(db);
  const { versions } = await presentScope(db);
  return {
    issues: issues.flatMap((i) => {
      const c = change(i);
      return c
        ? [
            {
              id: i.id,
              title: i.title,
              kind: i.kind,
              status: i.status,
              climateRelated: i.climateRelated,
              change: c,
            },
          ]
        : [];
    }),
    parties: parties.flatMap((p) => {
      const c = change(p);
      return c ? [{ id: p.id, name: p.name, kind: p.kind, change: c }] : [];
    }),
    scopeVersions: versions
      .filter((v) => within(isoTimestamp(v.createdAt)))
      .map((v) => ({ number: v.number, reason: v.reason, createdAt: isoTimestamp(v.createdAt) }))
      .sort((a, b) => a.number - b.number),
  };
}

/**
 * The objectives over the period: each one's values in its months or quarters within it, its latest value and
 * its status at the period's end (or now, while the period runs), as the objectives module computes them.
 */
export async function performanceInput(
  db: Queryable,
  period: DayPeriod,
  now: Date,
): Promise<ReviewInputs['performance']> {
  const { from, to } = instantsOf(period);
  const asOf = new Date(Math.min(now.getTime(), to.getTime() - 1));
  const objectives = await objectivesOver(db, from, to, asOf);
  const byStatus: Record<string, number> = {};
  for (const o of objectives) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  return {
    asOf: asOf.toISOString(),
    objectives: objectives.map((o) => ({
      id: o.id,
      code: o.code,
      title: o.title,
      target: o.target,
      direction: o.direction,
      unit: o.unit,
      status: o.status,
      latest: o.current.value,
      values: o.values,
    })),
    byStatus,
  };
}

/** Open risks whose residual score is above the acceptable level (the risks module's rule), as they stand now. */
export async function risksInput(db: Queryable): Promise<ReviewInputs['risks']> {
  const open = await listRisks(db, { status: 'open' });
  return {
    aboveAcceptable: open
      .filter((r) => r.kind === 'risk' && r.high)
      .map((r) => ({
        id: r.id,
        code: r.code,
        title: r.title,
        score: r.residual.score,
        treatment: r.treatment,
        acceptedAt: r.acceptedAt,
      })),
    openRisks: open.filter((r) => r.kind === 'risk').length,
    openOpportunities: open.filter((r) => r.kind === 'opportunity').length,
  };
}

/** Whether the resources are adequate, as the role catalogue's gaps show it now: vacancies and competence gaps. */
export async function resourcesInput(db: Queryable): Promise<ReviewInputs['resources']> {
  const { gaps } = await roleCatalogue(db);
  const vacancies: ReviewInputs['resources']['vacancies'] = [];
  const competenceGaps: ReviewInputs['resources']['competenceGaps'] = [];
  const otherGaps = { withoutDeputy: 0, appointmentsEnding: 0, processesWithoutOwner: 0 };
  for (const g of gaps) {
    if (g.kind === 'role_vacant') vacancies.push({ roleId: g.roleId, role: g.name });
    else if (g.kind === 'competence_missing')
      competenceGaps.push({ roleId: g.roleId, role: g.name, person: g.userName, competences: g.competences });
    else if (g.kind === 'role_without_deputy') otherGaps.withoutDeputy += 1;
    else if (g.kind === 'appointment_ending') otherGaps.appointmentsEnding += 1;
    else otherGaps.processesWithoutOwner += 1;
  }
  return { vacancies, competenceGaps, otherGaps };
}

/**
 * The improvement register by state now, opportunities proposed in the period and those realised in it. The
 * improvements module is being built alongside this one, so its table is read here directly.
 */
export async function improvementsInput(
  db: Queryable,
  period: DayPeriod,
): Promise<ReviewInputs['improvements']> {
  const { from, to } = instantsOf(period);
  const [f, t] = [from.toISOString(), to.toISOString()];
  const states = await db.execute<{ state: string; n: number }>(
    sql`select state, count(*)::int as n from improvements group by state order by state`,
  );
  const proposed = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from improvements where created_at >= ${f} and created_at < ${t}`,
  );
  const realised = await db.execute<{ id: string; code: string; title: string }>(sql`
    select id, code, title from improvements
     where state = 'realised' and realised_at >= ${f} and realised_at < ${t} order by realised_at, code`);
  return {
    byState: Object.fromEntries(states.rows.map((s) => [s.state, s.n])),
    proposedInPeriod: proposed.rows[0]!.n,
    realisedInPeriod: realised.rows,
  };
}
