import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, testKeel } from '../../testing/harness.ts';
import { checklistFor } from '../readiness/index.ts';
import { caller, type Organisation, organisation } from './audits.fixture.ts';

/** Changing a checklist item: every change, even an empty one, passes the permission and state checks. */
let k: TestKeel;
let o: Organisation;
let http: ReturnType<typeof caller>;
let url: string;

beforeAll(async () => {
  k = await testKeel();
  o = await organisation(k);
  http = caller(k);
  const made = await http.post('/api/v1/audits', o.auditor, {
    title: 'Problem management',
    scopeProcesses: ['problem'],
    leadAuditorId: o.auditor.id,
    plannedStart: '2026-03-02',
    plannedEnd: '2026-03-04',
  });
  expect(made.statusCode, made.body).toBe(201);
  url = `/api/v1/audits/${made.json().id}`;
});

const firstItem = async () => (await http.get(url, o.auditor)).json().checklist[0];
const patchItem = async (who: typeof o.auditor, body: object) => {
  const item = await firstItem();
  return http.call('PATCH', `${url}/checklist/${item.id}`, who, body, { 'if-match': `"${item.version}"` });
};
const entries = async () =>
  (
    await k.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action like 'audit.checklist%'`,
    )
  ).rows[0]!.n;

describe('an empty checklist change', () => {
  it('is refused to someone who may not touch the checklist', async () => {
    expect((await patchItem(o.agent, {})).statusCode).toBe(403);
  });

  it('is a field error for the team, and writes neither a version nor a log entry', async () => {
    const before = await firstItem();
    const logged = await entries();
    const res = await patchItem(o.auditor, {});
    expect(res.statusCode, res.body).toBe(400);
    expect(problemOf(res).errors).toEqual([{ field: 'body', message: 'names nothing to change' }]);
    expect((await firstItem()).version).toBe(before.version);
    expect(await entries()).toBe(logged);
  });

  it('is refused once the audit is cancelled', async () => {
    expect((await http.post(`${url}/cancel`, o.auditor, { reason: 'Moved' })).statusCode).toBe(200);
    expect((await patchItem(o.auditor, {})).statusCode).toBe(409);
  });
});

describe('an auditee', () => {
  it('is not the lead auditor nor on the team of the same audit', async () => {
    const res = await http.post('/api/v1/audits', o.auditor, {
      title: 'Problem management',
      scopeProcesses: ['problem'],
      leadAuditorId: o.auditor.id,
      teamIds: [o.former.id],
      auditeeIds: [o.head.id, o.auditor.id, o.former.id],
      plannedStart: '2026-03-02',
      plannedEnd: '2026-03-04',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(problemOf(res).errors).toEqual([
      { field: 'auditeeIds.1', message: 'is the lead auditor, who cannot be audited too' },
      { field: 'auditeeIds.2', message: 'is on the audit team, who cannot be audited too' },
    ]);
  });
});

describe('questions generated when the scope grows', () => {
  it('are added for a clause the team already asked its own question of', async () => {
    const made = await http.post('/api/v1/audits', o.auditor, {
      title: 'Incident management',
      scopeProcesses: ['incident'],
      leadAuditorId: o.auditor.id,
      plannedStart: '2026-03-02',
      plannedEnd: '2026-03-04',
    });
    expect(made.statusCode, made.body).toBe(201);
    const u = `/api/v1/audits/${made.json().id}`;
    const own = await http.post(`${u}/checklist`, o.auditor, {
      clause: '8.5.1',
      question: 'Our own question?',
    });
    expect(own.statusCode, own.body).toBe(201);
    expect((await http.patch(u, o.auditor, { scopeClauses: ['8.5.1'] })).statusCode).toBe(200);
    const asked = (await http.get(u, o.auditor)).json().checklist as { clause: string; question: string }[];
    const generated = checklistFor(['8.5.1'], [], 'en').map((q) => q.question);
    expect(asked.filter((i) => i.clause === '8.5.1').map((i) => i.question)).toEqual([
      'Our own question?',
      ...generated,
    ]);
    // asking again adds nothing twice
    expect((await http.patch(u, o.auditor, { scopeProcesses: ['incident', 'change'] })).statusCode).toBe(200);
    const again = (await http.get(u, o.auditor)).json().checklist as { clause: string }[];
    expect(again.filter((i) => i.clause === '8.5.1')).toHaveLength(generated.length + 1);
  });
});
