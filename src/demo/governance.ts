import { sql } from 'drizzle-orm';
import { principalOfActor } from '../kernel/auth/principal.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import { createEntry } from '../modules/communication/index.ts';
import { saveIssue, saveParty, saveScope } from '../modules/context/index.ts';
import { addAction, createObjective, recordValue } from '../modules/objectives/index.ts';
import { assemblePlanDraft } from '../modules/plan/index.ts';
import {
  acknowledgePolicy,
  createPolicy,
  decidePolicy,
  newDraft,
  publishPolicy,
  saveDraft,
  submitPolicy,
} from '../modules/policies/index.ts';
import { addRiskAction, createRisk } from '../modules/risks/index.ts';
import {
  appoint,
  createProcess,
  createRole,
  type RoleInput,
  recordCompetence,
  updateProcess,
} from '../modules/roles/index.ts';

const p = (...paragraphs: string[]) => paragraphs.map((x) => `<p>${x}</p>`).join('');

/**
 * The demo's governance: the service management policy in force and read by part of the staff, an incident
 * policy whose second version waits for top management, a change policy still in draft, and five objectives
 * (four measured from the service desk's own data, one recorded by hand).
 */
export async function loadDemoGovernance(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from policies limit 1`);
  if (done.rows.length || !people.head || !people.top) return;
  const as = (who: string, roles: Parameters<typeof principalOfActor>[1]) =>
    principalOfActor({ ...ctx.actor, userId: people[who]! }, roles);
  const head = as('head', ['process_owner']);
  const top = as('top', ['top_management']);

  const sm = await createPolicy(ctx, head, {
    identifier: 'POL-SM-01',
    title: 'Service management policy',
    kind: 'service_management',
    ownerId: people.head,
    reviewMonths: 12,
    approverRoles: ['top_management'],
    // shared with the suppliers whose contracts underpin the hotels' services (8.2.3)
    audience: { everyone: true, roles: [], groupIds: [], customers: false, suppliers: true },
    language: 'en',
    body: p(
      'Alpine Hotels IT runs its services so that guests and staff can rely on them: we agree service levels with each hotel, meet them, and report openly when we do not.',
      'Our objectives are measurable and reviewed every quarter by top management. Each process has an owner who answers for its results.',
      'We meet the requirements of ISO/IEC 20000-1, of our customers and of the law, and we improve the service management system continually.',
    ),
  });
  await submitPolicy(ctx, head, sm.id);
  await decidePolicy(ctx, top, sm.id, { approved: true, comment: 'Approved in the management review.' });
  await publishPolicy(ctx, head, sm.id);
  for (const who of ['agent', 'resolver', 'incident']) {
    if (people[who]) await acknowledgePolicy(ctx, as(who, ['service_desk_agent']), sm.id);
  }

  const inc = await createPolicy(ctx, head, {
    identifier: 'POL-INC-01',
    title: 'Incident management policy',
    kind: 'process',
    process: 'incident management',
    ownerId: people.head,
    reviewMonths: 12,
    approverRoles: ['top_management'],
    audience: {
      everyone: false,
      roles: ['service_desk_agent', 'resolver', 'incident_manager'],
      groupIds: [],
      customers: false,
    },
    language: 'en',
    body: p(
      'Every incident is recorded, whoever notices it, and the requester is kept informed until it is resolved.',
      'Priority follows impact and urgency. A priority 1 incident on a critical service is a major incident.',
    ),
  });
  await submitPolicy(ctx, head, inc.id);
  await decidePolicy(ctx, top, inc.id, { approved: true });
  await publishPolicy(ctx, head, inc.id);
  await newDraft(ctx, head, inc.id);
  await saveDraft(ctx, head, inc.id, {
    body: p(
      'Every incident is recorded, whoever notices it, and the requester is kept informed by e-mail until it is resolved.',
      'Priority follows impact and urgency. A priority 1 incident on a critical service is a major incident, with an update to the hotels every 30 minutes.',
    ),
    changeNote: 'E-mail updates and the major incident update interval',
  });
  await submitPolicy(ctx, head, inc.id);

  await createPolicy(ctx, head, {
    identifier: 'POL-CHG-01',
    title: 'Change management policy',
    kind: 'process',
    process: 'change management',
    ownerId: people.head,
    reviewMonths: 12,
    approverRoles: ['top_management'],
    audience: { everyone: true, roles: [], groupIds: [], customers: false },
    language: 'en',
    body: p('Every change to a live service is recorded, assessed for risk and approved before it is made.'),
  });

  const yearEnd = `${new Date().getUTCFullYear()}-12-31`;
  const objective = (
    code: string,
    title: string,
    target: number,
    measurement: Parameters<typeof createObjective>[1]['measurement'],
    extra: object = {},
  ) =>
    createObjective(ctx, {
      code,
      title,
      ownerId: people.head!,
      target,
      deadline: yearEnd,
      measurement,
      businessGoal: 'Guests and hotel staff can rely on IT at every hour of the hotel day.',
      ...extra,
    });
  const p1 = await objective('OBJ-01', 'P1 incidents resolved within the SLA', 95, {
    kind: 'kpi',
    kpi: 'incidents_resolved_in_sla',
    priority: 1,
  });
  await objective('OBJ-02', 'Incidents answered within the SLA', 90, {
    kind: 'kpi',
    kpi: 'incidents_responded_in_sla',
  });
  await objective('OBJ-03', 'Requesters satisfied with the service desk', 4.2, {
    kind: 'kpi',
    kpi: 'customer_satisfaction',
  });
  await objective('OBJ-04', 'At most two major incidents a quarter', 2, {
    kind: 'kpi',
    kpi: 'major_incidents',
  });
  await objective(
    'OBJ-06',
    'Changes implemented successfully',
    90,
    { kind: 'kpi', kpi: 'change_success_rate' },
    { businessGoal: 'Changes to the hotels’ systems never disturb guests.' },
  );
  const training = await objective(
    'OBJ-05',
    'Service desk staff trained in ISO/IEC 20000',
    90,
    { kind: 'recorded' },
    { unit: '%', period: 'month' },
  );
  await recordValue(ctx, head, training.id, {
    value: 80,
    evidence: 'Training records from the HR system, November',
  });
  await addAction(ctx, head, training.id, {
    title: 'Foundation course for the night shift',
    responsibleId: people.agent ?? null,
    resources: 'Two course days, external trainer',
    due: yearEnd,
  });
  await addAction(ctx, head, p1.id, {
    title: 'On-call rota for the network group at weekends',
    responsibleId: people.resolver ?? null,
    resources: 'Weekend allowance for two engineers',
  });

  await loadDemoRisks(ctx, people, as('top', ['top_management']));
}

/** A dozen risks and opportunities of a hotel group's IT, scored on Keel's default criteria. */
async function loadDemoRisks(
  ctx: CommandContext,
  people: Record<string, string>,
  top: ReturnType<typeof principalOfActor>,
) {
  const services = await ctx.tx.execute<{ id: string; name: string }>(
    sql`select s.id, c.name from services s join cis c on c.id = s.ci_id`,
  );
  const svc = (name: string) => services.rows.filter((s) => s.name === name).map((s) => s.id);
  const inMonths = (m: number) => new Date(Date.now() + m * 30 * 86_400_000).toISOString().slice(0, 10);
  const owner = people.head!;
  const list: Array<
    [string, 'risk' | 'opportunity', string, number, number, number, number, string, string[], number]
  > = [
    [
      'Booking system database fails during check-in peak',
      'risk',
      'Single database server in the head office',
      3,
      5,
      2,
      4,
      'reduce',
      svc('Booking system'),
      3,
    ],
    [
      'Ransomware encrypts the hotel file shares',
      'risk',
      'Phishing; flat network between hotels',
      3,
      5,
      2,
      5,
      'reduce',
      [],
      2,
    ],
    [
      'WAN link to a hotel is cut',
      'risk',
      'One provider, one line per hotel',
      3,
      4,
      2,
      2,
      'transfer',
      svc('Guest Wi-Fi'),
      6,
    ],
    [
      'Key PMS supplier ends support for our version',
      'risk',
      'Contract renewal in 2027',
      2,
      4,
      2,
      4,
      'accept',
      svc('Booking system'),
      4,
    ],
    [
      'Night shift cannot reach second line',
      'risk',
      'No on-call rota at weekends',
      4,
      3,
      2,
      3,
      'reduce',
      [],
      1,
    ],
    ['Card terminals fail PCI audit', 'risk', 'Outdated terminal firmware', 2, 4, 1, 4, 'reduce', [], 5],
    [
      'Data centre cooling fails in summer',
      'risk',
      'Single air conditioning unit',
      2,
      4,
      2,
      3,
      'reduce',
      [],
      6,
    ],
    ['Licences over-deployed', 'risk', 'Manual licence tracking', 3, 2, 2, 2, 'reduce', [], 8],
    ['Key engineer leaves', 'risk', 'Network knowledge with one person', 3, 3, 2, 2, 'reduce', [], 5],
    [
      'Guest data leaked through Wi-Fi portal',
      'risk',
      'Portal collects e-mail addresses',
      2,
      5,
      1,
      5,
      'avoid',
      svc('Guest Wi-Fi'),
      3,
    ],
    [
      'Self-service portal reduces calls to the desk',
      'opportunity',
      'Staff ask for a portal',
      4,
      3,
      4,
      4,
      'exploit',
      [],
      6,
    ],
    [
      'Shared booking platform with the group',
      'opportunity',
      'Group-wide platform offered',
      2,
      4,
      3,
      4,
      'enhance',
      svc('Booking system'),
      9,
    ],
  ];
  for (const [title, kind, causes, il, ii, rl, ri, treatment, serviceIds, months] of list) {
    // recorded by top management, whose word a risk accepted above the acceptable level needs
    const r = await createRisk(ctx, top, {
      kind,
      title,
      causes,
      serviceIds,
      ownerId: owner,
      inherentLikelihood: il,
      inherentImpact: ii,
      residualLikelihood: rl,
      residualImpact: ri,
      treatment: treatment as 'reduce',
      reviewDue: inMonths(months),
    });
    if (treatment === 'reduce' && rl * ri >= 6)
      await addRiskAction(ctx, top, r.id, {
        title: `Treatment plan for: ${title}`,
        responsibleId: people.resolver ?? null,
        due: inMonths(2),
      });
  }
}

/**
 * The demo's roles (5.3): a catalogue whose roles give Keel's access roles, the people appointed with their
 * deputies, a process register with RACI matrices, training records, and the gaps a head of service
 * management would find in a real organisation (a vacant security role, a change manager leaving with no
 * successor or deputy, a process without owner, a course not yet taken).
 */
export async function loadDemoRoles(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from sms_roles limit 1`);
  if (done.rows.length || !people.top || !people.head) return;
  const top = principalOfActor({ ...ctx.actor, userId: people.top }, ['top_management']);
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const itil = 'ITIL 4 Foundation';

  const processes = [
    {
      key: 'incident',
      name: 'Incident management',
      description: 'Restores normal service as quickly as possible and keeps users informed.',
      ownerId: people.incident ?? null,
      kpis: ['incidents_resolved_in_sla', 'incidents_responded_in_sla', 'major_incidents'],
      criteria: 'Every incident recorded, prioritised by impact and urgency, resolved within its SLA target.',
    },
    {
      key: 'change',
      name: 'Change management',
      description: 'Assesses, approves and schedules changes so that they do not disturb the hotels.',
      ownerId: people.change ?? null,
      kpis: ['change_success_rate'],
      criteria: 'No normal change without an assessment of risk and impact and an approved plan to back out.',
    },
    {
      key: 'service-level',
      name: 'Service level management',
      description: 'Agrees service levels with each hotel, monitors them and reports every month.',
      ownerId: people.head ?? null,
      kpis: ['customer_satisfaction'],
      criteria: 'Every live service covered by an agreement; reports reviewed with the customer monthly.',
    },
    {
      key: 'information-security',
      name: 'Information security management',
      description: 'Protects the confidentiality, integrity and availability of guest and hotel data.',
      ownerId: null,
    },
  ];
  const made: Record<string, string> = {};
  for (const p of processes) made[p.key] = (await createProcess(ctx, p)).id;

  const roles: Array<RoleInput & { holder?: string; deputy?: string; endsIn?: number }> = [
    {
      key: 'managing-director',
      name: 'Managing director',
      description: 'Top management of Alpine Hotels IT.',
      responsibilities: ['Sets the service management policy and objectives', 'Chairs the management review'],
      authorities: ['approve_sm_policy', 'set_risk_criteria', 'accept_high_risk', 'authorise_budget'],
      accessRole: 'top_management' as const,
      needsDeputy: false,
      holder: 'top',
    },
    {
      key: 'head-of-service-management',
      name: 'Head of service management',
      description: 'Leads the service management system day to day.',
      responsibilities: [
        'Plans, runs and improves the service management system',
        'Reports its performance to top management every quarter',
      ],
      authorities: ['report_sms_performance', 'ensure_conformity', 'agree_service_levels'],
      competences: ['ISO/IEC 20000-1 Lead Implementer', itil],
      accessRole: 'process_owner' as const,
      processKey: 'service-level',
      holder: 'head',
      deputy: 'incident',
    },
    {
      key: 'incident-manager',
      name: 'Incident manager',
      responsibilities: ['Owns the incident process and its SLA results', 'Leads major incidents'],
      authorities: ['declare_major_incident'],
      competences: [itil],
      accessRole: 'incident_manager' as const,
      processKey: 'incident',
      holder: 'incident',
      deputy: 'agent',
    },
    {
      key: 'change-manager',
      name: 'Change manager',
      responsibilities: ['Chairs the change advisory board', 'Keeps the change schedule'],
      authorities: ['approve_standard_change', 'approve_normal_change', 'approve_emergency_change'],
      competences: [itil],
      accessRole: 'change_manager' as const,
      processKey: 'change',
      holder: 'change',
      endsIn: 21,
    },
    {
      key: 'service-desk-lead',
      name: 'Service desk lead',
      responsibilities: ['Runs the service desk rota', 'First point of contact for the hotels'],
      authorities: ['approve_access'],
      competences: [itil],
      accessRole: 'service_desk_agent' as const,
      processKey: 'incident',
      holder: 'agent',
      deputy: 'resolver',
    },
    {
      key: 'information-security-manager',
      name: 'Information security manager',
      responsibilities: ['Keeps the information security policy and controls', 'Handles security incidents'],
      competences: ['ISO/IEC 27001 Foundation'],
      processKey: 'information-security',
    },
    {
      key: 'internal-auditor',
      name: 'Internal auditor',
      responsibilities: ['Audits the service management system against ISO/IEC 20000-1 each year'],
      accessRole: 'internal_auditor' as const,
      needsDeputy: false,
      holder: 'auditor',
    },
  ];
  const ids: Record<string, string> = {};
  for (const { holder, deputy, endsIn, ...r } of roles) {
    ids[r.key] = (await createRole(ctx, top, r)).id;
    if (holder && people[holder])
      await appoint(ctx, top, {
        roleId: ids[r.key]!,
        userId: people[holder],
        deputyId: deputy ? (people[deputy] ?? null) : null,
        startsOn: day(-300),
        endsOn: endsIn ? day(endsIn) : null,
        note: 'Appointed in the management review of January',
      });
  }
  await updateProcess(ctx, made.incident!, 1, {
    raci: [
      { activity: 'Record and classify', cells: { 'service-desk-lead': 'R', 'incident-manager': 'A' } },
      {
        activity: 'Declare a major incident',
        cells: { 'incident-manager': 'A', 'service-desk-lead': 'C', 'managing-director': 'I' },
      },
      {
        activity: 'Report SLA results',
        cells: { 'incident-manager': 'R', 'head-of-service-management': 'A' },
      },
    ],
  });
  await updateProcess(ctx, made.change!, 1, {
    raci: [
      { activity: 'Assess risk and impact', cells: { 'change-manager': 'A', 'service-desk-lead': 'C' } },
      {
        activity: 'Approve a normal change',
        cells: { 'change-manager': 'R', 'head-of-service-management': 'A' },
      },
    ],
  });

  const training = [
    ['head', 'ISO/IEC 20000-1 Lead Implementer', 'assessment', day(-500)],
    ['head', itil, 'training', day(-900)],
    ['incident', itil, 'training', day(-400)],
    ['change', itil, 'training', day(-700)],
  ] as const;
  for (const [who, competence, source, achievedOn] of training)
    if (people[who])
      await recordCompetence(ctx, top, people[who], {
        competence,
        source,
        title: competence,
        achievedOn,
        evidence: 'Certificate kept by HR',
      });
}

/**
 * The demo's context (4.1–4.3, 7.4): issues including the climate decision, interested parties, a scope that
 * leaves the newest live service out (so Keel's warning shows), and a communication plan with one report due.
 */
export async function loadDemoContext(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from scope_statements limit 1`);
  if (done.rows.length || !people.head || !people.top) return;
  const head = principalOfActor({ ...ctx.actor, userId: people.head }, ['process_owner']);
  const issues = [
    {
      kind: 'external' as const,
      title: 'Hotter summers in the Alps',
      effect: 'Server rooms in the hotels need more cooling; the Zermatt room overheated in August.',
      climateRelated: true,
    },
    {
      kind: 'external' as const,
      title: 'Guests expect Wi-Fi as good as at home',
      effect: 'Guest Wi-Fi availability is an objective and part of every hotel agreement.',
    },
    {
      kind: 'external' as const,
      title: 'Swiss data protection act (revDSG)',
      effect: 'Guest data stays in Switzerland; processors are listed in the supplier register.',
    },
    {
      kind: 'internal' as const,
      title: 'Small team, single points of knowledge',
      effect: 'Deputies for every role; on-call rota shared between the network and server groups.',
    },
  ];
  for (const i of issues) await saveIssue(ctx, i);
  const parties = [
    {
      name: 'Hotel managers',
      kind: 'customer' as const,
      requirements: 'Booking and point of sale available during check-in peaks; monthly service report.',
      howAddressed: 'Service level agreement per hotel; monthly report in the communication plan.',
    },
    {
      name: 'Hotel guests',
      kind: 'user' as const,
      requirements: 'Wi-Fi in every room; their personal data kept safe.',
      howAddressed: 'Guest Wi-Fi service; information security policy.',
    },
    {
      name: 'PMS supplier',
      kind: 'supplier' as const,
      requirements: 'Supported version, remote access for support.',
      howAddressed: 'Upgrade planned in risk RSK-004; access through the jump host only.',
    },
    {
      name: 'Federal Data Protection Commissioner',
      kind: 'regulator' as const,
      requirements: 'Breaches reported within 72 hours.',
      howAddressed: 'Security incidents follow the major incident procedure with a legal step.',
    },
  ];
  for (const p of parties) await saveParty(ctx, p);
  const services = await ctx.tx.execute<{ id: string; name: string }>(sql`
    select s.id, c.name from services s join cis c on c.id = s.ci_id
     where s.status = 'live' and c.name <> 'Conference room booking' order by c.name`);
  await saveScope(ctx, head, {
    statement:
      'The service management system of Alpine Hotels IT covers the planning, delivery and improvement of the IT services it provides to the hotels of the Alpine Hotels group and their guests.',
    serviceIds: services.rows.map((s) => s.id),
    units: ['Alpine Hotels IT', 'Service desk', 'Network and server groups'],
    locations: ['Head office Chur', 'Hotel Zermatt', 'Hotel Davos', 'Hotel St. Moritz'],
    exclusions: 'The hotels’ building automation, run by the facilities department.',
    climateRelevant: true,
    climateReasoning:
      'Hotter summers threaten the cooling of the hotel server rooms and so the availability of booking and point of sale; treated in the risk register.',
  });
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const plan = [
    [
      'Monthly service report',
      'Hotel managers',
      'E-mail with the report attached',
      'monthly',
      'head',
      day(-3),
    ],
    [
      'SMS performance and objectives',
      'Top management',
      'Management review meeting',
      'quarterly',
      'head',
      day(40),
    ],
    [
      'Planned changes for the coming week',
      'Hotel front desks',
      'Intranet notice',
      'monthly',
      'change',
      day(5),
    ],
    [
      'Policy changes to acknowledge',
      'All staff',
      'Keel notification and team meeting',
      'yearly',
      'head',
      day(90),
    ],
  ] as const;
  for (const [subject, audience, channel, frequency, who, firstDue] of plan)
    if (people[who])
      await createEntry(ctx, { subject, audience, channel, frequency, responsibleId: people[who], firstDue });
}

/** The demo's service management plan: assembled from the records above, approved by top management, in force. */
export async function loadDemoPlan(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from policies where kind = 'plan'`);
  if (done.rows.length || !people.head || !people.top) return;
  const head = principalOfActor({ ...ctx.actor, userId: people.head }, ['process_owner']);
  const top = principalOfActor({ ...ctx.actor, userId: people.top }, ['top_management']);
  const plan = await createPolicy(ctx, head, {
    identifier: 'PLAN-SMS',
    title: 'Service management plan',
    kind: 'plan',
    ownerId: people.head,
    reviewMonths: 12,
    approverRoles: ['top_management'],
    audience: { everyone: true, roles: [], groupIds: [], customers: false },
    language: 'en',
  });
  await assemblePlanDraft(ctx, head, plan.id, {
    introduction:
      'This plan says how Alpine Hotels IT plans, runs, measures and improves its services to the hotels this year. It is reviewed with every management review.',
    limitations:
      'One data centre at the head office: a site failure stops booking until the cloud standby is ready (risk RSK-001). The night shift has no second-line cover before the on-call rota starts.',
    resources:
      'Eight people in IT (four on the service desk), a budget for two courses a year and an external auditor.',
    technology: 'Keel for service management; the hotel PMS and POS from external suppliers; Microsoft 365.',
    improvement:
      'KPIs are computed monthly in Keel; the internal audit runs every spring; the management review each quarter decides on improvements, which are tracked as objectives and actions.',
  });
  await submitPolicy(ctx, head, plan.id);
  await decidePolicy(ctx, top, plan.id, { approved: true, comment: 'Approved in the management review.' });
  await publishPolicy(ctx, head, plan.id);
}
