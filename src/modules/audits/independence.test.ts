import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, testKeel } from '../../testing/harness.ts';
import { caller, type Organisation, organisation } from './audits.fixture.ts';

/**
 * The auditor's independence (9.2): nobody is lead auditor or team member of an audit whose scope includes a
 * process they own or are Responsible for (RACI, through a role they are appointed to today).
 */
let k: TestKeel;
let o: Organisation;
let http: ReturnType<typeof caller>;

beforeAll(async () => {
  k = await testKeel();
  o = await organisation(k);
  http = caller(k);
});

const audit = (over: object = {}) => ({
  title: 'Change management audit',
  scopeProcesses: ['change'],
  leadAuditorId: o.auditor.id,
  plannedStart: '2026-03-02',
  plannedEnd: '2026-03-04',
  ...over,
});
const audits = async () =>
  (await k.db.execute<{ n: number }>(sql`select count(*)::int as n from audits`)).rows[0]!.n;

describe('independence', () => {
  it('an auditor who is Responsible for change management cannot be put on an audit of change management', async () => {
    const before = await audits();
    const lead = await http.post('/api/v1/audits', o.auditor, audit({ leadAuditorId: o.responsible.id }));
    expect(lead.statusCode, lead.body).toBe(422);
    const p = problemOf(lead);
    expect(p.type).toBe('urn:keel:problem:auditor-independence');
    expect(p.errors).toEqual([
      {
        field: 'leadAuditorId',
        message: expect.stringMatching(
          /Test internal_auditor \d+ is Responsible in the process Change management \(change\) as Change coordinator/,
        ),
      },
    ]);
    const member = await http.post('/api/v1/audits', o.auditor, audit({ teamIds: [o.responsible.id] }));
    expect(member.statusCode).toBe(422);
    expect(problemOf(member).errors?.map((e) => e.field)).toEqual(['teamIds.0']);
    // nothing was written, the checklist neither
    expect(await audits()).toBe(before);
  });

  it('refuses the owner of a process in scope, naming the person and the process', async () => {
    const res = await http.post('/api/v1/audits', o.top, audit({ teamIds: [o.changeOwner.id] }));
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).detail).toMatch(/owns the process Change management \(change\)/);
  });

  it('lets the same auditor audit another process, and someone whose appointment has ended audit this one', async () => {
    const other = await http.post(
      '/api/v1/audits',
      o.auditor,
      audit({ title: 'Incident audit', scopeProcesses: ['incident'], leadAuditorId: o.responsible.id }),
    );
    expect(other.statusCode, other.body).toBe(201);
    const ended = await http.post('/api/v1/audits', o.auditor, audit({ teamIds: [o.former.id] }));
    expect(ended.statusCode, ended.body).toBe(201);
  });

  it('is checked again when the team or the scope changes', async () => {
    const made = await http.post(
      '/api/v1/audits',
      o.auditor,
      audit({ title: 'Problem audit', scopeProcesses: ['problem'], leadAuditorId: o.responsible.id }),
    );
    expect(made.statusCode, made.body).toBe(201);
    const url = `/api/v1/audits/${made.json().id}`;
    const scope = await http.patch(url, o.auditor, { scopeProcesses: ['problem', 'change'] });
    expect(scope.statusCode).toBe(422);
    expect(problemOf(scope).detail).toMatch(/Responsible in the process Change management/);
    const team = await http.patch(url, o.auditor, { teamIds: [o.head.id] });
    expect(team.statusCode, team.body).toBe(200);
    const owner = await http.patch(url, o.auditor, {
      scopeProcesses: ['problem', 'incident'],
      leadAuditorId: o.auditor.id,
    });
    expect(owner.statusCode).toBe(422);
    expect(problemOf(owner).errors).toEqual([
      {
        field: 'teamIds.0',
        message: expect.stringMatching(/owns the process Incident management \(incident\)/),
      },
    ]);
    const kept = (await http.get(url, o.auditor)).json();
    expect(kept.scopeProcesses).toEqual(['problem']);
    expect(kept.teamIds).toEqual([o.head.id]);
  });

  it('reaches the processes behind the clauses in scope: the change owner cannot lead an audit of 8.5.1', async () => {
    const before = await audits();
    const res = await http.post(
      '/api/v1/audits',
      o.auditor,
      audit({ scopeProcesses: [], scopeClauses: ['8.5.1'], leadAuditorId: o.changeOwner.id }),
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(problemOf(res).errors).toEqual([
      {
        field: 'leadAuditorId',
        message: expect.stringMatching(/owns the process Change management \(change\)/),
      },
    ]);
    expect(await audits()).toBe(before);
  });

  it('is checked again when only the clauses in scope change', async () => {
    const made = await http.post(
      '/api/v1/audits',
      o.auditor,
      audit({
        title: 'Clause audit',
        scopeProcesses: [],
        scopeClauses: ['8.6.1'],
        teamIds: [o.changeOwner.id],
      }),
    );
    expect(made.statusCode, made.body).toBe(201);
    const url = `/api/v1/audits/${made.json().id}`;
    const res = await http.patch(url, o.auditor, { scopeClauses: ['8.6.1', '8.5.1'] });
    expect(res.statusCode, res.body).toBe(422);
    expect(problemOf(res).errors?.map((e) => e.field)).toEqual(['teamIds.0']);
    expect((await http.get(url, o.auditor)).json().scopeClauses).toEqual(['8.6.1']);
  });

  describe("over the audit's dates, holders and deputies alike", () => {
    let roleId: string;
    const release = (over: object = {}) =>
      audit({
        title: 'Release audit',
        scopeProcesses: ['release'],
        plannedStart: '2031-03-02',
        plannedEnd: '2031-03-06',
        ...over,
      });
    const appoint = async (body: object) => {
      const res = await http.post('/api/v1/appointments', o.top, { roleId, ...body });
      expect(res.statusCode, res.body).toBe(201);
    };

    beforeAll(async () => {
      const role = await http.post('/api/v1/roles', o.top, {
        key: 'release-coordinator',
        name: 'Release coordinator',
        needsDeputy: false,
      });
      roleId = role.json().id;
      const process = await http.post('/api/v1/processes', o.top, {
        key: 'release',
        name: 'Release management',
        raci: [{ activity: 'Plan releases', cells: { 'release-coordinator': 'R', 'change-authority': 'A' } }],
      });
      expect(process.statusCode, process.body).toBe(201);
    });

    it('refuses the deputy of a role Responsible for a process in scope', async () => {
      const [holder, deputy] = await Promise.all([k.user(['change_manager']), k.user(['internal_auditor'])]);
      await appoint({ userId: holder.id, deputyId: deputy.id, startsOn: '2025-01-01' });
      const res = await http.post('/api/v1/audits', o.auditor, release({ leadAuditorId: deputy.id }));
      expect(res.statusCode, res.body).toBe(422);
      expect(problemOf(res).errors).toEqual([
        {
          field: 'leadAuditorId',
          message: expect.stringMatching(
            /Responsible in the process Release management \(release\) as deputy Release coordinator/,
          ),
        },
      ]);
    });

    it('refuses someone appointed for days overlapping the audit, not only today', async () => {
      const later = await k.user(['internal_auditor']);
      await appoint({ userId: later.id, startsOn: '2031-03-05', endsOn: '2031-12-31' });
      const res = await http.post('/api/v1/audits', o.auditor, release({ teamIds: [later.id] }));
      expect(res.statusCode, res.body).toBe(422);
      const before = await http.post(
        '/api/v1/audits',
        o.auditor,
        release({ teamIds: [later.id], plannedStart: '2031-02-02', plannedEnd: '2031-02-06' }),
      );
      expect(before.statusCode, before.body).toBe(201);
    });

    it('is checked again when the audit starts', async () => {
      const member = await k.user(['internal_auditor']);
      const made = await http.post('/api/v1/audits', o.auditor, release({ teamIds: [member.id] }));
      expect(made.statusCode, made.body).toBe(201);
      await appoint({ userId: member.id, startsOn: '2030-01-01' });
      const url = `/api/v1/audits/${made.json().id}`;
      const start = await http.post(`${url}/start`, o.auditor);
      expect(start.statusCode, start.body).toBe(422);
      expect(problemOf(start).errors?.map((e) => e.field)).toEqual(['teamIds.0']);
      expect((await http.get(url, o.auditor)).json().state).toBe('planned');
    });
  });
});
