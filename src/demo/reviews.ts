import { sql } from 'drizzle-orm';
import { principalOfActor } from '../kernel/auth/principal.ts';
import { addDays, today } from '../kernel/days.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import { anyVersion } from '../kernel/http/etag.ts';
import {
  addDecision,
  addReviewAction,
  approveReview,
  createReview,
  holdReview,
  prepareReview,
  setAttendees,
  setReviewActionDone,
  setSchedule,
  updateReview,
} from '../modules/reviews/index.ts';

/** The quarter (UTC) `back` quarters before the one holding `day`, as its first and last days. */
function quarterOf(day: string, back = 0) {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const first = Math.floor((m - 1) / 3) * 3 - back * 3;
  const from = new Date(Date.UTC(y, first, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(y, first + 3, 0)).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * The demo's management reviews (9.3): the last one held late in the previous quarter over the thirteen weeks
 * before it (where the demo's months of incidents lie), with attendance, three decisions, actions (one done,
 * two open, one of them overdue) and approved minutes; the next one planned three weeks from now over the
 * time since, to the end of last month, its inputs partly commented. The held review freezes the inputs as
 * the demo's records stand when it loads, so it runs after them.
 */
export async function loadDemoReviews(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from management_reviews limit 1`);
  if (done.rows.length || !people.head || !people.top) return;
  const as = (who: string, roles: Parameters<typeof principalOfActor>[1]) =>
    principalOfActor({ ...ctx.actor, userId: people[who]! }, roles);
  const head = as('head', ['process_owner']);
  const top = as('top', ['top_management']);
  const day = today();
  await setSchedule(ctx, top, anyVersion, { everyMonths: 3, remindDays: 14 });
  const last = quarterOf(day, 1);
  const meetingOn = addDays(last.to, -4);
  const quarter = (d: string) => `${d.slice(0, 4)} Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;

  const held = await createReview(ctx, head, {
    title: `Management review ${quarter(meetingOn)}`,
    periodFrom: addDays(meetingOn, -91),
    periodTo: addDays(meetingOn, -1),
    meetingOn,
    location: 'Head office, board room',
    chairId: people.top,
  });
  await setAttendees(ctx, top, held.id, anyVersion, {
    attendees: ['top', 'head', 'auditor', 'incident']
      .filter((p) => people[p])
      .map((p) => ({ userId: people[p]! })),
  });
  await updateReview(ctx, head, held.id, anyVersion, {
    commentary: {
      service_levels:
        'Two hotels missed the P1 resolution target in the busy weeks; the night shift had no second line.',
      workload: 'Incidents rose with the summer season; requests were steady.',
      customer_satisfaction: 'Ratings are good, but we have no record of complaints yet.',
      risks: 'The single database server at the head office stays our largest risk.',
    },
  });
  await prepareReview(ctx, head, held.id, anyVersion);
  await holdReview(ctx, top, held.id, anyVersion);
  await setAttendees(ctx, top, held.id, anyVersion, {
    attendees: [
      { userId: people.top, attended: true },
      { userId: people.head, attended: true },
      ...(people.auditor ? [{ userId: people.auditor, attended: true }] : []),
      ...(people.incident ? [{ userId: people.incident, attended: false }] : []),
    ],
  });
  const rota = await addDecision(ctx, top, held.id, {
    text: 'Start an on-call rota so that the night shift always reaches second line.',
    topic: 'resources',
  });
  const replica = await addDecision(ctx, top, held.id, {
    text: 'Fund a database replica in the cloud for the booking system this year.',
    topic: 'change',
  });
  await addDecision(ctx, top, held.id, {
    text: 'Record complaints in Keel from next quarter, so that the next review can weigh them.',
    topic: 'improvement',
  });
  const draft = await addReviewAction(ctx, top, held.id, {
    title: 'Draft the on-call rota with the resolvers',
    responsibleId: people.resolver ?? people.head,
    due: addDays(meetingOn, 30),
    decisionId: rota.id,
  });
  await addReviewAction(ctx, top, held.id, {
    title: 'Order the cloud replica and plan its change',
    responsibleId: people.change ?? people.head,
    due: addDays(day, 40),
    decisionId: replica.id,
  });
  await addReviewAction(ctx, top, held.id, {
    title: 'Report on night-shift escalations to the next review',
    responsibleId: people.incident ?? people.head,
    due: addDays(day, -2),
    decisionId: rota.id,
  });
  await setReviewActionDone(ctx, as(people.resolver ? 'resolver' : 'head', ['resolver']), held.id, draft.id, {
    done: true,
    note: 'Rota agreed; it starts next month.',
  });
  await approveReview(
    ctx,
    top,
    held.id,
    anyVersion,
    [
      'The review went through every input. Service levels were met overall, but P1 incidents at night waited too long for second line.',
      'Top management decided on an on-call rota, a database replica in the cloud, and recording complaints in Keel.',
      'The service management policy and objectives stay as they are; the next review is held next quarter.',
    ].join('\n\n'),
  );
  // the meeting was last quarter: its record says so
  const met = new Date(`${meetingOn}T15:00:00Z`);
  await ctx.tx.execute(sql`
    update management_reviews
       set prepared_at = ${new Date(met.getTime() - 5 * 86_400_000).toISOString()}, held_at = ${met.toISOString()},
           approved_at = ${new Date(met.getTime() + 3 * 86_400_000).toISOString()}
     where id = ${held.id}`);

  const next = await createReview(ctx, head, {
    title: `Management review ${quarter(addDays(day, 21))}`,
    periodFrom: meetingOn,
    // up to the end of last month, whose figures are complete
    periodTo: addDays(`${day.slice(0, 7)}-01`, -1),
    meetingOn: addDays(day, 21),
    location: 'Head office, board room',
    chairId: people.top,
  });
  await updateReview(ctx, head, next.id, anyVersion, {
    commentary: { previous_actions: 'The rota is in place; the replica is ordered but not yet live.' },
  });
}
