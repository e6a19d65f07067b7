import { sql } from 'drizzle-orm';
import type { Role } from '../kernel/access/roles.ts';
import { type Principal, principalOfActor } from '../kernel/auth/principal.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import { anyVersion } from '../kernel/http/etag.ts';
import {
  createAudit,
  createProgramme,
  type FindingInput,
  type RiskLevel,
  raiseFinding,
  rateProcessRisk,
  stepAudit,
  stepProgramme,
  updateChecklistItem,
} from '../modules/audits/index.ts';

type Finding = Omit<FindingInput, 'auditId' | 'evidence' | 'statement' | 'toImprovements'> & {
  statement: string;
  toImprovements?: boolean;
  evidence?: FindingInput['evidence'];
};

/**
 * The demo's internal audits (9.2): a three-year programme approved by top management, two audits done and
 * their reports approved, with one major and two minor nonconformities (each raised as an NC work item through
 * the nonconformities module), an observation, and three opportunities for improvement (proposed to the improvement register),
 * and one audit planned ahead. Dates are relative to today, so the programme is always under way.
 */
export async function loadDemoAudits(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from audit_programmes limit 1`);
  if (done.rows.length || !people.auditor || !people.top || !people.head) return;
  const processes = await ctx.tx.execute<{ key: string }>(sql`select key from sms_processes`);
  const have = new Set(processes.rows.map((p) => p.key));
  if (!['incident', 'problem', 'change', 'service-level'].every((k) => have.has(k))) return;

  const as = (who: string, roles: Role[]): Principal =>
    principalOfActor({ ...ctx.actor, userId: people[who]! }, roles);
  const auditor = as('auditor', ['internal_auditor']);
  const top = as('top', ['top_management']);
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const year = new Date().getUTCFullYear();
  const incidents = await ctx.tx.execute<{ number: string }>(
    sql`select number from work_items where type = 'incident' order by created_at desc limit 3`,
  );
  const changes = await ctx.tx.execute<{ number: string }>(
    sql`select number from work_items where type = 'change' order by created_at limit 2`,
  );
  const record = (number: string | undefined, label: string) =>
    number ? [{ kind: 'record' as const, ref: number, label }] : [];

  const programme = await createProgramme(ctx, auditor, {
    title: `Internal audit programme ${year - 1}–${year + 1}`,
    cycleStart: `${year - 1}-01-01`,
    cycleEnd: `${year + 1}-12-31`,
    ownerId: people.head,
    objectives:
      'Every clause of ISO/IEC 20000-1 and every process of the register audited at least once in the cycle; incident and change management, which carry the most risk for the hotels, every year.',
    method:
      'Interviews with process owners and staff, samples of records in Keel, observation at the service desk. Frequency follows the risk register and the results of earlier audits.',
  });
  await stepProgramme(ctx, top, programme.id, 'approve', 'Approved in the management review');
  // the planner's risk per process: incident and change weigh most for the hotels (audited yearly), the
  // supporting processes least; with the audits' results this makes incident management due again soon
  const risks: Record<string, RiskLevel> = {
    incident: 'high',
    change: 'high',
    problem: 'medium',
    'service-level': 'medium',
    request: 'medium',
    'information-security': 'medium',
  };
  await rateProcessRisk(ctx, auditor, programme.id, anyVersion, {
    processRisk: Object.fromEntries([...have].map((k) => [k, risks[k] ?? 'low'])),
  });

  /** One audit carried out: started, its checklist answered, findings raised, reported and approved. */
  const perform = async (plan: {
    title: string;
    scopeClauses: string[];
    scopeProcesses: string[];
    criteria: string;
    teamIds: string[];
    auditeeIds: string[];
    startsIn: number;
    findings: Finding[];
    summary: string;
    conclusion: string;
  }) => {
    const { startsIn, findings, summary, conclusion, ...rest } = plan;
    const a = await createAudit(ctx, auditor, {
      ...rest,
      programmeId: programme.id,
      scopeServiceIds: [],
      leadAuditorId: people.auditor!,
      plannedStart: day(startsIn),
      plannedEnd: day(startsIn + 2),
      language: 'en',
    });
    await stepAudit(ctx, auditor, a.id, 'start', {});
    const items = await ctx.tx.execute<{ id: string; clause: string }>(
      sql`select id, clause from audit_checklist_items where audit_id = ${a.id} order by position`,
    );
    // a finding comes from the first question of its clause, which it answers; the rest conform
    const asked = new Set<string>();
    for (const f of findings) {
      const item = items.rows.find((i) => i.clause === f.clause && !asked.has(i.id));
      if (item) asked.add(item.id);
      await raiseFinding(ctx, auditor, {
        evidence: [],
        toImprovements: false,
        ...f,
        auditId: a.id,
        checklistItemId: item?.id ?? null,
      });
    }
    for (const i of items.rows.filter((x) => !asked.has(x.id)))
      await updateChecklistItem(ctx, auditor, a.id, i.id, anyVersion, {
        answer: 'conformity',
        notes: 'Seen in interviews and a sample of records.',
      });
    await stepAudit(ctx, auditor, a.id, 'report', { summary, conclusion });
    await stepAudit(ctx, top, a.id, 'approve', {});
    // the audit happened on its planned days: its steps and answers are dated so
    await ctx.tx.execute(sql`
      update audits set started_at = ${day(startsIn)}::date + time '09:00',
             reported_at = ${day(startsIn + 5)}::date + time '16:00',
             approved_at = ${day(startsIn + 12)}::date + time '11:00',
             created_at = ${day(startsIn - 30)}::date + time '10:00'
       where id = ${a.id}`);
    await ctx.tx.execute(sql`
      update audit_checklist_items set answered_at = ${day(startsIn + 1)}::date + time '14:00'
       where audit_id = ${a.id}`);
    await ctx.tx.execute(sql`
      update findings set raised_at = ${day(startsIn + 1)}::date + time '15:00' where audit_id = ${a.id}`);
    return a;
  };

  await perform({
    title: 'Incident and problem management',
    scopeClauses: ['7.5'],
    scopeProcesses: ['incident', 'problem'],
    criteria: 'ISO/IEC 20000-1:2018; the incident and problem procedures; the SLAs with the hotels.',
    teamIds: people.knowledge ? [people.knowledge] : [],
    auditeeIds: [people.incident, people.agent, people.resolver].filter((x): x is string => !!x),
    startsIn: -240,
    findings: [
      {
        kind: 'major_nc',
        clause: '8.6.1',
        processKey: 'incident',
        title: 'Major incidents are not reviewed after they are resolved',
        statement:
          'None of the four major incidents of the last six months had a post-incident review, although the incident procedure requires one within ten working days.',
        evidence: record(incidents.rows[0]?.number, 'a major incident without review'),
      },
      {
        kind: 'minor_nc',
        clause: '8.6.3',
        processKey: 'problem',
        title: 'Problem records lack a documented root cause',
        statement: 'Two of five closed problems in the sample were closed without a root cause recorded.',
      },
      {
        kind: 'ofi',
        clause: '8.6.1',
        processKey: 'incident',
        title: 'Offer known-error workarounds to agents while they log an incident',
        statement: 'Agents searched the knowledge base by hand; suggestions while logging would save time.',
        toImprovements: true,
      },
    ],
    summary:
      'Interviews with the incident manager, two agents and a resolver; a sample of 25 incidents and 5 problems from the last six months.',
    conclusion:
      'Incident management conforms except for post-incident reviews of major incidents (major nonconformity). Problem management is effective but its records are incomplete.',
  });

  await perform({
    title: 'Change management',
    scopeClauses: ['8.2.6'],
    scopeProcesses: ['change'],
    criteria: 'ISO/IEC 20000-1:2018; the change management policy; the change schedule.',
    teamIds: [],
    auditeeIds: [people.change].filter((x): x is string => !!x),
    startsIn: -90,
    findings: [
      {
        kind: 'minor_nc',
        clause: '8.5.1',
        title: 'Emergency changes are not ratified afterwards',
        statement:
          'One emergency change of the sample was implemented without the ratification by the change authority the policy asks for.',
        evidence: record(changes.rows[0]?.number, 'the emergency change'),
      },
      {
        kind: 'observation',
        clause: '8.2.6',
        title: 'CIs changed without their records being updated at once',
        statement:
          'Two CIs changed by a closed change showed their old configuration for a week before the monthly CMDB verification caught them.',
        evidence: record(changes.rows[1]?.number, 'the change that left the CIs behind'),
      },
      {
        kind: 'ofi',
        clause: '8.5.1',
        title: 'Share the change schedule with the hotels',
        statement:
          'Hotel managers learn of changes by mail; a shared calendar would let them plan around them.',
        toImprovements: true,
      },
      {
        kind: 'ofi',
        clause: '8.2.6',
        title: 'Verify CMDB records automatically after each change',
        statement: 'A CMDB verification run after implementation would catch stale records at once.',
        toImprovements: true,
      },
    ],
    summary:
      'Interview with the change manager; a sample of 12 changes (8 normal, 3 standard, 1 emergency) and the CIs they touched.',
    conclusion:
      'Change management conforms and is largely effective; the ratification of emergency changes needs correcting, and CI records lag behind changes.',
  });

  await createAudit(ctx, auditor, {
    programmeId: programme.id,
    title: 'Service level management and the performance of the SMS',
    scopeClauses: ['9.1', '9.3', '10.1'],
    scopeProcesses: ['service-level'],
    scopeServiceIds: [],
    criteria: 'ISO/IEC 20000-1:2018; the SLAs with the hotels; the service management plan.',
    leadAuditorId: people.auditor,
    teamIds: [],
    auditeeIds: [people.head],
    plannedStart: day(60),
    plannedEnd: day(62),
    language: 'en',
  });
}
