import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { listObjectives } from '../modules/objectives/index.ts';
import { type TestKeel, testKeel } from '../testing/harness.ts';
import { loadDemo } from './organisation.ts';

let k: TestKeel;
beforeAll(async () => {
  k = await testKeel();
  await loadDemo(k.db);
}, 120_000);

describe('the demo organisation', () => {
  it('has months of incidents with clocks, some targets missed, and open work in the queues', async () => {
    const r = (
      await k.db.execute<Record<string, number>>(sql`
        select (select count(*)::int from work_items where type = 'incident') as incidents,
               (select count(*)::int from work_items where type = 'incident' and not final) as open,
               (select count(*)::int from sla_clocks) as clocks,
               (select count(*)::int from sla_clocks where breached_at is not null) as breached,
               (select count(*)::int from sla_clocks where state = 'running') as running,
               (select count(*)::int from jobs where kind like 'sla.%' and state = 'queued') as jobs,
               (select count(*)::int from groups) as groups,
               (select count(distinct date_trunc('month', created_at))::int from work_items) as months`)
    ).rows[0]!;
    expect(r.incidents).toBeGreaterThan(2000);
    expect(r.open).toBeGreaterThan(8);
    expect(r.clocks).toBeGreaterThan(2000);
    expect(r.breached).toBeGreaterThan(0);
    expect(r.breached).toBeLessThan(r.clocks! / 2);
    expect(r.running).toBeGreaterThan(0);
    expect(r.jobs).toBeGreaterThan(0);
    expect(r.groups).toBe(3);
    expect(r.months).toBeGreaterThanOrEqual(4);
  });

  it('has problems: one resolved by a change, two known errors on incidents, one trend candidate open', async () => {
    const r = await k.db.execute<{ state: string; n: number; incidents: number; changes: number }>(sql`
      select w.state, count(*)::int as n,
             sum((select count(*) from work_item_links l where l.to_id = w.id and l.kind = 'caused_by'))::int as incidents,
             sum((select count(*) from work_item_links l join work_items c on c.id = l.to_id
                   where l.from_id = w.id and l.kind = 'resolved_by' and c.type = 'change' and c.state = 'closed'))::int as changes
        from work_items w where w.type = 'problem' group by 1 order by 1`);
    const by = Object.fromEntries(r.rows.map((x) => [x.state, x]));
    expect(by.resolved).toMatchObject({ n: 1, changes: 1 });
    expect(by.known_error!.n).toBe(2);
    expect(by.known_error!.incidents).toBeGreaterThan(20);
    const ke = await k.db.execute<{ service: string; workaround: string }>(sql`
      select sc.name as service, p.workaround from problems p join work_items w on w.id = p.work_item_id
        join services s on s.id = w.service_id join cis sc on sc.id = s.ci_id
       where w.state = 'known_error' order by 1`);
    expect(ke.rows.map((x) => x.service)).toEqual(['Booking system', 'Guest Wi-Fi']);
    for (const x of ke.rows) expect(x.workaround).not.toBe('');
    const candidates = await k.db.execute<{ state: string; title: string; service: string; n: number }>(sql`
      select c.state, c.title, sc.name as service,
             (select count(*)::int from problem_candidate_incidents x where x.candidate_id = c.id) as n
        from problem_candidates c join services s on s.id = c.service_id join cis sc on sc.id = s.ci_id`);
    expect(candidates.rows).toEqual([
      {
        state: 'open',
        title: 'Room display shows the wrong meeting',
        service: 'Conference room booking',
        n: 5,
      },
    ]);
  });

  it('has a change log: months of changes with their outcomes, and changes coming up in every step', async () => {
    const r = await k.db.execute<{ state: string; outcome: string | null; n: number }>(sql`
      select w.state, c.outcome, count(*)::int as n from changes c join work_items w on w.id = c.work_item_id
       group by 1, 2 order by 1, 2`);
    expect(r.rows).toEqual([
      { state: 'approved', outcome: null, n: 1 },
      { state: 'assessment', outcome: null, n: 1 },
      { state: 'closed', outcome: 'successful', n: 8 },
      { state: 'implementing', outcome: null, n: 1 },
      { state: 'new', outcome: null, n: 1 },
      { state: 'review', outcome: 'backed_out', n: 1 },
      { state: 'review', outcome: 'failed', n: 1 },
      { state: 'review', outcome: 'successful', n: 2 },
    ]);
    const months = await k.db.execute<{ n: number }>(
      sql`select count(distinct date_trunc('month', implemented_at))::int as n from changes`,
    );
    expect(months.rows[0]!.n).toBeGreaterThanOrEqual(4);
    // the long-done changes' notifications are gone; the change manager still hears of the one to assess
    const told = await k.db.execute<{ kind: string }>(sql`
      select n.kind from notifications n join users u on u.id = n.user_id
       where u.email = 'change@keel.example' and n.kind like 'change.%'`);
    expect(told.rows.map((x) => x.kind).sort()).toEqual(['change.submitted', 'change.submitted']);
  });

  it('offers things to order, and one request waits for the service owner', async () => {
    const r = (
      await k.db.execute<Record<string, number>>(sql`
        select (select count(*)::int from catalogue_items where active) as items,
               (select count(*)::int from work_items where type = 'request' and state = 'awaiting_approval') as waiting,
               (select count(*)::int from request_approvals a join users u on u.id = a.user_id
                 where u.email = 'owner@keel.example' and a.decision = 'pending') as owners`)
    ).rows[0]!;
    expect(r).toEqual({ items: 2, waiting: 1, owners: 1 });
  });

  it('has a service management policy in force and partly read, a policy change in review, and a draft', async () => {
    const r = await k.db.execute<{
      identifier: string;
      states: string[];
      acknowledged: number;
      asked: number;
    }>(sql`
      select p.identifier, array_agg(v.state order by v.number) as states,
             (select count(*)::int from policy_acknowledgements a join policy_versions pv on pv.id = a.version_id
               where pv.policy_id = p.id and pv.state = 'published' and a.acknowledged_at is not null) as acknowledged,
             (select count(*)::int from policy_acknowledgements a join policy_versions pv on pv.id = a.version_id
               where pv.policy_id = p.id and pv.state = 'published') as asked
        from policies p join policy_versions v on v.policy_id = p.id
       group by p.id order by p.identifier`);
    expect(r.rows.map((x) => [x.identifier, x.states])).toEqual([
      ['PLAN-SMS', ['published']],
      ['POL-CHG-01', ['draft']],
      ['POL-INC-01', ['published', 'in_review']],
      ['POL-SM-01', ['published']],
    ]);
    const sm = r.rows.find((x) => x.identifier === 'POL-SM-01')!;
    expect(sm.acknowledged).toBe(3);
    expect(sm.asked).toBeGreaterThan(sm.acknowledged);
    const objectives = await k.db.execute<{ code: string }>(sql`select code from objectives order by code`);
    expect(objectives.rows.map((o) => o.code)).toEqual([
      'OBJ-01',
      'OBJ-02',
      'OBJ-03',
      'OBJ-04',
      'OBJ-05',
      'OBJ-06',
      'OBJ-07',
      'OBJ-08',
    ]);
    // the problem and knowledge KPIs measure demo objectives, so the leadership dashboard shows them
    const measured = (await listObjectives(k.db)).filter((o) => ['OBJ-07', 'OBJ-08'].includes(o.code));
    expect(measured.map((o) => [o.code, o.current.value !== null])).toEqual([
      ['OBJ-07', true],
      ['OBJ-08', true],
    ]);
    const risks = await k.db.execute<{ kind: string; n: number }>(
      sql`select kind, count(*)::int as n from risks group by kind order by kind`,
    );
    expect(risks.rows).toEqual([
      { kind: 'opportunity', n: 2 },
      { kind: 'risk', n: 10 },
    ]);
  });

  it('has roles with appointments and deputies, a process register with RACI, and believable gaps', async () => {
    const { roleCatalogue } = await import('../modules/roles/index.ts');
    const { items, gaps } = await roleCatalogue(k.db);
    expect(items).toHaveLength(7);
    expect(items.filter((r) => r.holders.some((a) => a.state === 'current'))).toHaveLength(6);
    expect(gaps.map((g) => `${g.kind}:${'roleKey' in g ? g.roleKey : g.processKey}`).sort()).toEqual([
      'appointment_ending:change-manager',
      'competence_missing:service-desk-lead',
      'process_without_owner:information-security',
      'role_vacant:information-security-manager',
      'role_without_deputy:change-manager',
    ]);
    const raci = await k.db.execute<{ n: number }>(
      sql`select sum(jsonb_array_length(raci))::int as n from sms_processes`,
    );
    expect(raci.rows[0]!.n).toBe(5);
  });

  it('has a context, a scope that leaves one live service out, and a communication plan with a report due', async () => {
    const { presentScope } = await import('../modules/context/index.ts');
    const scope = await presentScope(k.db);
    expect(scope.current).toMatchObject({ number: 1, climateRelevant: true });
    expect(scope.warnings).toEqual([
      expect.objectContaining({ kind: 'live_service_outside_scope', name: 'Conference room booking' }),
    ]);
    const plan = await k.db.execute<{ overdue: number; entries: number }>(sql`
      select (select count(*)::int from communication_entries) as entries,
             (select count(*)::int from communication_tasks where due_on < (now() at time zone 'utc')::date and done_at is null) as overdue`);
    expect(plan.rows[0]).toEqual({ entries: 4, overdue: 1 });
    const doc = await k.db.execute<{ state: string; body: string }>(sql`
      select v.state, v.body from policies p join policy_versions v on v.policy_id = p.id where p.kind = 'plan'`);
    expect(doc.rows).toHaveLength(1);
    expect(doc.rows[0]!.state).toBe('published');
    expect(doc.rows[0]!.body).toContain('Head of service management');
  });

  it('has a knowledge base in three languages: translations, a known error for one hotel, one in review, one stale', async () => {
    const r = await k.db.execute<{ language: string; state: string; n: number }>(sql`
      select language, state, count(*)::int as n from articles group by 1, 2 order by 1, 2`);
    expect(r.rows).toEqual([
      { language: 'da', state: 'published', n: 3 },
      { language: 'en', state: 'draft', n: 1 },
      { language: 'en', state: 'published', n: 6 },
      { language: 'nl', state: 'published', n: 4 },
    ]);
    const facts = (
      await k.db.execute<Record<string, number>>(sql`
        select (select count(*)::int from articles where translation_of is not null) as translations,
               (select count(distinct type)::int from articles where state = 'published') as types,
               (select count(*)::int from articles a join article_customers c on c.article_id = a.id
                  join customers h on h.id = c.customer_id where h.code = 'ALP' and a.type = 'known_error') as alpenrose,
               (select count(*)::int from article_versions where state = 'in_review') as in_review,
               (select count(*)::int from articles where state = 'published' and review_by < current_date) as stale,
               (select count(*)::int from article_links where sent) as sent,
               (select count(*)::int from article_links l join work_items w on w.id = l.work_item_id
                  join articles a on a.id = l.article_id where w.type = 'problem' and a.type = 'known_error')
                 as problem_articles,
               (select count(*)::int from knowledge_deflections) as sessions`)
    ).rows[0]!;
    expect(facts).toEqual({
      translations: 4,
      types: 4,
      alpenrose: 1,
      in_review: 1,
      stale: 1,
      sent: 1,
      problem_articles: 1,
      sessions: 2,
    });
  });

  it('has nonconformities besides the audits’: one with an overdue action, one closed after an effective check', async () => {
    const r = await k.db.execute<{
      source: string;
      state: string;
      open: number;
      overdue: number;
      effective: string | null;
    }>(sql`
      select n.source, w.state,
             (select count(*)::int from corrective_actions a where a.work_item_id = w.id and a.done_at is null) as open,
             (select count(*)::int from corrective_actions a where a.work_item_id = w.id and a.done_at is null
                                                               and a.due < current_date) as overdue,
             n.effectiveness as effective
        from nonconformities n join work_items w on w.id = n.work_item_id
       where n.source <> 'audit' order by n.source`);
    expect(r.rows).toEqual([
      { source: 'complaint', state: 'analysis', open: 0, overdue: 0, effective: null },
      { source: 'other', state: 'new', open: 0, overdue: 0, effective: null },
      { source: 'pir', state: 'action', open: 1, overdue: 1, effective: null },
      { source: 'review', state: 'closed', open: 0, overdue: 0, effective: 'effective' },
    ]);
    const escalation = await k.db.execute(
      sql`select 1 from jobs j join corrective_actions a on a.id = (j.payload->>'actionId')::uuid
           where j.kind = 'nonconformity.action_overdue' and j.state = 'queued' and j.due_at <= now()
             and a.done_at is null`,
    );
    expect(escalation.rows).toHaveLength(1);
  });

  it('has an improvement register in every state, one realised with its benefit measured before and after', async () => {
    const r = await k.db.execute<{
      source: string;
      state: string;
      baseline: number | null;
      measured: number | null;
    }>(sql`
      select source, state, baseline, measured from improvements where source <> 'audit' order by source`);
    expect(r.rows.map((x) => [x.source, x.state])).toEqual([
      ['feedback', 'proposed'],
      ['idea', 'rejected'],
      ['objective', 'approved'],
      ['pir', 'in_progress'],
      ['problem', 'realised'],
    ]);
    expect(r.rows.find((x) => x.state === 'realised')).toMatchObject({ baseline: 82.4, measured: 91.7 });
    const scored = await k.db.execute(
      sql`select 1 from improvements where score is null and source <> 'audit'`,
    );
    expect(scored.rows).toHaveLength(0);
  });

  it('has a readiness view with honest gaps: processes Keel does not run, an own requirement overdue', async () => {
    const { readinessFor } = await import('../modules/readiness/index.ts');
    const r = await readinessFor(k.db);
    const of = (n: string) => r.clauses.find((c) => c.number === n)!;
    expect(r.notApplicable).toBe(0);
    expect(r.figure).toBeGreaterThan(0);
    expect(r.figure).toBeLessThan(100);
    for (const n of ['8.4.1', '8.5.3', '8.7.2']) expect(of(n)).toMatchObject({ status: 'missing' });
    expect(of('8.4.1').rules[0]).toMatchObject({ notRun: true });
    expect(of('7.5').requirements).toMatchObject([{ code: 'revDSG-12', source: 'legal', overdue: true }]);
    expect(of('7.5').status).toBe('stale');
    expect(of('8.3.3').requirements).toMatchObject([
      { code: 'AH-FA-7.2', source: 'contract', overdue: false },
    ]);
    expect(of('8.5.1').status).toBe('evidenced');
  });

  it('has a management review held last quarter with decisions and open actions, the next one planned, and a monthly SLA report sent', async () => {
    const reviews = await k.db.execute<{
      state: string;
      held: boolean;
      decisions: number;
      open: number;
      overdue: number;
    }>(sql`
      select m.state, m.inputs is not null as held,
             (select count(*)::int from management_review_decisions d where d.review_id = m.id) as decisions,
             (select count(*)::int from management_review_actions a where a.review_id = m.id and a.done_at is null) as open,
             (select count(*)::int from management_review_actions a where a.review_id = m.id and a.done_at is null
                 and a.due < current_date) as overdue
        from management_reviews m order by m.meeting_on`);
    expect(reviews.rows).toEqual([
      { state: 'approved', held: true, decisions: 3, open: 2, overdue: 1 },
      { state: 'planned', held: false, decisions: 0, open: 0, overdue: 0 },
    ]);
    const sent = await k.db.execute<{ status: string; files: number; mails: number }>(sql`
      select d.status, jsonb_array_length(d.files) as files,
             (select count(*)::int from mail_messages m where m.meta->>'distributionId' = d.id::text and m.state = 'sent') as mails
        from report_distributions d join report_schedules s on s.id = d.schedule_id where s.frequency = 'monthly'`);
    expect(sent.rows).toEqual([{ status: 'sent', files: 2, mails: 3 }]);
  });

  it('loading it again adds nothing', async () => {
    const before = await k.db.execute<{ n: number }>(sql`select count(*)::int as n from work_items`);
    await loadDemo(k.db);
    const after = await k.db.execute<{ n: number }>(sql`select count(*)::int as n from work_items`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});

describe('the demo’s internal audits', () => {
  it('has an approved three-year programme, two audits done with their findings, and one planned ahead', async () => {
    const p = await k.db.execute<{ state: string; years: number }>(sql`
      select state, (extract(year from cycle_end) - extract(year from cycle_start) + 1)::int as years
        from audit_programmes`);
    expect(p.rows).toEqual([{ state: 'approved', years: 3 }]);
    const a = await k.db.execute<{ state: string; n: number; open: number }>(sql`
      select a.state, count(*)::int as n,
             sum((select count(*) from audit_checklist_items i where i.audit_id = a.id and i.answer is null))::int as open
        from audits a group by 1 order by 1`);
    expect(a.rows).toEqual([
      { state: 'completed', n: 2, open: 0 },
      { state: 'planned', n: 1, open: expect.any(Number) },
    ]);
    const f = await k.db.execute<{ kind: string; n: number; ncs: number; improvements: number }>(sql`
      select f.kind, count(*)::int as n,
             count(w.id)::int as ncs, count(f.improvement_id)::int as improvements
        from findings f left join work_items w on w.id = f.nonconformity_id and w.type = 'nonconformity'
       group by 1 order by 1`);
    expect(f.rows).toEqual([
      { kind: 'major_nc', n: 1, ncs: 1, improvements: 0 },
      { kind: 'minor_nc', n: 2, ncs: 2, improvements: 0 },
      { kind: 'observation', n: 1, ncs: 0, improvements: 0 },
      { kind: 'ofi', n: 3, ncs: 0, improvements: 3 },
    ]);
    // the major nonconformity has its corrective action done and its effectiveness check pending
    const major = await k.db.execute<{ state: string; pending: boolean; actions: number; open: number }>(sql`
      select w.state, n.effectiveness is null and n.effectiveness_due > current_date as pending,
             (select count(*)::int from corrective_actions a where a.work_item_id = w.id) as actions,
             (select count(*)::int from corrective_actions a where a.work_item_id = w.id and a.done_at is null) as open
        from nonconformities n join work_items w on w.id = n.work_item_id
       where n.source = 'audit' and n.severity = 'major'`);
    expect(major.rows).toEqual([{ state: 'verification', pending: true, actions: 1, open: 0 }]);
  });
});
