import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, testKeel } from '../../testing/harness.ts';
import { caller, type Organisation, organisation } from './audits.fixture.ts';
import { checklistLimit } from './shapes.ts';

/** An audit's checklist holds at most `checklistLimit` questions, and is renumbered in one go. */
let k: TestKeel;
let o: Organisation;
let http: ReturnType<typeof caller>;
let url: string;
let auditId: string;

beforeAll(async () => {
  k = await testKeel();
  o = await organisation(k);
  http = caller(k);
  const made = await http.post('/api/v1/audits', o.auditor, {
    title: 'Change and incident management',
    scopeClauses: ['8.5.1'],
    scopeProcesses: ['incident'],
    leadAuditorId: o.auditor.id,
    plannedStart: '2026-03-02',
    plannedEnd: '2026-03-04',
  });
  expect(made.statusCode, made.body).toBe(201);
  auditId = made.json().id;
  url = `/api/v1/audits/${auditId}`;
});

type Item = { id: string; position: number; question: string };
const checklist = async (): Promise<Item[]> => (await http.get(url, o.auditor)).json().checklist;
const reorder = (itemIds: string[]) =>
  k.app.inject({
    method: 'PUT',
    url: `${url}/checklist/order`,
    headers: o.auditor.auth,
    payload: { itemIds },
  });

describe('renumbering', () => {
  it('puts a reordered, added or removed checklist in positions 1…n', async () => {
    const first = await checklist();
    expect(first.length).toBeGreaterThan(2);
    const ids = first.map((i) => i.id);
    // swap the first two and move the last up front: positions must stay a clean 1…n
    const order = [ids.at(-1)!, ids[1]!, ids[0]!, ...ids.slice(2, -1)];
    const moved = await reorder(order);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().items.map((i: Item) => [i.id, i.position])).toEqual(
      order.map((id, i) => [id, i + 1]),
    );
    const added = await http.post(`${url}/checklist`, o.auditor, {
      clause: '8.6.3',
      question: 'Second?',
      position: 2,
    });
    expect(added.json().items.map((i: Item) => i.position)).toEqual(
      order.map((_, i) => i + 1).concat(order.length + 1),
    );
    expect(added.json().items[1].question).toBe('Second?');
    const gone = await k.app.inject({
      method: 'DELETE',
      url: `${url}/checklist/${order[0]}`,
      headers: o.auditor.auth,
    });
    const left = [added.json().items[1].id, ...order.slice(1)];
    expect(gone.json().items.map((i: Item) => [i.id, i.position])).toEqual(left.map((id, i) => [id, i + 1]));
  });
});

describe('the limit', () => {
  it('refuses a question added or generated beyond it, writing nothing', async () => {
    const have = (await checklist()).length;
    // fill the checklist up to the limit directly: the questions themselves do not matter
    await k.db.execute(sql`
      insert into audit_checklist_items (audit_id, clause, question, position)
      select ${auditId}, '8.6.3', 'Filler ' || n, ${have} + n from generate_series(1, ${checklistLimit - have}) n`);
    expect((await checklist()).length).toBe(checklistLimit);
    const added = await http.post(`${url}/checklist`, o.auditor, { clause: '8.6.3', question: 'One more?' });
    expect(added.statusCode).toBe(400);
    expect(problemOf(added).errors).toEqual([
      { field: 'question', message: expect.stringContaining(`${checklistLimit} questions`) },
    ]);
    const version = (await http.get(url, o.auditor)).json().version;
    const grown = await http.patch(url, o.auditor, { scopeClauses: ['8.5.1', '8.6.3'] });
    expect(grown.statusCode).toBe(400);
    expect(problemOf(grown).errors).toEqual([
      { field: 'scopeClauses', message: expect.stringContaining(`at most ${checklistLimit}`) },
    ]);
    const after = (await http.get(url, o.auditor)).json();
    expect(after).toMatchObject({ version, scopeClauses: ['8.5.1'] });
    expect(after.checklist).toHaveLength(checklistLimit);
    // a reorder of the whole full checklist is still accepted
    const ids = after.checklist.map((i: Item) => i.id).reverse();
    const reversed = await reorder(ids);
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json().items.map((i: Item) => i.id)).toEqual(ids);
  });
});
