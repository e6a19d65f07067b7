// Past 400 lines: one journey through a policy's lifecycle, each test building on the state the one before
// left, plus the supplier audience that needs the same people.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../kernel/auth/principal.ts';
import { languages } from '../../kernel/auth/users.ts';
import { addMonthsTo } from '../../kernel/days.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import * as schema from '../../kernel/db/schema.ts';
import { JobWorker } from '../../kernel/jobs/worker.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { policyJobs } from './commands.ts';
import { listPolicies } from './queries.ts';

/**
 * Policies through the API: the approval lifecycle and its authority, publishing to exactly the audience,
 * acknowledgement coverage per role, a new version asking exactly its own audience again, the changes shown
 * to readers, reminders, reviews falling due, and who may read what.
 */
let k: TestKeel;
let head: TestUser; // head of service management: a process owner
let top: TestUser;
let agent1: TestUser;
let agent2: TestUser;
let resolver: TestUser;
let customer: TestUser;
let auditor: TestUser;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);
const get = (url: string, who: TestUser) => call('GET', url, who);
const notes = async (who: TestUser) =>
  (await get('/api/v1/notifications', who)).json().items.map((n: { text: string }) => n.text) as string[];

beforeAll(async () => {
  k = await testKeel();
  [head, top, agent1, agent2, resolver, customer, auditor] = await Promise.all([
    k.user(['process_owner', 'service_level_manager']),
    k.user(['top_management']),
    k.user(['service_desk_agent']),
    k.user(['service_desk_agent']),
    k.user(['resolver']),
    k.user(['customer']),
    k.user(['internal_auditor']),
  ]);
});

const smPolicy = () => ({
  identifier: 'POL-SM-01',
  title: 'Service management policy',
  kind: 'service_management',
  ownerId: head.id,
  reviewMonths: 12,
  approverRoles: ['top_management'],
  audience: { roles: ['service_desk_agent', 'resolver'] },
  body: '<p>We deliver the services agreed with our customers.</p><script>alert(1)</script>',
});

describe('the policy lifecycle', () => {
  let id: string;

  it('refuses a policy that cannot work, naming each field', async () => {
    const res = await post('/api/v1/policies', head, {
      ...smPolicy(),
      identifier: 'x',
      ownerId: agent1.id,
      approverRoles: ['process_owner'],
      audience: {},
    });
    expect(problemOf(res).errors).toEqual([
      { field: 'identifier', message: 'must be 2–40 letters, digits, dots, dashes (e.g. POL-SM-01)' },
      { field: 'ownerId', message: 'must hold one of: process_owner, top_management' },
      { field: 'approverRoles', message: 'the service management policy is approved by top management' },
      { field: 'audience', message: 'name who the policy is for' },
    ]);
    expect((await post('/api/v1/policies', agent1, smPolicy())).statusCode).toBe(403);
    // a policy is written in one of Keel's languages (the kernel's list)
    const german = problemOf(await post('/api/v1/policies', head, { ...smPolicy(), language: 'de' }));
    expect(german.errors).toMatchObject([{ field: 'language' }]);
    for (const l of languages) expect(german.errors![0]!.message).toContain(`"${l}"`);
  });

  it('is written as a draft, approved only by top management and never by its author, then published', async () => {
    const made = await post('/api/v1/policies', head, smPolicy());
    expect(made.statusCode, made.body).toBe(201);
    const p = made.json();
    id = p.id;
    expect(p.versions).toMatchObject([
      { number: 1, state: 'draft', body: '<p>We deliver the services agreed with our customers.</p>' },
    ]);
    expect((await post(`/api/v1/policies/${id}/submit`, head)).json().versions[0].state).toBe('in_review');
    expect(await notes(top)).toContain(
      'POL-SM-01 Service management policy needs your approval (version 1).',
    );
    // the answer says who may do what now, by the same rules the steps check
    expect((await get(`/api/v1/policies/${id}`, top)).json().abilities).toEqual({
      keep: true,
      decide: true,
      acknowledge: false,
    });
    expect((await get(`/api/v1/policies/${id}`, head)).json().abilities).toMatchObject({
      keep: true,
      decide: false,
    });

    // a process owner is not the authority for the SM policy; a rejection needs a reason
    const wrongRole = await post(`/api/v1/policies/${id}/decisions`, head, { approved: true });
    expect(wrongRole.statusCode).toBe(403);
    expect(problemOf(wrongRole).detail).toContain('approved by: top_management');
    const noReason = await post(`/api/v1/policies/${id}/decisions`, top, { approved: false });
    expect(problemOf(noReason).errors).toEqual([
      { field: 'comment', message: 'say why the version goes back' },
    ]);
    const back = await post(`/api/v1/policies/${id}/decisions`, top, {
      approved: false,
      comment: 'Name improvement',
    });
    expect(back.json().versions[0]).toMatchObject({
      state: 'draft',
      decisions: [{ approved: false, comment: 'Name improvement', role: 'top_management' }],
    });
    const saved = await call('PUT', `/api/v1/policies/${id}/draft`, head, {
      body: '<p>We deliver the services agreed with our customers and improve them every year.</p>',
      changeNote: 'Commitment to improvement',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await post(`/api/v1/policies/${id}/submit`, head);
    // the text cannot change while in review
    expect((await call('PUT', `/api/v1/policies/${id}/draft`, head, { body: '<p>x</p>' })).statusCode).toBe(
      409,
    );
    // publishing needs an approval first
    expect((await post(`/api/v1/policies/${id}/publish`, head)).statusCode).toBe(409);
    const ok = await post(`/api/v1/policies/${id}/decisions`, top, { approved: true, comment: 'Agreed' });
    expect(ok.json().versions[0].state).toBe('approved');
    const published = await post(`/api/v1/policies/${id}/publish`, head);
    expect(published.json().versions[0]).toMatchObject({ state: 'published' });
    // due after the review interval, by calendar months kept within the month
    const publishedAt = new Date(published.json().versions[0].publishedAt);
    expect(published.json().reviewDue).toBe(addMonthsTo(publishedAt, 12).toISOString());

    // the decisions are in the audit log, attributable
    const audit = await k.db.execute<{ action: string; actor_label: string }>(sql`
      select action, actor_label from audit_log where record_id = 'POL-SM-01 v1' and action in ('policy.approved', 'policy.rejected')
       order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['policy.rejected', 'policy.approved']);
  });

  it('asks exactly its audience to acknowledge it, and shows coverage per role', async () => {
    const asked = await k.db.execute<{ user_id: string }>(sql`
      select a.user_id from policy_acknowledgements a join policy_versions v on v.id = a.version_id
       where v.policy_id = ${id}`);
    expect(asked.rows.map((r) => r.user_id).sort()).toEqual([agent1.id, agent2.id, resolver.id].sort());
    expect(await notes(agent1)).toContain(
      'Please read and acknowledge POL-SM-01 Service management policy (version 1).',
    );
    expect(await notes(customer)).toEqual([]);

    expect((await post(`/api/v1/policies/${id}/acknowledgement`, agent1)).statusCode).toBe(200);
    expect((await post(`/api/v1/policies/${id}/acknowledgement`, customer)).statusCode).toBe(404);
    const seen = (await get(`/api/v1/policies/${id}`, head)).json();
    expect(seen.coverage).toMatchObject({ asked: 3, acknowledged: 1, percent: 33.3 });
    expect(seen.coverage.byRole).toEqual([
      { role: 'resolver', asked: 1, acknowledged: 0, percent: 0 },
      { role: 'service_desk_agent', asked: 2, acknowledged: 1, percent: 50 },
    ]);
    expect(seen.coverage.outstanding.map((o: { userId: string }) => o.userId).sort()).toEqual(
      [agent2.id, resolver.id].sort(),
    );
    expect((await get('/api/v1/acknowledgements', agent1)).json().items).toEqual([]);
    expect((await get('/api/v1/acknowledgements', agent2)).json().items).toMatchObject([
      { identifier: 'POL-SM-01', version: 1 },
    ]);
    const listed = (await get('/api/v1/policies', auditor)).json().items;
    expect(listed).toMatchObject([
      { identifier: 'POL-SM-01', publishedVersion: 1, coverage: { asked: 3, acknowledged: 1 } },
    ]);
    // the list reads the versions of all policies in one query, without their text
    const queries: string[] = [];
    const counted = drizzle(k.db.$client, {
      schema,
      logger: { logQuery: (q) => queries.push(q) },
    }) as unknown as Queryable;
    const asAuditor = {
      userId: auditor.id,
      email: auditor.email,
      name: 'Auditor',
      language: 'en',
      roles: ['internal_auditor'],
      customerId: null,
      via: 'token',
      scopes: ['read'],
    } satisfies Principal;
    expect(JSON.parse(JSON.stringify(await listPolicies(counted, asAuditor)))).toEqual(listed);
    const versionReads = queries.filter((q) => q.includes('"policy_versions"'));
    expect(versionReads).toHaveLength(1);
    expect(versionReads[0]).not.toContain('"body"');
    // the leadership dashboard shows the same coverage, linked to the policy
    const dash = (await get('/api/v1/leadership/dashboard', top)).json();
    expect(dash.policies.coverage).toEqual([
      {
        id,
        identifier: 'POL-SM-01',
        title: 'Service management policy',
        version: 1,
        percent: 33.3,
        outstanding: 2,
        link: `/policies/${id}`,
      },
    ]);
    // reminders go to those who have not read it
    const reminded = await post(`/api/v1/policies/${id}/reminders`, head);
    expect(reminded.statusCode).toBe(200);
    expect(await notes(agent2)).toContain(
      'Reminder: you have not yet acknowledged POL-SM-01 Service management policy (version 1).',
    );
    expect((await notes(agent1)).filter((n) => n.startsWith('Reminder'))).toEqual([]);
  });

  it('is read as published by its audience, with every version by overseers, and not at all by others', async () => {
    const asAgent = (await get(`/api/v1/policies/${id}`, agent1)).json();
    expect(asAgent.versions.map((v: { state: string }) => v.state)).toEqual(['published']);
    expect(asAgent.coverage).toBeNull();
    expect(asAgent.myAcknowledgement.acknowledgedAt).not.toBeNull();
    expect((await get(`/api/v1/policies/${id}`, customer)).statusCode).toBe(404);
    expect((await get('/api/v1/policies', customer)).json().items).toEqual([]);
    const asAuditor = (await get(`/api/v1/policies/${id}`, auditor)).json();
    expect(asAuditor.versions[0].decisions).toHaveLength(2);
    expect(asAuditor.coverage.asked).toBe(3);
  });

  it('a new version asks exactly its own audience again, closes what the old one asked, and shows its changes', async () => {
    const cur = await get(`/api/v1/policies/${id}`, head);
    const narrowed = await call(
      'PATCH',
      `/api/v1/policies/${id}`,
      head,
      { audience: { roles: ['service_desk_agent'] } },
      { 'if-match': cur.headers.etag as string },
    );
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    expect((await post(`/api/v1/policies/${id}/versions`, head)).json().versions.at(-1)).toMatchObject({
      number: 2,
      state: 'draft',
    });
    expect((await post(`/api/v1/policies/${id}/versions`, head)).statusCode).toBe(409);
    await call('PUT', `/api/v1/policies/${id}/draft`, head, {
      body: '<p>We deliver the services agreed with our customers and improve them every quarter.</p>',
    });
    await post(`/api/v1/policies/${id}/submit`, head);
    await post(`/api/v1/policies/${id}/decisions`, top, { approved: true });
    await post(`/api/v1/policies/${id}/publish`, head);

    const rows = await k.db.execute<{ number: number; user_id: string; open: boolean }>(sql`
      select v.number, a.user_id, (a.acknowledged_at is null and a.closed_at is null) as open
        from policy_acknowledgements a join policy_versions v on v.id = a.version_id
       where v.policy_id = ${id} order by v.number`);
    const v2 = rows.rows.filter((r) => r.number === 2).map((r) => r.user_id);
    expect(v2.sort()).toEqual([agent1.id, agent2.id].sort());
    expect(rows.rows.filter((r) => r.number === 1 && r.open)).toEqual([]);
    const p = (await get(`/api/v1/policies/${id}`, head)).json();
    expect(p.versions.map((v: { state: string }) => v.state)).toEqual(['superseded', 'published']);
    expect((await get('/api/v1/acknowledgements', resolver)).json().items).toEqual([]);

    const changes = (await get(`/api/v1/policies/${id}/versions/2/changes`, agent1)).json();
    expect(changes).toMatchObject({ number: 2, against: 1 });
    expect(changes.changes.filter((c: { op: string }) => c.op !== 'same')).toEqual([
      { op: 'removed', text: 'year.' },
      { op: 'added', text: 'quarter.' },
    ]);
  });

  it('falls due for review at its interval and tells its owner; withdrawing needs a reason', async () => {
    await k.db.execute(
      sql`update policy_versions set review_due = now() - interval '1 day' where state = 'published'`,
    );
    await k.db.execute(sql`update jobs set due_at = now() where kind = 'policy.review_due'`);
    const worker = new JobWorker(k.db);
    for (const [kind, h] of Object.entries(policyJobs)) worker.register(kind, h);
    expect(await worker.drain()).toBeGreaterThan(0);
    expect(
      (await notes(head)).some((n) =>
        n.startsWith('POL-SM-01 Service management policy is due for its review'),
      ),
    ).toBe(true);
    expect((await get('/api/v1/policies?reviewDue=true', head)).json().items).toMatchObject([
      { identifier: 'POL-SM-01', reviewOverdue: true },
    ]);
    expect(problemOf(await post(`/api/v1/policies/${id}/withdraw`, head, { reason: ' ' })).errors).toEqual([
      { field: 'reason', message: 'say why it is withdrawn' },
    ]);
    expect((await post(`/api/v1/policies/${id}/withdraw`, agent1, { reason: 'x' })).statusCode).toBe(403);
    const gone = await post(`/api/v1/policies/${id}/withdraw`, head, {
      reason: 'Replaced by the group policy',
    });
    expect(gone.json().versions.at(-1).state).toBe('withdrawn');
    expect((await get('/api/v1/acknowledgements', agent2)).json().items).toEqual([]);
  });

  it('checks the body of each step field by field, a request without a body too', async () => {
    const made = await post('/api/v1/policies', head, {
      ...smPolicy(),
      identifier: 'POL-BODY',
      kind: 'other',
    });
    const pid = made.json().id;
    const bare = (path: string, who: TestUser) =>
      k.app.inject({ method: 'POST', url: `/api/v1/policies/${pid}/${path}`, headers: who.auth });
    // a step that takes no fields needs no body
    const submitted = await bare('submit', head);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().versions[0].state).toBe('in_review');
    // one that takes fields names each missing one, as problem+json
    const noDecision = await bare('decisions', top);
    expect(noDecision.statusCode).toBe(400);
    expect(noDecision.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problemOf(noDecision)).toMatchObject({
      type: 'urn:keel:problem:validation',
      errors: [{ field: 'approved', message: 'say whether you approve it (true) or send it back (false)' }],
    });
    expect(
      problemOf(await post(`/api/v1/policies/${pid}/decisions`, top, { approved: 'yes' })).errors,
    ).toEqual([{ field: 'approved', message: 'say whether you approve it (true) or send it back (false)' }]);
    expect(problemOf(await bare('withdraw', head)).errors).toEqual([
      { field: 'reason', message: 'say why it is withdrawn' },
    ]);
  });

  it('a process policy authored by top management is approved by another holder of the role', async () => {
    const other = await k.user(['top_management']);
    const res = await post('/api/v1/policies', top, {
      ...smPolicy(),
      identifier: 'POL-INC-01',
      title: 'Incident management policy',
      kind: 'process',
      process: 'incident management',
      ownerId: top.id,
      audience: { everyone: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    const pid = res.json().id;
    await post(`/api/v1/policies/${pid}/submit`, top);
    const own = await post(`/api/v1/policies/${pid}/decisions`, top, { approved: true });
    expect(problemOf(own).detail).toBe('The author of a version does not approve it.');
    expect((await post(`/api/v1/policies/${pid}/decisions`, other, { approved: true })).statusCode).toBe(200);
    await post(`/api/v1/policies/${pid}/publish`, top);
    const asked = await k.db.execute<{ n: number }>(sql`
      select count(*)::int as n from policy_acknowledgements a join policy_versions v on v.id = a.version_id
       where v.policy_id = ${pid}`);
    // everyone inside the provider, not customers or suppliers, is asked
    const staff = await k.db.execute<{ n: number }>(sql`
      select count(*)::int as n from users u where u.active
         and exists (select 1 from user_roles r where r.user_id = u.id and r.role not in ('customer', 'supplier'))`);
    expect(asked.rows[0]!.n).toBe(staff.rows[0]!.n);
  });
});

describe('a policy for suppliers', () => {
  it('asks suppliers’ contacts only where it names them, lets them read and acknowledge it, and nothing else', async () => {
    const contact = await k.user(['supplier']);
    const askedOf = async (pid: string) =>
      (
        await k.db.execute<{ user_id: string }>(sql`
          select a.user_id from policy_acknowledgements a join policy_versions v on v.id = a.version_id
           where v.policy_id = ${pid}`)
      ).rows.map((r) => r.user_id);
    const publish = async (identifier: string, audience: object) => {
      const made = await post('/api/v1/policies', head, {
        ...smPolicy(),
        identifier,
        title: 'Information security policy',
        kind: 'process',
        process: 'information security management',
        audience,
      });
      expect(made.statusCode, made.body).toBe(201);
      const pid = made.json().id as string;
      await post(`/api/v1/policies/${pid}/submit`, head);
      expect((await post(`/api/v1/policies/${pid}/decisions`, top, { approved: true })).statusCode).toBe(200);
      expect((await post(`/api/v1/policies/${pid}/publish`, head)).statusCode).toBe(200);
      return pid;
    };
    // everyone is everyone inside the provider: neither customers' users nor suppliers' contacts
    const inside = await publish('POL-ISEC-00', { everyone: true });
    expect(await askedOf(inside)).not.toContain(contact.id);
    expect(await askedOf(inside)).not.toContain(customer.id);
    expect((await get(`/api/v1/policies/${inside}`, contact)).statusCode).toBe(404);

    const shared = await publish('POL-ISEC-01', { roles: ['resolver'], suppliers: true });
    const suppliersAsked = await k.db.execute<{ id: string }>(sql`
      select u.id from users u where u.active
         and exists (select 1 from user_roles r where r.user_id = u.id and r.role in ('resolver', 'supplier'))`);
    expect((await askedOf(shared)).sort()).toEqual(suppliersAsked.rows.map((r) => r.id).sort());
    expect(await notes(contact)).toContain(
      'Please read and acknowledge POL-ISEC-01 Information security policy (version 1).',
    );
    // the contact reads it, only it, and acknowledges it; coverage counts suppliers as a role
    const list = (await get('/api/v1/policies', contact)).json().items;
    expect(list.map((p: { identifier: string }) => p.identifier)).toEqual(['POL-ISEC-01']);
    expect((await get(`/api/v1/acknowledgements`, contact)).json().items).toMatchObject([
      { identifier: 'POL-ISEC-01', version: 1 },
    ]);
    expect((await post(`/api/v1/policies/${shared}/acknowledgement`, contact)).statusCode).toBe(200);
    const seen = (await get(`/api/v1/policies/${shared}`, head)).json();
    expect(seen.coverage.byRole).toContainEqual({
      role: 'supplier',
      asked: 1,
      acknowledged: 1,
      percent: 100,
    });
    // and nothing of the service management system is theirs to read
    for (const url of [
      '/api/v1/objectives',
      '/api/v1/risks',
      '/api/v1/roles',
      '/api/v1/scope',
      '/api/v1/changes',
    ]) {
      expect((await get(url, contact)).statusCode, url).toBe(403);
    }
    expect((await get('/api/v1/catalogue', contact)).json().items).toEqual([]);
  });
});
