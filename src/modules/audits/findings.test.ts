import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, testKeel } from '../../testing/harness.ts';
import { caller, type Organisation, organisation } from './audits.fixture.ts';

/** Findings over HTTP: raised by the audit's team, nonconformities raising their NC, OFIs to the register. */
let k: TestKeel;
let o: Organisation;
let http: ReturnType<typeof caller>;
let auditId: string;
let checklist: Array<{ id: string; clause: string; answer: string | null }>;

beforeAll(async () => {
  k = await testKeel();
  o = await organisation(k);
  http = caller(k);
  const made = await http.post('/api/v1/audits', o.auditor, {
    title: 'Incident management',
    scopeProcesses: ['incident'],
    leadAuditorId: o.auditor.id,
    teamIds: [o.former.id],
    plannedStart: '2026-04-01',
    plannedEnd: '2026-04-02',
  });
  expect(made.statusCode, made.body).toBe(201);
  auditId = made.json().id;
});

const finding = (over: object = {}) => ({
  auditId,
  kind: 'minor_nc',
  title: 'Major incidents not reviewed',
  statement: 'Two of three major incidents in the sample had no review.',
  ...over,
});

describe('findings', () => {
  it('are raised only while the audit is in progress, by its team', async () => {
    expect((await http.post('/api/v1/findings', o.auditor, finding({ clause: '8.6.1' }))).statusCode).toBe(
      409,
    );
    const started = await http.post(`/api/v1/audits/${auditId}/start`, o.auditor);
    expect(started.statusCode).toBe(200);
    checklist = started.json().checklist;
    expect((await http.post('/api/v1/findings', o.top, finding({ clause: '8.6.1' }))).statusCode).toBe(403);
    expect((await http.post('/api/v1/findings', o.customer, finding({ clause: '8.6.1' }))).statusCode).toBe(
      403,
    );
    const none = await http.post('/api/v1/findings', o.auditor, finding());
    expect(problemOf(none).errors).toEqual([
      { field: 'clause', message: 'is required (or raise it from a checklist question)' },
    ]);
  });

  it('raise a nonconformity at once for a major or minor nonconformity, and answer their question', async () => {
    const item = checklist[0]!;
    const res = await http.post(
      '/api/v1/findings',
      o.auditor,
      finding({
        kind: 'major_nc',
        checklistItemId: item.id,
        evidence: [{ kind: 'record', ref: 'AUD-2026-01', label: 'this audit' }],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const f = res.json();
    expect(f).toMatchObject({
      code: 'AUD-2026-01-F01',
      kind: 'major_nc',
      clause: item.clause,
      processKey: 'incident',
      checklistItemId: item.id,
      nonconformityId: expect.any(String),
      nonconformityNumber: expect.stringMatching(/^NC-\d+$/),
    });
    const nc = await k.db.execute<{
      severity: string;
      source: string;
      source_ref: string;
      assignee_id: string;
    }>(sql`
      select n.severity, n.source, n.source_ref, w.assignee_id
        from nonconformities n join work_items w on w.id = n.work_item_id
       where n.finding_id = ${f.id}`);
    // the owner of the incident process answers it
    expect(nc.rows).toEqual([
      { severity: 'major', source: 'audit', source_ref: 'AUD-2026-01-F01', assignee_id: o.head.id },
    ]);
    const audit = (await http.get(`/api/v1/audits/${auditId}`, o.auditor)).json();
    expect(audit.checklist[0]).toMatchObject({ id: item.id, answer: 'finding' });
    expect(audit.findingList.map((x: { code: string }) => x.code)).toEqual(['AUD-2026-01-F01']);

    const minor = await http.post('/api/v1/findings', o.former, finding({ clause: '8.6.1' }));
    expect(minor.json()).toMatchObject({
      code: 'AUD-2026-01-F02',
      nonconformityNumber: expect.stringMatching(/^NC-/),
    });
  });

  it('write nothing when the nonconformity cannot be raised or the evidence is wrong', async () => {
    const count = async () =>
      (await k.db.execute<{ n: number }>(sql`select count(*)::int as n from findings`)).rows[0]!.n;
    const before = await count();
    const bad = await http.post(
      '/api/v1/findings',
      o.auditor,
      finding({ clause: '8.6.1', evidence: [{ kind: 'record', ref: 'INC-424242' }] }),
    );
    expect(problemOf(bad).errors).toEqual([
      { field: 'evidence.0.ref', message: 'no record INC-424242 in Keel' },
    ]);
    const wrongItem = await http.post('/api/v1/findings', o.auditor, finding({ checklistItemId: auditId }));
    expect(wrongItem.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('send an opportunity for improvement to the improvement register, once', async () => {
    const obs = await http.post(
      '/api/v1/findings',
      o.auditor,
      finding({ kind: 'observation', clause: '8.6.1', title: 'Slow updates to users' }),
    );
    expect(obs.json()).toMatchObject({ kind: 'observation', nonconformityId: null, improvementId: null });
    expect(
      problemOf(
        await http.post(
          '/api/v1/findings',
          o.auditor,
          finding({ kind: 'minor_nc', clause: '8.6.1', toImprovements: true }),
        ),
      ).errors,
    ).toEqual([
      { field: 'toImprovements', message: 'only an opportunity for improvement goes to the register' },
    ]);
    const at = await http.post(
      '/api/v1/findings',
      o.auditor,
      finding({
        kind: 'ofi',
        clause: '8.6.1',
        title: 'Automate major incident reviews',
        toImprovements: true,
      }),
    );
    expect(at.statusCode, at.body).toBe(201);
    expect(at.json().improvementId).toEqual(expect.any(String));
    const later = await http.post(
      '/api/v1/findings',
      o.auditor,
      finding({ kind: 'ofi', clause: '8.6.1', title: 'Knowledge for agents' }),
    );
    const url = `/api/v1/findings/${later.json().id}/improvement`;
    expect((await http.post(url, o.top)).statusCode).toBe(403);
    const sent = await http.post(url, o.former);
    expect(sent.statusCode, sent.body).toBe(200);
    const imp = await k.db.execute<{ source: string; source_ref: string; title: string }>(
      sql`select source, source_ref, title from improvements where id = ${sent.json().improvementId}`,
    );
    expect(imp.rows).toEqual([
      { source: 'audit', source_ref: later.json().code, title: 'Knowledge for agents' },
    ]);
    expect((await http.post(url, o.former)).statusCode).toBe(409);
    expect((await http.post(`/api/v1/findings/${obs.json().id}/improvement`, o.auditor)).statusCode).toBe(
      409,
    );
  });

  it('are listed by audit, kind and clause, paged, for everyone inside', async () => {
    const all = (await http.get(`/api/v1/findings?audit=${auditId}&limit=2`, o.agent)).json();
    expect(all.total).toBe(5);
    expect(all.items.map((f: { code: string }) => f.code)).toEqual(['AUD-2026-01-F01', 'AUD-2026-01-F02']);
    const ncs = (await http.get('/api/v1/findings?kind=major_nc,minor_nc', o.agent)).json();
    expect(ncs.items.map((f: { kind: string }) => f.kind)).toEqual(['major_nc', 'minor_nc']);
    expect((await http.get('/api/v1/findings?clause=9.3', o.agent)).json().total).toBe(0);
    const one = await http.get(`/api/v1/findings/${all.items[0].id}`, o.agent);
    expect(one.json()).toMatchObject({ code: 'AUD-2026-01-F01', auditCode: 'AUD-2026-01' });
    expect((await http.get(`/api/v1/findings/${all.items[0].id}`, o.supplier)).statusCode).toBe(403);
    const log = await k.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'finding.raised'`,
    );
    expect(log.rows[0]!.n).toBe(5);
  });
});
