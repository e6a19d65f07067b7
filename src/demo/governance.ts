import { sql } from 'drizzle-orm';
import { principalOfActor } from '../kernel/auth/principal.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import { addAction, createObjective, recordValue } from '../modules/objectives/index.ts';
import {
  acknowledgePolicy,
  createPolicy,
  decidePolicy,
  newDraft,
  publishPolicy,
  saveDraft,
  submitPolicy,
} from '../modules/policies/index.ts';
import { loadDemoRisks } from './risks.ts';

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
  await objective(
    'OBJ-07',
    'Portal reports answered by self-help',
    20,
    { kind: 'kpi', kpi: 'deflection_rate' },
    { businessGoal: 'Guests and hotel staff find answers without waiting for the desk.' },
  );
  await objective('OBJ-08', 'Open problems with a known error and workaround', 60, {
    kind: 'kpi',
    kpi: 'known_errors_with_workaround',
  });
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
