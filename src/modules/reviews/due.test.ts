import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { remindReviewDue } from './commands/schedule.ts';

/**
 * The reminder that a management review falls due when nobody has planned one: the head of service
 * management and top management are told once per due day, and not while a review is planned.
 */
let k: TestKeel;
let head: TestUser;
let top: TestUser;
let agent: TestUser;

const told = async () =>
  (
    await k.db.execute<{ user_id: string; text: string }>(
      sql`select user_id, text from notifications where kind = 'review.due' order by user_id`,
    )
  ).rows;

beforeAll(async () => {
  k = await testKeel();
  [head, top, agent] = await Promise.all([
    k.user(['process_owner']),
    k.user(['top_management']),
    k.user(['service_desk_agent']),
  ]);
});

describe('a management review falling due', () => {
  it('is not reminded of when none was ever held, nor while one is planned', async () => {
    expect(await remindReviewDue(k.db)).toBe(0);
    // held twelve months less five days ago: due in five days, within the default fourteen days' lead
    await k.db.execute(sql`insert into management_reviews (code, title, period_from, period_to, meeting_on, state)
      values ('MR-1', 'Last year', '2025-01-01', '2025-12-31',
              (now() at time zone 'utc')::date - interval '12 months' + interval '5 days', 'approved'),
             ('MR-2', 'This year', '2026-01-01', '2026-12-31',
              (now() at time zone 'utc')::date + interval '3 days', 'planned')`);
    expect(await remindReviewDue(k.db)).toBe(0);
    expect(await told()).toEqual([]);
  });

  it('tells the head of service management and top management once when none is planned', async () => {
    await k.db.execute(sql`update management_reviews set state = 'cancelled' where code = 'MR-2'`);
    expect(await remindReviewDue(k.db)).toBe(2);
    const first = await told();
    expect(first.map((n) => n.user_id).sort()).toEqual([head.id, top.id].sort());
    expect(first.map((n) => n.user_id)).not.toContain(agent.id);
    expect(first[0]!.text).toMatch(
      /^The next management review is due by \d{4}-\d{2}-\d{2} \(the last, MR-1,/,
    );
    expect(await remindReviewDue(k.db)).toBe(0);
    expect(await told()).toHaveLength(2);
  });

  it('stays quiet while the due day is further off than the lead time', async () => {
    await k.db.execute(sql`delete from notifications where kind = 'review.due'`);
    await k.db.execute(sql`update management_reviews
      set meeting_on = (now() at time zone 'utc')::date - interval '12 months' + interval '30 days' where code = 'MR-1'`);
    expect(await remindReviewDue(k.db)).toBe(0);
    expect(await told()).toEqual([]);
  });
});
