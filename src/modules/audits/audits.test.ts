import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, testKeel } from '../../testing/harness.ts';
import { checklistFor } from '../readiness/index.ts';
import { caller, type Organisation, organisation } from './audits.fixture.ts';

/** Audit programmes and audits over HTTP: planning, coverage, the checklist, the lifecycle, the report. */
let k: TestKeel;
let o: Organisation;
let http: ReturnType<typeof caller>;
let programmeId: string;

beforeAll(async () => {
  k = await testKeel();
  o = await organisation(k);
  http = caller(k);
});

const programme = {
  title: 'Internal audit programme 2026–2028',
  cycleStart: '2026-01-01',
  cycleEnd: '2028-12-31',
  objectives: 'Every clause and process audited once in the cycle; change and incident every year.',
  method: 'Sampling of records, interviews, observation.',
};
const audit = (over: object = {}) => ({
  programmeId,
  title: 'Change management and incident management',
  scopeClauses: ['8.5.1'],
  scopeProcesses: ['incident'],
  criteria: 'ISO/IEC 20000-1:2018, the change policy CHG-POL',
  leadAuditorId: o.auditor.id,
  plannedStart: '2026-03-02',
  plannedEnd: '2026-03-04',
  ...over,
});

describe('audit programmes', () => {
  it('are drafted by planners, changed while a draft, approved by top management only', async () => {
    expect(
      (await http.post('/api/v1/audit-programmes', o.agent, { ...programme, ownerId: o.head.id })).statusCode,
    ).toBe(403);
    const bad = await http.post('/api/v1/audit-programmes', o.auditor, {
      ...programme,
      cycleEnd: '2025-12-31',
      ownerId: o.customer.id,
    });
    expect(problemOf(bad).errors).toEqual([
      { field: 'cycleEnd', message: 'must not be before cycleStart' },
      { field: 'ownerId', message: 'must be an active member of the staff' },
    ]);
    const made = await http.post('/api/v1/audit-programmes', o.auditor, { ...programme, ownerId: o.head.id });
    expect(made.statusCode, made.body).toBe(201);
    const p = made.json();
    programmeId = p.id;
    expect(p).toMatchObject({ code: 'PRG-2026-01', state: 'draft', version: 1, owner: expect.any(String) });
    expect(p.abilities).toMatchObject({ edit: true, approve: false, planAudits: true });
    const url = `/api/v1/audit-programmes/${p.id}`;
    expect(
      (await k.app.inject({ method: 'PATCH', url, headers: o.auditor.auth, payload: { title: 'x' } }))
        .statusCode,
    ).toBe(428);
    const changed = await http.patch(url, o.auditor, { title: 'Audit programme 2026–2028' });
    expect(changed.json()).toMatchObject({ title: 'Audit programme 2026–2028', version: 2 });
    expect((await http.post(`${url}/approve`, o.auditor)).statusCode).toBe(403);
    expect((await http.post(`${url}/approve`, o.head)).statusCode).toBe(403);
    const approved = await http.post(`${url}/approve`, o.top, { note: 'Approved at the MT meeting' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', approvedBy: expect.any(String) });
    expect((await http.patch(url, o.auditor, { title: 'Again' })).statusCode).toBe(409);
    const entry = await k.db.execute<{ action: string }>(
      sql`select action from audit_log where record_id = 'PRG-2026-01' order by id`,
    );
    expect(entry.rows.map((r) => r.action)).toEqual([
      'audit_programme.created',
      'audit_programme.updated',
      'audit_programme.approved',
    ]);
  });

  it('are listed and read by everyone inside, and by no customer or supplier', async () => {
    const list = await http.get('/api/v1/audit-programmes?state=approved', o.agent);
    expect(list.json()).toMatchObject({ total: 1, items: [{ code: 'PRG-2026-01' }] });
    for (const who of [o.customer, o.supplier]) {
      for (const url of [
        '/api/v1/audit-programmes',
        `/api/v1/audit-programmes/${programmeId}`,
        `/api/v1/audit-programmes/${programmeId}/coverage`,
        '/api/v1/audits',
        '/api/v1/findings',
      ])
        expect((await http.get(url, who)).statusCode, url).toBe(403);
      expect((await http.post('/api/v1/audits', who, audit())).statusCode).toBe(403);
    }
  });
});

describe('planning an audit', () => {
  it('generates its checklist from the clause register for the clauses and processes in scope', async () => {
    const res = await http.post('/api/v1/audits', o.auditor, audit());
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ code: 'AUD-2026-01', state: 'planned', programmeCode: 'PRG-2026-01' });
    const expected = checklistFor(['8.5.1'], ['incident'], 'en');
    expect(expected.length).toBeGreaterThan(3);
    expect(
      a.checklist.map((i: { clause: string; question: string }) => ({
        clause: i.clause,
        question: i.question,
      })),
    ).toEqual(expected);
    expect(a.checklist.map((i: { position: number }) => i.position)).toEqual(expected.map((_, i) => i + 1));
    // a planner may ask in Dutch
    const nl = await http.post(
      '/api/v1/audits',
      o.auditor,
      audit({ scopeProcesses: [], language: 'nl', plannedStart: '2026-09-01', plannedEnd: '2026-09-01' }),
    );
    expect(nl.json().checklist[0].question).toBe(checklistFor(['8.5.1'], [], 'nl')[0]!.question);
    expect(nl.json().code).toBe('AUD-2026-02');
  });

  it('refuses a plan naming what does not exist, field by field, and writes nothing', async () => {
    const count = async () =>
      (await k.db.execute<{ n: number }>(sql`select count(*)::int as n from audits`)).rows[0]!.n;
    const before = await count();
    const res = await http.post(
      '/api/v1/audits',
      o.auditor,
      audit({
        scopeClauses: ['8.5.9'],
        scopeProcesses: ['payroll'],
        plannedStart: '2029-02-01',
        plannedEnd: '2029-01-01',
        teamIds: [o.customer.id],
      }),
    );
    expect(problemOf(res).errors).toEqual([
      { field: 'plannedEnd', message: 'must not be before plannedStart' },
      {
        field: 'plannedStart',
        message: 'must fall within the cycle of PRG-2026-01 (2026-01-01 to 2028-12-31)',
      },
      { field: 'scopeClauses', message: 'not in the clause register: 8.5.9' },
      { field: 'scopeProcesses', message: 'not in the process register: payroll' },
      { field: 'teamIds.0', message: 'must be an active person of the provider' },
    ]);
    const empty = await http.post(
      '/api/v1/audits',
      o.auditor,
      audit({ scopeClauses: [], scopeProcesses: [] }),
    );
    expect(problemOf(empty).errors).toEqual([
      { field: 'scopeClauses', message: 'the scope names at least one clause or process' },
    ]);
    expect(await count()).toBe(before);
    expect((await http.post('/api/v1/audits', o.agent, audit())).statusCode).toBe(403);
    expect(
      (
        await http.post(
          '/api/v1/audits',
          o.head,
          audit({ plannedStart: '2027-05-01', plannedEnd: '2027-05-02' }),
        )
      ).statusCode,
    ).toBe(201);
  });

  it('lists audits by programme, state and window, paged', async () => {
    const all = (await http.get(`/api/v1/audits?programme=${programmeId}&limit=2`, o.agent)).json();
    expect(all.total).toBe(3);
    expect(all.items.map((a: { code: string }) => a.code)).toEqual(['AUD-2026-01', 'AUD-2026-02']);
    const later = (await http.get('/api/v1/audits?from=2026-06-01&to=2027-12-31', o.agent)).json();
    expect(later.items.map((a: { code: string }) => a.code)).toEqual(['AUD-2026-02', 'AUD-2027-01']);
    expect((await http.get('/api/v1/audits?state=completed', o.agent)).json().total).toBe(0);
    expect((await http.get('/api/v1/audits?state=bogus', o.agent)).statusCode).toBe(400);
  });

  it('shows the programme’s coverage with its gaps, and its calendar', async () => {
    const cov = (await http.get(`/api/v1/audit-programmes/${programmeId}/coverage`, o.auditor)).json();
    const clause = (n: string) => cov.clauses.find((c: { clause: string }) => c.clause === n);
    expect(clause('8.5.1').audits.map((a: { code: string }) => a.code)).toEqual([
      'AUD-2026-01',
      'AUD-2026-02',
      'AUD-2027-01',
    ]);
    expect(clause('8.6.1')).toMatchObject({
      covered: true,
      audits: [{ code: 'AUD-2026-01' }, { code: 'AUD-2027-01' }],
    });
    expect(clause('8.6.3').covered).toBe(false);
    expect(cov.gaps.clauses).toContain('9.3');
    expect(cov.gaps.clauses).toContain('8.5.3');
    // a clause the organisation marked not applicable is no gap
    await k.db.execute(
      sql`insert into clause_applicability (clause, applicable, justification) values ('8.5.3', false, 'No releases')`,
    );
    const again = (await http.get(`/api/v1/audit-programmes/${programmeId}/coverage`, o.auditor)).json();
    expect(again.gaps.clauses).not.toContain('8.5.3');
    expect(again.clauses.find((c: { clause: string }) => c.clause === '8.5.3')).toMatchObject({
      applicable: false,
      covered: false,
    });
    expect(cov.gaps.clauses).not.toContain('8.5.1');
    expect(cov.processes).toEqual([
      expect.objectContaining({ key: 'change', audits: [], covered: false, gap: true }),
      expect.objectContaining({ key: 'incident', covered: true, gap: false }),
      expect.objectContaining({ key: 'problem', audits: [], covered: false, gap: true }),
    ]);
    expect(cov.gaps.processes).toEqual(['change', 'problem']);
    const cal = (
      await http.get(
        `/api/v1/audit-programmes/${programmeId}/calendar?from=2026-01-01&to=2026-12-31`,
        o.agent,
      )
    ).json();
    expect(cal).toMatchObject({ cycleStart: '2026-01-01', cycleEnd: '2028-12-31' });
    expect(cal.items.map((a: { code: string; plannedStart: string }) => [a.code, a.plannedStart])).toEqual([
      ['AUD-2026-01', '2026-03-02'],
      ['AUD-2026-02', '2026-09-01'],
    ]);
  });
});

describe('the checklist and the lifecycle of an audit', () => {
  let id: string;
  let url: string;
  const detail = async () => (await http.get(url, o.auditor)).json();
  /** Changes or answers a checklist item, sending its current version as If-Match. */
  const answer = async (itemId: string, body: object, who = o.auditor) => {
    const item = (await detail()).checklist.find((i: { id: string }) => i.id === itemId);
    return http.call('PATCH', `${url}/checklist/${itemId}`, who, body, { 'if-match': `"${item.version}"` });
  };

  beforeAll(async () => {
    id = (await http.get(`/api/v1/audits?programme=${programmeId}`, o.auditor)).json().items[0].id;
    url = `/api/v1/audits/${id}`;
    expect(
      (await http.patch(url, o.auditor, { teamIds: [o.former.id], auditeeIds: [o.changeOwner.id] }))
        .statusCode,
    ).toBe(200);
  });

  it('lets the checklist be shaped: add, reorder, remove', async () => {
    const first = (await detail()).checklist;
    const added = await http.post(`${url}/checklist`, o.auditor, {
      clause: '8.5.1',
      question: 'Are emergency changes ratified afterwards?',
      position: 1,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().items[0]).toMatchObject({
      position: 1,
      question: 'Are emergency changes ratified afterwards?',
    });
    expect(added.json().items).toHaveLength(first.length + 1);
    const ids = added.json().items.map((i: { id: string }) => i.id);
    const reversed = await k.app.inject({
      method: 'PUT',
      url: `${url}/checklist/order`,
      headers: o.auditor.auth,
      payload: { itemIds: [...ids].reverse() },
    });
    expect(reversed.json().items.map((i: { id: string }) => i.id)).toEqual([...ids].reverse());
    const partial = await k.app.inject({
      method: 'PUT',
      url: `${url}/checklist/order`,
      headers: o.auditor.auth,
      payload: { itemIds: ids.slice(1) },
    });
    expect(partial.statusCode).toBe(400);
    const removed = await k.app.inject({
      method: 'DELETE',
      url: `${url}/checklist/${ids[0]}`,
      headers: o.auditor.auth,
    });
    expect(removed.json().items).toHaveLength(first.length);
    expect(removed.json().items.map((i: { position: number }) => i.position)).toEqual(
      first.map((_: unknown, i: number) => i + 1),
    );
    expect(
      (await http.post(`${url}/checklist`, o.agent, { clause: '8.5.1', question: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await http.post(`${url}/checklist`, o.auditor, { clause: '12.1', question: 'x' })).statusCode,
    ).toBe(400);
  });

  it('is answered only by its team while in progress, with evidence that exists', async () => {
    const item = (await detail()).checklist[0];
    expect((await answer(item.id, { answer: 'conformity' })).statusCode).toBe(409);
    expect((await http.post(`${url}/start`, o.top)).statusCode).toBe(403);
    const started = await http.post(`${url}/start`, o.former);
    expect(started.json()).toMatchObject({ state: 'in_progress', startedAt: expect.any(String) });
    expect((await answer(item.id, { answer: 'conformity' }, o.head)).statusCode).toBe(403);
    const bad = await answer(item.id, {
      answer: 'conformity',
      evidence: [
        { kind: 'record', ref: 'CHG-999999', label: 'a change' },
        { kind: 'link', ref: 'javascript:alert(1)' },
        { kind: 'attachment', ref: 'nope' },
      ],
    });
    expect(problemOf(bad).errors).toEqual([
      { field: 'evidence.0.ref', message: 'no record CHG-999999 in Keel' },
      { field: 'evidence.1.ref', message: 'must be a web address (https://…)' },
      { field: 'evidence.2.ref', message: 'must be the id of a file attached in Keel' },
    ]);
    const good = await answer(item.id, {
      answer: 'conformity',
      notes: 'Policy seen, version 3',
      evidence: [
        { kind: 'record', ref: 'prg-2026-01', label: 'the programme' },
        { kind: 'link', ref: 'https://intranet.example/change-policy' },
      ],
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({
      answer: 'conformity',
      answeredBy: expect.any(String),
      evidence: [{ ref: 'PRG-2026-01' }, {}],
    });
    const stale = await k.app.inject({
      method: 'PATCH',
      url: `${url}/checklist/${item.id}`,
      headers: { ...o.auditor.auth, 'if-match': '"1"' },
      payload: { notes: 'x' },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('is reported by its lead auditor once every question is answered and the report written', async () => {
    expect((await http.post(`${url}/report`, o.former, { summary: 's', conclusion: 'c' })).statusCode).toBe(
      403,
    );
    const early = await http.post(`${url}/report`, o.auditor);
    expect(problemOf(early).errors?.map((e) => e.field)).toEqual(['summary', 'conclusion', 'checklist']);
    for (const item of (await detail()).checklist.slice(1))
      expect(
        (await answer(item.id, { answer: item.clause === '8.6.1' ? 'observation' : 'conformity' }))
          .statusCode,
      ).toBe(200);
    const text = await http.patch(url, o.former, { summary: 'Sampled 12 changes and 20 incidents.' });
    expect(text.statusCode, text.body).toBe(200);
    expect((await http.patch(url, o.head, { conclusion: 'x' })).statusCode).toBe(403);
    const reported = await http.post(`${url}/report`, o.auditor, {
      conclusion: 'The processes conform and are effective.',
    });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json()).toMatchObject({
      state: 'reporting',
      summary: 'Sampled 12 changes and 20 incidents.',
    });
    expect((await http.patch(url, o.auditor, { summary: 'late' })).statusCode).toBe(409);
  });

  it('is approved by top management or the programme’s owner, never by one of its auditors', async () => {
    expect((await http.post(`${url}/approve`, o.auditor)).statusCode).toBe(403);
    expect((await http.post(`${url}/approve`, o.former)).statusCode).toBe(403);
    expect((await http.post(`${url}/approve`, o.agent)).statusCode).toBe(403);
    expect((await detail()).abilities).toMatchObject({ approve: false, reopen: true });
    const back = await http.post(`${url}/reopen`, o.top, { note: 'Name the sample' });
    expect(back.json().state).toBe('in_progress');
    expect((await http.post(`${url}/report`, o.auditor)).json().state).toBe('reporting');
    const approved = await http.post(`${url}/approve`, o.head);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      state: 'completed',
      approvedBy: expect.any(String),
      approvedAt: expect.any(String),
    });
    expect((await http.post(`${url}/cancel`, o.auditor, { reason: 'x' })).statusCode).toBe(409);
    const log = await k.db.execute<{ action: string }>(
      sql`select action from audit_log where record_id = 'AUD-2026-01' and action not like 'audit.checklist%' order by id`,
    );
    expect(log.rows.map((r) => r.action)).toEqual([
      'audit.created',
      'audit.updated',
      'audit.started',
      'audit.updated',
      'audit.reported',
      'audit.reopened',
      'audit.reported',
      'audit.approved',
    ]);
  });

  it('prints its report as PDF', async () => {
    const pdf = await http.get(`${url}/report.pdf`, o.agent);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('AUD-2026-01.pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await http.get(`${url}/report.pdf`, o.customer)).statusCode).toBe(403);
  });

  it('is cancelled only with a reason', async () => {
    const other = (await http.get(`/api/v1/audits?programme=${programmeId}&state=planned`, o.auditor)).json()
      .items[0];
    const u = `/api/v1/audits/${other.id}`;
    expect(problemOf(await http.post(`${u}/cancel`, o.auditor)).errors).toEqual([
      { field: 'reason', message: 'is required' },
    ]);
    expect((await http.post(`${u}/cancel`, o.agent, { reason: 'x' })).statusCode).toBe(403);
    const done = await http.post(`${u}/cancel`, o.auditor, { reason: 'Merged into the 2027 audit' });
    expect(done.json()).toMatchObject({ state: 'cancelled', cancelReason: 'Merged into the 2027 audit' });
  });
});

describe('the internal auditor', () => {
  it('writes audit work and nothing else', async () => {
    const risk = await http.post('/api/v1/risks', o.auditor, {
      kind: 'risk',
      title: 'x',
      ownerId: o.head.id,
      inherentLikelihood: 1,
      inherentImpact: 1,
      residualLikelihood: 1,
      residualImpact: 1,
      treatment: 'accept',
      reviewDue: '2027-01-01',
    });
    expect(risk.statusCode).toBe(403);
    expect((await http.post('/api/v1/processes', o.auditor, { key: 'x', name: 'X' })).statusCode).toBe(403);
    expect(
      (await http.post('/api/v1/audit-programmes', o.auditor, { ...programme, ownerId: o.head.id }))
        .statusCode,
    ).toBe(201);
  });
});
