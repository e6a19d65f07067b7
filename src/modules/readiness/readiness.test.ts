import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { clauseNumbers } from './clauses.ts';

/**
 * The readiness view over a small organisation seeded by hand (not the demo): which records exist is
 * chosen so that every clause's status is known in advance, and listed below clause by clause.
 */
let k: TestKeel;
let top: TestUser;
let head: TestUser;
let agent: TestUser;
let auditor: TestUser;
let customer: TestUser;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });

const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const dayAgo = (days: number) => ago(days).slice(0, 10);

async function seed() {
  const x = (q: ReturnType<typeof sql>) => k.db.execute(q);
  // 4.1: an issue reviewed last week; 4.2: a party last touched more than a year ago
  await x(
    sql`insert into context_issues (kind, title, updated_at) values ('external', 'Hotel season peaks', ${ago(7)})`,
  );
  await x(
    sql`insert into interested_parties (name, kind, updated_at) values ('Hotel owners', 'owner', ${ago(400)})`,
  );
  // 4.4 and 8.1: two processes, both owned, with criteria and KPIs
  await x(sql`insert into sms_processes (key, name, owner_id, criteria, kpis) values
    ('incident', 'Incident management', ${head.id}, 'Resolved within SLA', '{incidents_resolved_in_sla}'),
    ('change', 'Change management', ${head.id}, 'Assessed before approval', '{change_success_rate}')`);
  // 5.1, 5.2.1, 7.5: the service management policy approved by top management and published 20 days ago;
  // 5.2.2 and 7.3: one of two staff acknowledged it (50%, below the 80% asked)
  const p = await x(sql`insert into policies (identifier, title, kind, owner_id, approver_roles, audience)
    values ('SMP', 'Service management policy', 'service_management', ${head.id}, '{top_management}',
            '{"everyone": true, "roles": [], "groupIds": [], "customers": false}') returning id`);
  const v = await x(sql`insert into policy_versions (policy_id, number, state, published_at, review_due)
    values (${p.rows[0]!.id}, 1, 'published', ${ago(20)}, ${ago(-345)}) returning id`);
  const version = v.rows[0]!.id;
  await x(sql`insert into policy_decisions (version_id, decider_id, role, approved, at)
    values (${version}, ${top.id}, 'top_management', true, ${ago(21)})`);
  await x(sql`insert into policy_acknowledgements (version_id, user_id, requested_at, acknowledged_at) values
    (${version}, ${agent.id}, ${ago(20)}, ${ago(18)}), (${version}, ${head.id}, ${ago(20)}, null)`);
  // 5.3 and 7.1: the one role is filled; 7.2: its holder lacks the competence it asks for
  const r = await x(sql`insert into sms_roles (key, name, competences)
    values ('incident-manager', 'Incident manager', '{ITIL 4 Foundation}') returning id`);
  await x(
    sql`insert into appointments (role_id, user_id, starts_on) values (${r.rows[0]!.id}, ${head.id}, ${dayAgo(100)})`,
  );
  // 6.1: the one open risk is past its review date
  await x(sql`insert into risks (code, kind, title, owner_id, inherent_likelihood, inherent_impact,
      residual_likelihood, residual_impact, treatment, review_due)
    values ('RSK-001', 'risk', 'Booking system fails', ${head.id}, 3, 4, 2, 3, 'reduce', ${dayAgo(5)})`);
  // 6.2 and 9.1: the one objective has a value recorded this quarter
  const o =
    await x(sql`insert into objectives (code, title, owner_id, target, direction, unit, deadline, measurement)
    values ('OBJ-1', 'Guests rate us well', ${head.id}, 4, 'at_least', 'points', ${dayAgo(-200)},
            '{"kind": "recorded"}') returning id`);
  await x(sql`insert into objective_values (objective_id, period_start, value, evidence, recorded_at)
    values (${o.rows[0]!.id}, ${ago(40)}, 4.2, 'Survey', ${ago(10)})`);
  // 8.5.1: a change reviewed a month ago; 8.6.1: the only incident was resolved 200 days ago (stale);
  // 8.6.3: a problem reached a known error a month ago
  const item = async (type: string, number: string, state: string) =>
    (
      await x(sql`insert into work_items (type, number, title, state)
        values (${type}, ${number}, ${`Seeded ${type}`}, ${state}) returning id`)
    ).rows[0]!.id;
  await x(sql`insert into changes (work_item_id, kind, risk, implemented_at, outcome)
    values (${await item('change', 'CHG-000001', 'review')}, 'normal', 'low', ${ago(30)}, 'successful')`);
  await x(sql`insert into incidents (work_item_id, impact, urgency, resolved_at)
    values (${await item('incident', 'INC-000001', 'resolved')}, 2, 2, ${ago(200)})`);
  await x(sql`insert into problems (work_item_id, known_error_at)
    values (${await item('problem', 'PRB-000001', 'known_error')}, ${ago(30)})`);
  // 9.2: an approved programme covering this year, one completed audit of incident management (but change
  // management is in no audit: coverage 50%)
  const g =
    await x(sql`insert into audit_programmes (code, title, cycle_start, cycle_end, owner_id, state, approved_at)
    values ('AP-1', 'Programme', ${dayAgo(300)}, ${dayAgo(-800)}, ${top.id}, 'approved', ${ago(290)}) returning id`);
  await x(sql`insert into audits (code, programme_id, title, scope_processes, lead_auditor_id, planned_start,
      planned_end, state, approved_at)
    values ('AUD-1', ${g.rows[0]!.id}, 'Incident audit', '{incident}', ${auditor.id}, ${dayAgo(70)},
            ${dayAgo(65)}, 'completed', ${ago(60)})`);
  // 9.4: a service report sent ten days ago
  const s = await x(sql`insert into report_schedules (name, kind, frequency, formats, recipient_ids,
      recipient_addresses, next_run_at)
    values ('Monthly SLA report', 'service_level', 'monthly', '{pdf}', '{}', '{ops@hotel.example}', ${ago(-20)})
    returning id`);
  await x(sql`insert into report_distributions (schedule_id, period_from, period_to, recipients, files, status, sent_at)
    values (${s.rows[0]!.id}, ${ago(40)}, ${ago(10)}, '{ops@hotel.example}', '[]', 'sent', ${ago(10)})`);
  // 10.1: the only nonconformity was closed effective 500 days ago; 10.2: an improvement approved last month
  await x(sql`insert into nonconformities (work_item_id, source, severity, effectiveness, closed_at)
    values (${await item('nonconformity', 'NC-000001', 'closed')}, 'audit', 'minor', 'effective', ${ago(500)})`);
  await x(sql`insert into improvements (code, title, source, state, decided_at)
    values ('IMP-1', 'Self-service password reset', 'idea', 'approved', ${ago(30)})`);
}

/** Every clause's status for the seeded organisation, worked out by hand from the records above. */
const expected: Record<string, string> = {
  '4.1': 'evidenced', // issue updated 7 days ago
  '4.2': 'stale', // party last updated 400 days ago
  '4.3': 'missing', // no scope statement
  '4.4': 'evidenced', // both processes owned
  '5.1': 'evidenced', // top management approved the policy 21 days ago
  '5.2.1': 'evidenced', // published 20 days ago
  '5.2.2': 'stale', // 50% acknowledged, 80% asked
  '5.3': 'evidenced', // the role is filled
  '6.1': 'stale', // the open risk is past its review date
  '6.2': 'evidenced', // value recorded 10 days ago
  '6.3': 'missing', // no plan
  '7.1': 'evidenced', // the role is filled
  '7.2': 'missing', // the holder lacks ITIL 4 Foundation and no competence was ever recorded
  '7.3': 'stale', // 50% acknowledged
  '7.4': 'missing', // no communication carried out
  '7.5': 'evidenced', // the policy in force is within its review date
  '7.6': 'missing', // no knowledge articles
  '8.1': 'evidenced', // both processes have criteria and KPIs
  '8.2.2': 'missing', // no services
  '8.2.3': 'missing', // Keel does not run it
  '8.2.4': 'missing', // no services
  '8.2.5': 'missing', // no CIs
  '8.2.6': 'missing', // no verification audit
  '8.3.2': 'missing', // no ratings; surveys not run
  '8.3.3': 'missing', // no services
  '8.3.4': 'missing', // no underpinning agreements; reviews not run
  '8.4.1': 'missing',
  '8.4.2': 'missing',
  '8.4.3': 'missing',
  '8.5.1': 'evidenced', // change reviewed 30 days ago
  '8.5.2': 'missing',
  '8.5.3': 'missing',
  '8.6.1': 'stale', // resolved 200 days ago, the window is 92
  '8.6.2': 'missing', // no requests
  '8.6.3': 'evidenced', // known error 30 days ago
  '8.7.1': 'missing',
  '8.7.2': 'missing',
  '8.7.3': 'missing',
  '9.1': 'evidenced', // value recorded 10 days ago
  '9.2': 'stale', // audit completed 60 days ago, but change management is in no audit of the programme
  '9.3': 'missing', // no management review
  '9.4': 'evidenced', // report sent 10 days ago
  '10.1': 'stale', // closed 500 days ago, the window is 365
  '10.2': 'evidenced', // improvement approved 30 days ago
};

const statuses = async (who: TestUser = auditor) => {
  const res = await call('GET', '/api/v1/readiness', who);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return {
    body,
    of: Object.fromEntries(body.clauses.map((c: { number: string; status: string }) => [c.number, c.status])),
  };
};

beforeAll(async () => {
  k = await testKeel();
  [top, head, agent, auditor, customer] = await Promise.all([
    k.user(['top_management']),
    k.user(['process_owner']),
    k.user(['service_desk_agent']),
    k.user(['internal_auditor']),
    k.user(['customer']),
  ]);
  await seed();
});

describe('readiness of a seeded organisation', () => {
  it('gives exactly the expected status for every clause', async () => {
    expect(Object.keys(expected)).toEqual([...clauseNumbers]);
    const { of, body } = await statuses();
    expect(of).toEqual(expected);
    // the figure is (evidenced + stale / 2) over 44 applicable
    const n = (s: string) => Object.values(expected).filter((x) => x === s).length;
    expect(body).toMatchObject({
      evidenced: n('evidenced'),
      stale: n('stale'),
      missing: n('missing'),
      notApplicable: 0,
    });
    expect(body.figure).toBe(Math.round((100 * (n('evidenced') + n('stale') / 2)) / clauseNumbers.length));
    const g9 = body.groups.find((g: { group: string }) => g.group === '9');
    expect(g9).toMatchObject({ evidenced: 2, stale: 1, missing: 1, applicable: 4, figure: 63 });
  });

  it('says what each rule found, in the language asked', async () => {
    const res = await call('GET', '/api/v1/readiness?lang=nl', auditor);
    const c = res.json().clauses.find((x: { number: string }) => x.number === '8.5.1');
    expect(c.title).toBe('Changemanagement');
    expect(c.rules[0]).toMatchObject({
      rule: 'changes-reviewed',
      status: 'met',
      count: 1,
      total: 1,
      link: '/changes',
    });
    expect(c.rules[0].text).toBe(
      `Changes geëvalueerd na uitvoering: 1 in de afgelopen 92 dagen, de nieuwste op ${dayAgo(30)}`,
    );
    const en = (await statuses()).body.clauses;
    const policy = en.find((x: { number: string }) => x.number === '5.2.1').rules[0];
    expect(policy.text).toBe(
      `Service management policy approved and published: 1 in the last 365 days, the newest SMP v1 on ${dayAgo(20)}`,
    );
    const ack = en.find((x: { number: string }) => x.number === '5.2.2').rules[0];
    expect(ack).toMatchObject({ status: 'stale', count: 50, part: 1, whole: 2, minCount: 80 });
    expect(ack.text).toBe('Staff who acknowledged the service management policy in force: 50% (1 of 2)');
    const budgets = en.find((x: { number: string }) => x.number === '8.4.1').rules[0];
    expect(budgets).toMatchObject({ status: 'missing', notRun: true, total: 0, link: null });
    expect(budgets.text).toContain('Keel does not run this process yet');
    const incidents = en.find((x: { number: string }) => x.number === '8.6.1').rules[0];
    expect(incidents.text).toBe(`Incidents resolved: none in the last 92 days, the last on ${dayAgo(200)}`);
  });

  it('judges a day in the past on what existed then', async () => {
    const res = await call('GET', `/api/v1/readiness?at=${dayAgo(25)}`, auditor);
    const of = Object.fromEntries(
      res.json().clauses.map((c: { number: string; status: string }) => [c.number, c.status]),
    );
    expect(of['5.2.1']).toBe('missing'); // published 20 days ago
    expect(of['8.5.1']).toBe('evidenced'); // reviewed 30 days ago, within the 92 days before
    expect(of['4.1']).toBe('missing'); // the issue was entered (today) after that day: not known then
  });

  it('flips a clause when its missing record is added', async () => {
    await k.db.execute(sql`insert into management_reviews (code, title, period_from, period_to, meeting_on, state,
        held_at, approved_by, approved_at)
      values ('MR-1', 'Management review', ${dayAgo(370)}, ${dayAgo(10)}, ${dayAgo(5)}, 'approved', ${ago(5)},
              ${top.id}, ${ago(4)})`);
    const { of } = await statuses();
    expect(of).toEqual({ ...expected, '9.3': 'evidenced', '5.1': 'evidenced' });
  });
});

const auditEntries = async (recordType: string, recordId: string) =>
  (
    await k.db.execute<{ action: string; actor_id: string }>(
      sql`select action, actor_id from audit_log where record_type = ${recordType} and record_id = ${recordId} order by id`,
    )
  ).rows;

describe('applicability', () => {
  const put = (who: TestUser, body: object, version = '"0"', n = '8.5.3') =>
    call('PUT', `/api/v1/clauses/${n}/applicability`, who, body, { 'if-match': version });

  it('needs a justification to mark a clause not applicable, and is decided by the head of SM or top management', async () => {
    const bare = await put(head, { applicable: false, justification: '  ' });
    expect(problemOf(bare).errors).toEqual([
      { field: 'justification', message: 'say why the clause does not apply: an auditor will ask' },
    ]);
    expect((await put(agent, { applicable: false, justification: 'x' })).statusCode).toBe(403);
    expect((await put(auditor, { applicable: false, justification: 'x' })).statusCode).toBe(403);
    expect((await put(head, { applicable: false, justification: 'x' }, '"0"', '9.9')).statusCode).toBe(404);
    expect(
      (await call('PUT', '/api/v1/clauses/8.5.3/applicability', head, { applicable: false })).statusCode,
    ).toBe(428);

    const done = await put(head, {
      applicable: false,
      justification: 'We deploy no releases: every change is a configuration change of a supplier’s service.',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.headers.etag).toBe('"1"');
    expect(done.json()).toMatchObject({
      number: '8.5.3',
      applicable: false,
      status: 'not_applicable',
      decidedBy: head.id,
    });
    expect((await put(top, { applicable: true }, '"0"')).statusCode).toBe(412);

    const { of, body } = await statuses();
    expect(of['8.5.3']).toBe('not_applicable');
    expect(body.notApplicable).toBe(1);
    expect(body.applicable).toBe(43);
    expect(await auditEntries('clause', '8.5.3')).toEqual([
      { action: 'clause.not_applicable', actor_id: head.id },
    ]);

    const back = await put(top, { applicable: true }, '"1"');
    expect(back.json()).toMatchObject({ applicable: true, status: 'missing', version: 2 });
    expect((await statuses()).of['8.5.3']).toBe('missing');
  });
});

describe('own requirements', () => {
  let id: string;
  const requirement = {
    code: 'GDPR-30',
    title: 'Records of processing activities',
    source: 'legal',
    reference: 'GDPR article 30',
    clause: '4.1',
    evidence: 'The processing register in the DPO’s folder',
    reviewMonths: 1,
  };

  it('are added by the head of SM or top management with field errors for bad input', async () => {
    const body = { ...requirement, ownerId: head.id };
    expect((await call('POST', '/api/v1/requirements', agent, body)).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/requirements', auditor, body)).statusCode).toBe(403);
    const bad = await call('POST', '/api/v1/requirements', head, {
      ...body,
      clause: '4.9',
      ownerId: customer.id,
    });
    expect(problemOf(bad).errors).toEqual([
      { field: 'clause', message: 'must be a clause of the register, such as 8.3.3' },
      { field: 'ownerId', message: 'must be an active member of the staff' },
    ]);
    const made = await call('POST', '/api/v1/requirements', head, body);
    expect(made.statusCode, made.body).toBe(201);
    id = made.json().id;
    expect(made.json()).toMatchObject({ code: 'GDPR-30', overdue: false, lastReviewedAt: null, version: 1 });
    const again = await call('POST', '/api/v1/requirements', top, { ...body, code: 'gdpr-30' });
    expect(problemOf(again).errors).toEqual([{ field: 'code', message: 'is taken by another requirement' }]);
    expect((await call('GET', '/api/v1/requirements?clause=4.1', auditor)).json()).toMatchObject({
      total: 1,
      items: [{ code: 'GDPR-30', ownerName: expect.any(String) }],
    });
  });

  it('make their clause stale when their review is overdue, and evidenced again once reviewed', async () => {
    expect((await statuses()).of['4.1']).toBe('evidenced');
    await k.db.execute(sql`update own_requirements set created_at = ${ago(45)} where id = ${id}`);
    const { of, body } = await statuses();
    expect(of['4.1']).toBe('stale');
    const c = body.clauses.find((x: { number: string }) => x.number === '4.1');
    expect(c.rules.at(-1)).toMatchObject({ rule: 'own-requirements', status: 'stale', part: 0, whole: 1 });
    expect(c.requirements).toMatchObject([{ code: 'GDPR-30', overdue: true }]);

    expect(
      (await call('POST', `/api/v1/requirements/${id}/review`, agent, {}, { 'if-match': '"1"' })).statusCode,
    ).toBe(403);
    const reviewed = await call(
      'POST',
      `/api/v1/requirements/${id}/review`,
      head,
      { note: 'Register checked' },
      { 'if-match': '"1"' },
    );
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ overdue: false, version: 2 });
    expect((await statuses()).of['4.1']).toBe('evidenced');
  });

  it('are changed with If-Match and retired with a reason, every write in the audit log', async () => {
    const url = `/api/v1/requirements/${id}`;
    expect((await call('PATCH', url, head, { title: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(412);
    const changed = await call(
      'PATCH',
      url,
      head,
      { clause: '4.2', reviewMonths: 12 },
      { 'if-match': '"2"' },
    );
    expect(changed.json()).toMatchObject({ clause: '4.2', reviewMonths: 12, version: 3 });
    expect(problemOf(await call('POST', `${url}/retire`, head, {}, { 'if-match': '"3"' })).status).toBe(400);
    const retired = await call(
      'POST',
      `${url}/retire`,
      top,
      { reason: 'Processing moved to the hotel chain' },
      { 'if-match': '"3"' },
    );
    expect(retired.json()).toMatchObject({ retired: true, version: 4 });
    expect((await call('GET', '/api/v1/requirements', auditor)).json().total).toBe(0);
    expect((await call('GET', '/api/v1/requirements?retired=true', auditor)).json().total).toBe(1);
    expect((await call('PATCH', url, head, { title: 'x' }, { 'if-match': '"4"' })).statusCode).toBe(409);
    expect((await auditEntries('own-requirement', 'GDPR-30')).map((e) => e.action)).toEqual([
      'own_requirement.created',
      'own_requirement.reviewed',
      'own_requirement.updated',
      'own_requirement.retired',
    ]);
  });
});

describe('evidence rules', () => {
  it('show Keel’s defaults and take the organisation’s own freshness', async () => {
    const list = (await call('GET', '/api/v1/evidence-rules', auditor)).json().items;
    expect(list.find((r: { key: string }) => r.key === 'incidents-resolved')).toMatchObject({
      clauses: ['8.6.1'],
      maxAgeDays: 92,
      defaultMaxAgeDays: 92,
      version: 0,
    });
    const url = '/api/v1/evidence-rules/incidents-resolved';
    expect(
      (await call('PUT', url, agent, { maxAgeDays: 365, minCount: 1 }, { 'if-match': '"0"' })).statusCode,
    ).toBe(403);
    expect(
      problemOf(await call('PUT', url, head, { maxAgeDays: 0, minCount: 1 }, { 'if-match': '"0"' })).errors,
    ).toEqual([{ field: 'maxAgeDays', message: 'must be 1–3660' }]);
    expect(
      problemOf(
        await call(
          'PUT',
          '/api/v1/evidence-rules/roles-appointed',
          head,
          { maxAgeDays: 30, minCount: 101 },
          { 'if-match': '"0"' },
        ),
      ).errors,
    ).toEqual([{ field: 'minCount', message: 'is a percentage for this rule: 1–100' }]);
    expect(
      (
        await call(
          'PUT',
          '/api/v1/evidence-rules/nope',
          head,
          { maxAgeDays: 30, minCount: 1 },
          { 'if-match': '"0"' },
        )
      ).statusCode,
    ).toBe(404);
    const set = await call('PUT', url, head, { maxAgeDays: 365, minCount: 1 }, { 'if-match': '"0"' });
    expect(set.json()).toMatchObject({ maxAgeDays: 365, version: 1, setBy: head.id });
    expect((await statuses()).of['8.6.1']).toBe('evidenced');
    expect(await auditEntries('evidence-rule', 'incidents-resolved')).toEqual([
      { action: 'evidence_rule.set', actor_id: head.id },
    ]);
  });
});

describe('who sees the register', () => {
  it('is everyone inside the provider; customers and suppliers get 403', async () => {
    const supplier = await k.user(['supplier']);
    for (const url of [
      '/api/v1/readiness',
      '/api/v1/clauses',
      '/api/v1/requirements',
      '/api/v1/evidence-rules',
      '/api/v1/clauses/9.3',
    ]) {
      expect((await call('GET', url, agent)).statusCode, url).toBe(200);
      expect((await call('GET', url, customer)).statusCode, url).toBe(403);
      expect((await call('GET', url, supplier)).statusCode, url).toBe(403);
    }
  });

  it('lists the register with its questions in the language asked', async () => {
    const res = await call('GET', '/api/v1/clauses?lang=da', auditor);
    const c = res.json().items.find((x: { number: string }) => x.number === '9.3');
    expect(c).toMatchObject({ title: 'Ledelsens evaluering', ruleKeys: ['management-review'] });
    expect(c.questions[0]).toMatch(/ledelsesevaluering/);
    expect(res.json().items).toHaveLength(clauseNumbers.length);
  });
});
