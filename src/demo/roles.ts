import { sql } from 'drizzle-orm';
import { principalOfActor } from '../kernel/auth/principal.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import {
  appoint,
  createProcess,
  createRole,
  type RoleInput,
  recordCompetence,
  updateProcess,
} from '../modules/roles/index.ts';

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
      key: 'problem',
      name: 'Problem management',
      description: 'Finds the causes of recurring incidents, documents known errors and has them removed.',
      ownerId: people.incident ?? null,
      kpis: [
        'open_problems',
        'problem_age_days',
        'known_errors_with_workaround',
        'incidents_resolved_by_known_error',
      ],
      criteria:
        'Every recurring incident pattern analysed; a workaround for every known error until its fix.',
    },
    {
      key: 'knowledge',
      name: 'Knowledge management',
      description: 'Keeps the answers agents and guests need reviewed, current and easy to find.',
      ownerId: people.knowledge ?? null,
      kpis: ['deflection_rate', 'article_freshness', 'articles_helpful_rate'],
      criteria: 'Every article approved before publication and reviewed by its review date.',
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
