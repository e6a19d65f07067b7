import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, testKeel } from '../../testing/harness.ts';
import { caller, type Organisation, organisation } from './audits.fixture.ts';

/**
 * Nobody who helped audit approves the report: the team is frozen once the audit starts, and whoever answered
 * its checklist or raised its findings (even if no longer on its team) is refused.
 */
let k: TestKeel;
let o: Organisation;
let http: ReturnType<typeof caller>;

beforeAll(async () => {
  k = await testKeel();
  o = await organisation(k);
  http = caller(k);
});

const detail = async (url: string) => (await http.get(url, o.auditor)).json();

/** An audit of problem management led by the auditor with top management on its team, started, answered by top. */
async function answeredByTop() {
  const made = await http.post('/api/v1/audits', o.auditor, {
    title: 'Problem management',
    scopeProcesses: ['problem'],
    leadAuditorId: o.auditor.id,
    teamIds: [o.top.id],
    plannedStart: '2026-03-02',
    plannedEnd: '2026-03-04',
  });
  expect(made.statusCode, made.body).toBe(201);
  const url = `/api/v1/audits/${made.json().id}`;
  expect((await http.post(`${url}/start`, o.top)).statusCode).toBe(200);
  for (const item of (await detail(url)).checklist) {
    const res = await http.call(
      'PATCH',
      `${url}/checklist/${item.id}`,
      o.top,
      { answer: 'conformity' },
      {
        'if-match': `"${item.version}"`,
      },
    );
    expect(res.statusCode, res.body).toBe(200);
  }
  return url;
}

describe('approving an audit report', () => {
  it('refuses to change the team or the lead auditor once the audit has started', async () => {
    const url = await answeredByTop();
    const removed = await http.patch(url, o.auditor, { teamIds: [] });
    expect(removed.statusCode, removed.body).toBe(409);
    expect(problemOf(removed).detail).toMatch(/its lead auditor and team no longer change/);
    expect((await http.patch(url, o.auditor, { leadAuditorId: o.former.id })).statusCode).toBe(409);
    // the same team sent again is no change
    expect((await http.patch(url, o.auditor, { teamIds: [o.top.id], criteria: 'x' })).statusCode).toBe(200);
    expect((await detail(url)).teamIds).toEqual([o.top.id]);
  });

  it('refuses top management who answered the checklist, even once off the team', async () => {
    const url = await answeredByTop();
    // the team freezes at start; take top off behind the API's back to prove the answers alone refuse
    await k.db.execute(sql`update audits set team_ids = '{}' where id = ${url.split('/').pop()}::uuid`);
    const reported = await http.post(`${url}/report`, o.auditor, { summary: 's', conclusion: 'c' });
    expect(reported.statusCode, reported.body).toBe(200);
    expect((await http.get(url, o.top)).json().abilities).toMatchObject({ approve: false });
    expect((await http.post(`${url}/approve`, o.top)).statusCode).toBe(403);
    const other = await k.user(['top_management']);
    expect((await http.get(url, other)).json().abilities).toMatchObject({ approve: true });
    expect((await http.post(`${url}/approve`, other)).statusCode).toBe(200);
  });
});
