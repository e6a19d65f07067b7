// Past 400 lines: the catalogue, appointments, RACI and gaps tests build on the roles and appointments the
// ones before made; the gaps only show with all of them in place.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../kernel/db/database.ts';
import * as schema from '../../kernel/db/schema.ts';
import { JobWorker } from '../../kernel/jobs/worker.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { appointmentJobs } from './commands/appointments.ts';
import { presentRole } from './queries.ts';

/** Roles, appointments driving access, deputies, RACI, competences and the gaps between them (5.3, 7.2). */
let k: TestKeel;
let head: TestUser;
let top: TestUser;
let agent: TestUser;
let deputy: TestUser;
let auditor: TestUser;
let admin: TestUser;
let customer: TestUser;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);
const get = (url: string, who: TestUser) => call('GET', url, who);
const rolesOf = async (who: TestUser) => (await get('/api/v1/me', who)).json().roles as string[];
const dayFrom = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  k = await testKeel();
  [head, top, agent, deputy, auditor, admin, customer] = await Promise.all([
    k.user(['process_owner']),
    k.user(['top_management']),
    k.user(['service_desk_agent']),
    k.user(['resolver']),
    k.user(['internal_auditor']),
    k.user(['administrator']),
    k.user(['customer']),
  ]);
});

let changeManager: string;
let deskLead: string;

describe('the role catalogue', () => {
  it('validates roles, and only top management or administrators make a role that gives access', async () => {
    const bad = await post('/api/v1/roles', head, {
      key: 'Change Manager!',
      name: ' ',
      accessRole: 'customer',
      processKey: 'nowhere',
    });
    expect(
      problemOf(bad)
        .errors!.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['name']);
    const shape = await post('/api/v1/roles', head, {
      key: 'Change Manager!',
      name: 'x',
      accessRole: 'customer',
      processKey: 'nowhere',
    });
    expect(problemOf(shape).errors).toEqual([
      { field: 'key', message: expect.stringContaining('lower-case letters') },
      { field: 'accessRole', message: 'must be one of Keel’s staff or auditor access roles' },
      { field: 'processKey', message: 'is not in the process register' },
    ]);
    const role = {
      key: 'change-manager',
      name: 'Change manager',
      description: 'Runs change enablement',
      responsibilities: ['Chairs the change advisory board', 'Keeps the change schedule'],
      authorities: ['approve_normal_change', 'approve_standard_change'],
      competences: ['ITIL 4 Foundation', 'Change enablement practice'],
      accessRole: 'change_manager',
    };
    expect((await post('/api/v1/roles', head, role)).statusCode).toBe(403);
    expect((await post('/api/v1/roles', agent, role)).statusCode).toBe(403);
    const made = await post('/api/v1/roles', top, role);
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ key: 'change-manager', accessRole: 'change_manager', holders: [] });
    changeManager = made.json().id;
    expect(problemOf(await post('/api/v1/roles', top, role)).errors).toEqual([
      { field: 'key', message: 'is already in use' },
    ]);
    const lead = await post('/api/v1/roles', head, {
      key: 'desk-lead',
      name: 'Service desk lead',
      authorities: ['declare_major_incident'],
      needsDeputy: false,
    });
    expect(lead.statusCode).toBe(201);
    deskLead = lead.json().id;
    // the process owner may not make an existing role give access afterwards either
    const etag = lead.headers.etag as string;
    expect(
      (
        await call(
          'PATCH',
          `/api/v1/roles/${deskLead}`,
          head,
          { accessRole: 'administrator' },
          { 'if-match': etag },
        )
      ).statusCode,
    ).toBe(403);
    const listed = await get('/api/v1/roles', auditor);
    expect(listed.json().items.map((r: { key: string }) => r.key)).toEqual(['change-manager', 'desk-lead']);
    expect((await get('/api/v1/roles', customer)).statusCode).toBe(403);
  });
});

describe('appointments', () => {
  it('give the role’s access role from the first to the last day, and never touch direct grants', async () => {
    const refused = await post('/api/v1/appointments', head, {
      roleId: changeManager,
      userId: agent.id,
      startsOn: dayFrom(-10),
    });
    expect(refused.statusCode).toBe(403);
    const made = await post('/api/v1/appointments', top, {
      roleId: changeManager,
      userId: agent.id,
      startsOn: dayFrom(-10),
      note: 'Board decision 2026-11',
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({
      state: 'current',
      userName: expect.any(String),
      deputyActing: false,
    });
    expect(await rolesOf(agent)).toEqual(['change_manager', 'service_desk_agent']);
    const user = (await get(`/api/v1/users/${agent.id}`, admin)).json();
    expect(user).toMatchObject({ directRoles: ['service_desk_agent'], appointedRoles: ['change_manager'] });
    // an administrator saving the person's direct roles leaves the appointment's role alone
    const u = await get(`/api/v1/users/${agent.id}`, admin);
    await call(
      'PATCH',
      `/api/v1/users/${agent.id}`,
      admin,
      { roles: ['service_desk_agent', 'resolver'] },
      {
        'if-match': u.headers.etag as string,
      },
    );
    expect(await rolesOf(agent)).toEqual(['change_manager', 'resolver', 'service_desk_agent']);
    // ending the appointment takes the role away at once
    const ended = await call(
      'PATCH',
      `/api/v1/appointments/${made.json().id}`,
      top,
      { endsOn: dayFrom(-1) },
      { 'if-match': made.headers.etag as string },
    );
    expect(ended.json()).toMatchObject({ state: 'ended' });
    expect(await rolesOf(agent)).toEqual(['resolver', 'service_desk_agent']);
    const audit = await k.db.execute<{ action: string }>(sql`
      select action from audit_log where record_id = 'change-manager' and action like 'appointment.%' order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['appointment.made', 'appointment.changed']);
  });

  it('validates dates, people and the auditor’s independence', async () => {
    const bad = await post('/api/v1/appointments', top, {
      roleId: changeManager,
      userId: customer.id,
      deputyId: customer.id,
      startsOn: '2026-12-01',
      endsOn: '2026-11-01',
      awayFrom: '2026-12-05',
    });
    expect(problemOf(bad).errors).toEqual([
      { field: 'endsOn', message: 'cannot be before the start' },
      { field: 'awayUntil', message: 'give both days of the absence' },
      { field: 'userId', message: 'must be an active member of the staff' },
      { field: 'deputyId', message: 'cannot be the holder' },
    ]);
    const auditorClash = await post('/api/v1/appointments', top, {
      roleId: changeManager,
      userId: auditor.id,
      startsOn: dayFrom(0),
    });
    expect(problemOf(auditorClash).errors).toEqual([
      { field: 'userId', message: 'an internal auditor cannot also take a role that gives other access' },
    ]);
    const away = await post('/api/v1/appointments', top, {
      roleId: changeManager,
      userId: head.id,
      startsOn: dayFrom(0),
      awayFrom: dayFrom(0),
      awayUntil: dayFrom(3),
    });
    expect(problemOf(away).errors).toEqual([
      { field: 'deputyId', message: 'name the deputy who acts during the absence' },
    ]);
  });

  it('let the deputy act while the holder is away, and start on their first day through the job', async () => {
    const made = await post('/api/v1/appointments', top, {
      roleId: changeManager,
      userId: head.id,
      deputyId: deputy.id,
      startsOn: dayFrom(0),
    });
    expect(made.statusCode).toBe(201);
    expect(await rolesOf(head)).toContain('change_manager');
    expect(await rolesOf(deputy)).toEqual(['resolver']);
    const away = await call(
      'PATCH',
      `/api/v1/appointments/${made.json().id}`,
      top,
      { awayFrom: dayFrom(0), awayUntil: dayFrom(6) },
      { 'if-match': made.headers.etag as string },
    );
    expect(away.json()).toMatchObject({ deputyActing: true });
    expect(await rolesOf(deputy)).toEqual(['change_manager', 'resolver']);
    const notes = await k.db.execute<{ text: string }>(
      sql`select text from notifications where user_id = ${deputy.id} order by id`,
    );
    expect(notes.rows[0]!.text).toMatch(/deputy for the role Change manager/);

    // a future appointment gives nothing yet; its job applies it on its first day
    const later = await post('/api/v1/appointments', top, {
      roleId: changeManager,
      userId: deputy.id,
      startsOn: dayFrom(5),
    });
    expect(later.json()).toMatchObject({ state: 'future' });
    const job = await k.db.execute<{ due: string }>(sql`
      select to_char(due_at at time zone 'utc', 'YYYY-MM-DD') as due from jobs
       where kind = 'appointment.sync' and state = 'queued' and unique_key like ${`appointment:${later.json().id}:%`}`);
    expect(job.rows.map((r) => r.due)).toEqual([dayFrom(5)]);
    // the day comes: the appointment starts today and the job runs
    await k.db.execute(
      sql`update appointments set starts_on = (now() at time zone 'utc')::date where id = ${later.json().id}`,
    );
    await k.db.execute(
      sql`update appointments set away_from = null, away_until = null where id = ${made.json().id}`,
    );
    await k.db.execute(
      sql`update jobs set due_at = now() where kind = 'appointment.sync' and state = 'queued'`,
    );
    const worker = new JobWorker(k.db);
    for (const [kind, h] of Object.entries(appointmentJobs)) worker.register(kind, h);
    expect(await worker.drain()).toBeGreaterThan(0);
    expect(await rolesOf(deputy)).toEqual(['change_manager', 'resolver']);
  });
});

describe('the process register and RACI', () => {
  it('names exactly one accountable role per named activity, and shows processes without an owner as gaps', async () => {
    const raci = [
      { activity: 'Assess a normal change', cells: { 'change-manager': 'A', 'desk-lead': 'C' } },
      { activity: 'Schedule', cells: { 'change-manager': 'R', nobody: 'I' } },
      { activity: ' ', cells: { 'change-manager': 'A', 'desk-lead': 'A' } },
    ];
    const bad = await post('/api/v1/processes', head, {
      key: 'change',
      name: 'Change enablement',
      kpis: ['major_incidents'],
      raci,
    });
    expect(problemOf(bad).errors).toEqual([
      { field: 'raci.1.cells', message: 'no roles nobody in the catalogue' },
      { field: 'raci.1.cells', message: 'name exactly one role Accountable (A)' },
      { field: 'raci.2.activity', message: 'is required' },
      { field: 'raci.2.cells', message: 'name exactly one role Accountable (A)' },
    ]);
    const good = await post('/api/v1/processes', head, {
      key: 'change',
      name: 'Change enablement',
      criteria: 'Every normal change assessed before approval',
      raci: [
        { activity: 'Assess a normal change', cells: { 'change-manager': 'A', 'desk-lead': 'R' } },
        { activity: 'Schedule', cells: { 'change-manager': 'A', 'desk-lead': 'R' } },
      ],
    });
    expect(good.statusCode).toBe(201);
    expect((await post('/api/v1/processes', agent, { key: 'x1', name: 'X' })).statusCode).toBe(403);
    const gaps = (await get('/api/v1/roles', head)).json().gaps;
    expect(gaps).toContainEqual(
      expect.objectContaining({ kind: 'process_without_owner', processKey: 'change' }),
    );
    await call(
      'PATCH',
      `/api/v1/processes/${good.json().id}`,
      head,
      { ownerId: head.id },
      { 'if-match': good.headers.etag as string },
    );
    const after = (await get('/api/v1/roles', head)).json().gaps;
    expect(after.some((g: { kind: string }) => g.kind === 'process_without_owner')).toBe(false);
    expect((await get('/api/v1/processes', auditor)).json().items).toMatchObject([
      {
        key: 'change',
        ownerName: expect.any(String),
        raci: [{ activity: 'Assess a normal change' }, { activity: 'Schedule' }],
      },
    ]);
  });
});

describe('gaps and competences', () => {
  it('shows vacant roles, holders without a deputy, appointments ending soon and missing competences', async () => {
    const { gaps } = (await get('/api/v1/roles', top)).json();
    expect(gaps).toContainEqual({
      kind: 'role_vacant',
      roleId: deskLead,
      roleKey: 'desk-lead',
      name: 'Service desk lead',
    });
    expect(gaps).toContainEqual(
      expect.objectContaining({
        kind: 'competence_missing',
        roleKey: 'change-manager',
        userId: deputy.id,
        competences: ['ITIL 4 Foundation', 'Change enablement practice'],
      }),
    );
    expect(gaps).toContainEqual(
      expect.objectContaining({ kind: 'role_without_deputy', roleKey: 'change-manager' }),
    );
    const ending = await post('/api/v1/appointments', top, {
      roleId: deskLead,
      userId: agent.id,
      startsOn: dayFrom(-30),
      endsOn: dayFrom(10),
    });
    const now = (await get('/api/v1/roles', top)).json().gaps;
    expect(now).toContainEqual(
      expect.objectContaining({ kind: 'appointment_ending', roleKey: 'desk-lead', endsOn: dayFrom(10) }),
    );
    expect(
      now.some(
        (g: { kind: string; roleKey: string }) => g.kind === 'role_vacant' && g.roleKey === 'desk-lead',
      ),
    ).toBe(false);
    expect(ending.statusCode).toBe(201);

    // training closes the competence gap; an expired certificate does not
    const rec = (competence: string, expiresOn: string | null) =>
      post('/api/v1/competences', head, {
        userId: deputy.id,
        competence,
        source: 'training',
        title: 'Course',
        achievedOn: dayFrom(-400),
        expiresOn,
        evidence: 'certificate 123',
      });
    expect((await rec('ITIL 4 Foundation', null)).statusCode).toBe(201);
    expect((await rec('Change enablement practice', dayFrom(-1))).statusCode).toBe(201);
    const still = (await get('/api/v1/roles', top)).json().gaps;
    expect(still).toContainEqual(
      expect.objectContaining({
        kind: 'competence_missing',
        userId: deputy.id,
        competences: ['Change enablement practice'],
      }),
    );
    expect(
      problemOf(
        await post('/api/v1/competences', head, {
          userId: deputy.id,
          competence: 'X',
          source: 'training',
          achievedOn: dayFrom(2),
        }),
      ).errors,
    ).toEqual([{ field: 'achievedOn', message: 'cannot be in the future' }]);
    expect((await get(`/api/v1/competences?userId=${deputy.id}`, deputy)).json().items).toHaveLength(2);
    expect((await get(`/api/v1/competences?userId=${deputy.id}`, agent)).statusCode).toBe(403);
    const dash = (await get('/api/v1/leadership/dashboard', top)).json();
    expect(dash.roles.gaps).toContainEqual(
      expect.objectContaining({
        kind: 'appointment_ending',
        roleKey: 'desk-lead',
        link: `/roles/${deskLead}`,
      }),
    );
    const seen = (await get(`/api/v1/competences?userId=${deputy.id}`, auditor)).json().items;
    expect(
      seen.map((c: { competence: string; expired: boolean }) => [c.competence, c.expired]).sort(),
    ).toEqual([
      ['Change enablement practice', true],
      ['ITIL 4 Foundation', false],
    ]);
  });
});

describe('one role', () => {
  it('shows what the catalogue shows of it, with all its appointments and its own gaps, reading only that role', async () => {
    const catalogue = (await get('/api/v1/roles?retired=true', top)).json();
    expect(catalogue.items.length).toBeGreaterThan(1);
    for (const r of catalogue.items) {
      const one = await get(`/api/v1/roles/${r.id}`, auditor);
      expect(one.statusCode).toBe(200);
      const all = (await get(`/api/v1/appointments?roleId=${r.id}`, auditor)).json().items;
      expect(one.json()).toEqual({
        ...r,
        appointments: all,
        gaps: catalogue.gaps.filter((g: { roleId?: string }) => g.roleId === r.id),
      });
    }
    const queries: string[] = [];
    const counted = drizzle(k.db.$client, {
      schema,
      logger: { logQuery: (q) => queries.push(q) },
    }) as unknown as Queryable;
    await presentRole(counted, changeManager);
    expect(queries.some((q) => q.includes('sms_processes'))).toBe(false);
    const roleReads = queries.filter((q) => /from "sms_roles"/.test(q));
    expect(roleReads).toHaveLength(1);
    expect(roleReads[0]).toMatch(/where "sms_roles"\."id" = \$1/);
    expect((await get('/api/v1/roles/00000000-0000-4000-8000-000000000000', top)).statusCode).toBe(404);
  });
});
