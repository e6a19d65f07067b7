import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, testKeel } from '../../testing/harness.ts';
import { caller, type Organisation, organisation } from './audits.fixture.ts';
import { addMonths } from './frequency.ts';

/**
 * The programme's process coverage over HTTP: each process's risk (rated by the planner), its last completed
 * audit and findings, how often it is audited, when it is next due, and whether that makes it a gap.
 */
let k: TestKeel;
let o: Organisation;
let http: ReturnType<typeof caller>;
let programmeId: string;
let url: string;
const today = new Date().toISOString().slice(0, 10);
const cycleStart = `${today.slice(0, 4)}-01-01`;
const cycleEnd = `${Number(today.slice(0, 4)) + 2}-12-31`;

beforeAll(async () => {
  k = await testKeel();
  o = await organisation(k);
  http = caller(k);
  const made = await http.post('/api/v1/audit-programmes', o.auditor, {
    title: 'Three-year programme',
    cycleStart,
    cycleEnd,
    ownerId: o.head.id,
  });
  expect(made.statusCode, made.body).toBe(201);
  programmeId = made.json().id;
  url = `/api/v1/audit-programmes/${programmeId}`;
});

type Process = { key: string; [k: string]: unknown };
/** Rates risks, sending the programme's ETag as read by a planner (the route has no GET of its own). */
const rate = async (who: Organisation['top'], processRisk: object) => {
  const etag = (await http.get(url, o.auditor)).headers.etag as string;
  return http.call('PATCH', `${url}/process-risk`, who, { processRisk }, { 'if-match': etag });
};
const coverage = async () => (await http.get(`${url}/coverage`, o.agent)).json();
const processOf = async (key: string) =>
  (await coverage()).processes.find((p: Process) => p.key === key) as Process;

/** Plans an audit of one process in the programme, and (unless only planned) carries it out to completion. */
async function audit(process: string, findings: string[], start = today, complete = true) {
  const made = await http.post('/api/v1/audits', o.auditor, {
    programmeId,
    title: `Audit of ${process}`,
    scopeProcesses: [process],
    leadAuditorId: o.auditor.id,
    plannedStart: start,
    plannedEnd: start,
  });
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  if (!complete) return { id, startedOn: null };
  const started = await http.post(`/api/v1/audits/${id}/start`, o.auditor);
  expect(started.statusCode, started.body).toBe(200);
  for (const kind of findings) {
    const f = await http.post('/api/v1/findings', o.auditor, {
      auditId: id,
      kind,
      clause: '8.6.1',
      processKey: process,
      title: `A ${kind} in ${process}`,
    });
    expect(f.statusCode, f.body).toBe(201);
  }
  for (const item of started.json().checklist as Array<{ id: string; version: number }>) {
    const answered = await http.call(
      'PATCH',
      `/api/v1/audits/${id}/checklist/${item.id}`,
      o.auditor,
      { answer: 'conformity' },
      { 'if-match': `"${item.version}"` },
    );
    expect(answered.statusCode, answered.body).toBe(200);
  }
  const reported = await http.post(`/api/v1/audits/${id}/report`, o.auditor, {
    summary: 'Sampled records.',
    conclusion: 'See findings.',
  });
  expect(reported.statusCode, reported.body).toBe(200);
  const approved = await http.post(`/api/v1/audits/${id}/approve`, o.top);
  expect(approved.statusCode, approved.body).toBe(200);
  expect(approved.json().state).toBe('completed');
  return { id, startedOn: (started.json().startedAt as string).slice(0, 10) };
}

describe('rating process risk', () => {
  it('is kept by the planners and the owner, checked against the register, and recorded', async () => {
    const bad = await rate(o.auditor, { incident: 'low', nope: 'high' });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors).toEqual([
      { field: 'processRisk.nope', message: 'is not a process of the register' },
    ]);
    const level = await rate(o.auditor, { incident: 'severe' });
    expect(level.statusCode).toBe(400);
    expect((await rate(o.agent, {})).statusCode).toBe(403);
    expect((await rate(o.customer, {})).statusCode).toBe(403);
    // nothing was written by the refusals
    expect((await http.get(url, o.auditor)).json()).toMatchObject({ processRisk: {}, version: 1 });

    // approved programmes are rated too: risk changes during the cycle
    expect((await http.post(`${url}/approve`, o.top)).statusCode).toBe(200);
    expect((await http.get(url, o.head)).json().abilities).toMatchObject({ edit: false, rateRisk: true });
    const rated = await rate(o.head, { Incident: 'low', problem: 'low' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().processRisk).toEqual({ incident: 'low', problem: 'low' });
    const log = await k.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'audit_programme.risk_rated'`,
    );
    expect(log.rows[0]!.n).toBe(1);
  });
});

describe('how often each process is audited', () => {
  let incident: { id: string; startedOn: string | null };
  let problem: { id: string; startedOn: string | null };

  it('brings a process with a major NC in its last audit back 12 months after, whatever its risk', async () => {
    incident = await audit('incident', ['major_nc', 'ofi']);
    const p = await processOf('incident');
    expect(p).toMatchObject({
      risk: 'low',
      lastAudited: incident.startedOn,
      lastAudit: { id: incident.id },
      lastFindings: { major_nc: 1, minor_nc: 0, observation: 0, ofi: 1 },
      intervalMonths: 12,
      nextDue: addMonths(incident.startedOn!, 12),
    });
  });

  it('leaves a low-risk process without findings for 36 months', async () => {
    problem = await audit('problem', []);
    expect(await processOf('problem')).toMatchObject({
      risk: 'low',
      lastAudited: problem.startedOn,
      lastFindings: { major_nc: 0, minor_nc: 0, observation: 0, ofi: 0 },
      intervalMonths: 36,
      nextDue: addMonths(problem.startedOn!, 36),
      // due after the cycle, and audited in it
      gap: false,
    });
  });

  it('shows a never-audited, unrated process due from the cycle start, and as a gap', async () => {
    expect(await processOf('change')).toMatchObject({
      risk: 'medium',
      lastAudited: null,
      lastAudit: null,
      intervalMonths: 24,
      nextDue: addMonths(cycleStart, 24),
      audits: [],
      gap: true,
    });
  });

  it('finds the gap of a process due inside the cycle with no audit planned by then', async () => {
    const due = addMonths(incident.startedOn!, 12);
    expect(await processOf('incident')).toMatchObject({ gap: true });
    expect((await coverage()).gaps.processes).toEqual(['change', 'incident']);
    // an audit planned after the due day leaves it a gap; one planned by then closes it
    await audit('incident', [], addMonths(due, 1), false);
    expect(await processOf('incident')).toMatchObject({ gap: true });
    const onTime = await audit('incident', [], addMonths(due, -1), false);
    const p = await processOf('incident');
    expect(p.gap).toBe(false);
    expect((p.audits as Array<{ id: string }>).map((a) => a.id)).toContain(onTime.id);
    expect((await coverage()).gaps.processes).toEqual(['change']);
  });
});
