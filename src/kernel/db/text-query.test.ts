import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { COMMON_SHARE, textQuery } from './text-query.ts';

/**
 * Words in most rows are checked on the rows the other words find, not looked up in the text index; what
 * a search finds stays the same.
 */
let k: TestKeel;
let agent: TestUser;

beforeAll(async () => {
  k = await testKeel();
  agent = await k.user(['service_desk_agent']);
  const titles = [
    ...Array.from({ length: 16 }, (_, i) => `Hotel room ${i} has no hot water`),
    'Hotel lobby printer is jammed',
    'Hotel lobby screen stays dark',
    'Lobby door does not open',
    'Hotel spa booking fails',
  ];
  for (const title of titles) {
    const res = await k.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: agent.auth,
      payload: { title, impact: 2, urgency: 2 },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  // what the text index's statistics say once PostgreSQL has looked at the table ("hotel": 19 of 20 items)
  await k.db.execute(sql`analyze work_items`);
});

const search = async (q: string) =>
  (
    await k.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent(q)}`,
      headers: agent.auth,
    })
  )
    .json()
    .items.map((i: { title: string }) => i.title)
    .sort();

describe('which words the text index looks up', () => {
  it('leaves a word in most items to the rows the other words find', async () => {
    const q = (await textQuery(k.db, 'hotel lobby'))!;
    expect(q.match).toContain("'hotel'");
    expect(q.lookup.work_items).not.toContain("'hotel'");
    expect(q.lookup.work_items).toContain("'lobbi'");
    // a word is common where it is: the comments hold no hotel at all
    expect(q.lookup.work_item_comments).toBe(q.match);
    expect(COMMON_SHARE).toBeLessThan(19 / 20);
  });

  it('looks up every word when all are common, when "or" joins them, and leaves out excluded ones', async () => {
    const only = (await textQuery(k.db, 'hotel'))!;
    expect(only.lookup.work_items).toBe(only.match);
    const either = (await textQuery(k.db, 'hotel lobby or spa'))!;
    expect(either.lookup.work_items).toBe(either.match);
    const without = (await textQuery(k.db, 'lobby -printer'))!;
    expect(without.match).toContain("!(('printer')");
    expect(without.lookup.work_items).not.toContain('printer');
  });

  it('finds what it found before: every word still has to match', async () => {
    expect(await search('hotel lobby')).toEqual([
      'Hotel lobby printer is jammed',
      'Hotel lobby screen stays dark',
    ]);
    expect(await search('lobby -printer')).toEqual([
      'Hotel lobby screen stays dark',
      'Lobby door does not open',
    ]);
    expect(await search('hotel lobby -screen')).toEqual(['Hotel lobby printer is jammed']);
    expect(await search('spa hotel')).toEqual(['Hotel spa booking fails']);
    // the agent queue's text filter uses the same matching
    const list = await k.app.inject({
      method: 'GET',
      url: `/api/v1/work-items?q=${encodeURIComponent('hotel lobby')}`,
      headers: agent.auth,
    });
    expect(
      list
        .json()
        .items.map((i: { title: string }) => i.title)
        .sort(),
    ).toEqual(['Hotel lobby printer is jammed', 'Hotel lobby screen stays dark']);
  });
});
