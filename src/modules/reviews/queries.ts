import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny } from '../../kernel/access/roles.ts';
import { addMonths, today } from '../../kernel/days.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { isoTimestampOrNull as iso, isoTimestamp } from '../../kernel/db/timestamps.ts';
import { problems } from '../../kernel/http/problem.ts';
import { allowedTransitions } from '../../kernel/records/lifecycle.ts';
import { assembleInputs } from './inputs/assemble.ts';
import { readFrozen } from './inputs/lenient.ts';
import type { AssembledInputs, ReviewInputsView } from './inputs/shapes.ts';
import { type ReviewState, reviewLifecycle } from './lifecycle.ts';
import {
  mayEditReview,
  mayReadReviews,
  mayRecordAttendance,
  mayRecordDecisions,
  transitionRoles,
} from './policy.ts';
import { managementReviews, reviewSchedule } from './schema.ts';
import type { ReviewActionView, ReviewSchedule, ReviewSummary, ReviewView } from './shapes.ts';

export type Review = typeof managementReviews.$inferSelect;
type Who = Pick<Actor, 'userId' | 'roles'>;

export async function reviewFor(db: Queryable, id: string, forUpdate = false): Promise<Review> {
  const q = db.select().from(managementReviews).where(eq(managementReviews.id, id));
  const [r] = forUpdate ? await q.for('update') : await q;
  if (!r) throw problems.notFound(`Management review ${id}`);
  return r;
}

const person = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);
const linkOf = (reviewId: string) => `/management-reviews/${reviewId}`;

type SummaryRow = {
  id: string;
  code: string;
  title: string;
  period_from: string;
  period_to: string;
  meeting_on: string;
  location: string;
  chair_id: string | null;
  chair: string | null;
  state: ReviewState;
  open_actions: number;
  version: number;
  total: number;
};
const summaryOf = (r: SummaryRow): ReviewSummary => ({
  id: r.id,
  code: r.code,
  title: r.title,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  meetingOn: r.meeting_on,
  location: r.location,
  chair: person(r.chair_id, r.chair),
  state: r.state,
  openActions: r.open_actions,
  version: r.version,
});

/** Reviews, the latest meeting first, a page at a time. */
export async function listReviews(
  db: Queryable,
  f: { state?: ReviewState; limit: number; offset: number },
): Promise<{ items: ReviewSummary[]; total: number; limit: number; offset: number }> {
  const res = await db.execute<SummaryRow>(sql`
    select m.id, m.code, m.title, m.period_from::text, m.period_to::text, m.meeting_on::text, m.location,
           m.chair_id, u.name as chair, m.state, m.version,
           (select count(*)::int from management_review_actions a where a.review_id = m.id and a.done_at is null) as open_actions,
           count(*) over ()::int as total
      from management_reviews m left join users u on u.id = m.chair_id
     where (${f.state ?? null}::text is null or m.state = ${f.state ?? null})
     order by m.meeting_on desc, m.code desc
     limit ${f.limit} offset ${f.offset}`);
  const total =
    res.rows[0]?.total ?? (f.offset === 0 ? 0 : (await listReviews(db, { ...f, offset: 0, limit: 1 })).total);
  return { items: res.rows.map(summaryOf), total, limit: f.limit, offset: f.offset };
}

type ActionRow = {
  id: string;
  review_id: string;
  code: string;
  decision_id: string | null;
  title: string;
  responsible_id: string | null;
  responsible: string | null;
  due: string | null;
  done_at: string | null;
  done_note: string;
  total: number;
};
const actionOf = (a: ActionRow, day: string): ReviewActionView => ({
  id: a.id,
  reviewId: a.review_id,
  reviewCode: a.code,
  decisionId: a.decision_id,
  title: a.title,
  responsible: person(a.responsible_id, a.responsible),
  due: a.due,
  done: a.done_at !== null,
  doneAt: iso(a.done_at),
  doneNote: a.done_note,
  overdue: a.done_at === null && a.due !== null && a.due < day,
  link: linkOf(a.review_id),
});
const actionColumns = sql`a.id, a.review_id, m.code, a.decision_id, a.title, a.responsible_id, u.name as responsible,
  a.due::text as due, a.done_at, a.done_note`;

/**
 * Review actions across all reviews, the earliest due first (the leadership dashboard's open ones). Readers of
 * reviews see every action; anyone else on the staff only the actions they are responsible for.
 */
export async function listReviewActions(
  db: Queryable,
  who: Who,
  f: { open?: boolean; actionId?: string; limit: number; offset: number },
): Promise<{ items: ReviewActionView[]; total: number; limit: number; offset: number }> {
  const mine = mayReadReviews(who) ? null : who.userId;
  const res = await db.execute<ActionRow>(sql`
    select ${actionColumns}, count(*) over ()::int as total
      from management_review_actions a join management_reviews m on m.id = a.review_id
      left join users u on u.id = a.responsible_id
     where (${f.open ?? null}::boolean is null or (a.done_at is null) = ${f.open ?? null}::boolean)
       and (${mine}::uuid is null or a.responsible_id = ${mine}::uuid)
       and (${f.actionId ?? null}::uuid is null or a.id = ${f.actionId ?? null}::uuid)
     order by a.due nulls last, m.meeting_on, a.title, a.id
     limit ${f.limit} offset ${f.offset}`);
  const day = today();
  const total =
    res.rows[0]?.total ??
    (f.offset === 0 ? 0 : (await listReviewActions(db, who, { ...f, offset: 0, limit: 1 })).total);
  return { items: res.rows.map((a) => actionOf(a, day)), total, limit: f.limit, offset: f.offset };
}

/** Every open review action, the earliest due first: for the leadership dashboard. */
export async function openReviewActions(db: Queryable): Promise<ReviewActionView[]> {
  const res = await db.execute<ActionRow>(sql`
    select ${actionColumns}, 0 as total
      from management_review_actions a join management_reviews m on m.id = a.review_id
      left join users u on u.id = a.responsible_id
     where a.done_at is null
     order by a.due nulls last, m.meeting_on, a.title, a.id limit 500`);
  const day = today();
  return res.rows.map((a) => actionOf(a, day));
}

/** One review with attendance, decisions and actions, and what the reader may do with it now. */
export async function presentReview(db: Queryable, who: Who, id: string): Promise<ReviewView> {
  const r = await reviewFor(db, id);
  const names = await db.execute<{ id: string; name: string }>(sql`
    select id, name from users where id = any(${sql.param([r.chairId, r.preparedBy, r.approvedBy].filter(Boolean))}::uuid[])`);
  const nameOf = (x: string | null) => names.rows.find((n) => n.id === x)?.name ?? null;
  const attendees = await db.execute<{ id: string; name: string; attended: boolean | null }>(sql`
    select u.id, u.name, a.attended from management_review_attendees a join users u on u.id = a.user_id
     where a.review_id = ${id} order by lower(u.name), u.id`);
  const decisions = await db.execute<{
    id: string;
    position: number;
    text: string;
    topic: 'improvement' | 'change' | 'resources' | 'other';
    created_by: string | null;
    created_at: string;
  }>(sql`
    select d.id, d.position, d.text, d.topic, u.name as created_by, d.created_at
      from management_review_decisions d left join users u on u.id = d.created_by
     where d.review_id = ${id} order by d.position`);
  const actions = await db.execute<ActionRow>(sql`
    select ${actionColumns}, 0 as total
      from management_review_actions a join management_reviews m on m.id = a.review_id
      left join users u on u.id = a.responsible_id
     where a.review_id = ${id} order by a.due nulls last, a.title, a.id`);
  const day = today();
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    meetingOn: r.meetingOn,
    location: r.location,
    chair: person(r.chairId, nameOf(r.chairId)),
    state: r.state,
    openActions: actions.rows.filter((a) => a.done_at === null).length,
    version: r.version,
    commentary: r.commentary,
    preparedBy: person(r.preparedBy, nameOf(r.preparedBy)),
    preparedAt: iso(r.preparedAt),
    heldAt: iso(r.heldAt),
    inputsFrozen: r.inputs !== null,
    minutes: r.minutes,
    approvedBy: person(r.approvedBy, nameOf(r.approvedBy)),
    approvedAt: iso(r.approvedAt),
    cancelReason: r.cancelReason,
    remindedAt: iso(r.remindedAt),
    createdAt: isoTimestamp(r.createdAt),
    attendees: attendees.rows,
    decisions: decisions.rows.map((d) => ({
      id: d.id,
      position: d.position,
      text: d.text,
      topic: d.topic,
      createdBy: d.created_by,
      createdAt: isoTimestamp(d.created_at),
    })),
    actions: actions.rows.map((a) => actionOf(a, day)),
    transitions: allowedTransitions(reviewLifecycle, r.state, who.roles)
      .map((t) => t.name as keyof typeof transitionRoles)
      .filter((t) => holdsAny(who, transitionRoles[t]) && (t !== 'hold' || r.meetingOn <= day)),
    abilities: {
      edit: mayEditReview(who, r),
      attend: mayRecordAttendance(who, r),
      decide: mayRecordDecisions(who, r),
    },
  };
}

/**
 * A review's inputs: frozen into the record when it was held (the figures the meeting saw), otherwise
 * assembled now from live data for its period.
 */
export async function reviewInputs(db: Queryable, id: string, now = new Date()): Promise<ReviewInputsView> {
  const r = await reviewFor(db, id);
  const assembled: AssembledInputs = r.inputs ? readFrozen(r.inputs) : await assembleInputs(db, r, now);
  return { ...assembled, reviewId: r.id, code: r.code, frozen: r.inputs !== null, commentary: r.commentary };
}

/**
 * The management review pack of a service report's period (9.4): the review held within the period, or
 * failing that the latest held before its end (`until`, a day), with its frozen inputs. A review only
 * planned is no review of the period, and one held after it belongs to a later report; none gives null.
 */
export async function reviewPackFor(db: Queryable, until: string, now = new Date()) {
  const r = await db.execute<{ id: string }>(sql`
    select id from management_reviews
     where state in ('held', 'approved') and meeting_on <= ${until}::date
     order by meeting_on desc, code desc limit 1`);
  const id = r.rows[0]?.id;
  if (!id) return null;
  const review = await reviewFor(db, id);
  return {
    review: { id, code: review.code, title: review.title, state: review.state, meetingOn: review.meetingOn },
    inputs: await reviewInputs(db, id, now),
  };
}

/** Keel's schedule until someone sets one: a review every twelve months, reminders two weeks before. */
export const defaultSchedule = { everyMonths: 12, remindDays: 14 };

export async function scheduleRow(db: Queryable, forUpdate = false) {
  const q = db.select().from(reviewSchedule).where(eq(reviewSchedule.id, 1));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** The schedule with where it stands: the latest review held, when the next is due, the next one planned. */
export async function presentSchedule(db: Queryable): Promise<ReviewSchedule> {
  const row = await scheduleRow(db);
  const s = row ?? { ...defaultSchedule, setBy: null, setAt: null, version: 0 };
  const held = await db.execute<{ id: string; code: string; meeting_on: string }>(sql`
    select id, code, meeting_on::text from management_reviews
     where state in ('held', 'approved') order by meeting_on desc, code desc limit 1`);
  const planned = await db.execute<{ id: string; code: string; meeting_on: string }>(sql`
    select id, code, meeting_on::text from management_reviews
     where state in ('planned', 'prepared') order by meeting_on, code limit 1`);
  const last = held.rows[0];
  const nextDue = last ? addMonths(last.meeting_on, s.everyMonths) : null;
  const next = planned.rows[0];
  return {
    everyMonths: s.everyMonths,
    remindDays: s.remindDays,
    setBy: s.setBy,
    setAt: iso(s.setAt),
    version: s.version,
    lastHeld: last ? { id: last.id, code: last.code, meetingOn: last.meeting_on } : null,
    nextDue,
    // never held at all is overdue too: 9.3 asks for reviews at planned intervals
    overdue: nextDue === null || nextDue < today(),
    nextPlanned: next ? { id: next.id, code: next.code, meetingOn: next.meeting_on } : null,
  };
}
