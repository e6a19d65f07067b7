import { sql } from 'drizzle-orm';
import { principalOfActor } from '../kernel/auth/principal.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import { fireTransition } from '../kernel/records/commands.ts';
import { formatNumber, numberAfter } from '../kernel/records/numbering.ts';
import { type Calendar, type ClockEvent, createAgreement, viewClock } from '../modules/agreements/index.ts';
import { createGroup, createIncident, matrixOf } from '../modules/servicedesk/index.ts';

/**
 * The demo's service desk: assignment groups, skills, and months of incidents with realistic clock
 * histories (responses, waits for the guest, resolutions, some targets missed), so queues, clocks and
 * reports are alive on first start. History is written in bulk; today's open incidents go through the
 * real commands, so their clocks have their warning and breach jobs.
 */
const DAYS = 120;
const HISTORY = 2400;
const M = 60_000;

/** A small deterministic generator: the demo is the same on every machine. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const problems: Record<string, Array<[string, string]>> = {
  'Booking system': [
    ['Booking system slow at check-in', 'en'],
    ['Reservation not visible after online booking', 'en'],
    ['Boekingssysteem geeft een time-out bij het inchecken', 'nl'],
    ['Kan ikke åbne gæstens reservation', 'da'],
    ['Room status not updated after housekeeping', 'en'],
  ],
  'Point of sale': [
    ['Till does not print receipts', 'en'],
    ['Card payments declined at the bar', 'en'],
    ['Kassasysteem geeft foutmeldingen bij betalingen', 'nl'],
    ['Kasseterminal fryser ved dagsafslutning', 'da'],
  ],
  'Guest Wi-Fi': [
    ['Wi-Fi drops in the east wing', 'en'],
    ['Guests cannot reach the Wi-Fi login page', 'en'],
    ['Wifi in de vergaderzaal is traag', 'nl'],
    ['Trådløst net virker ikke på værelserne', 'da'],
  ],
  'E-mail and calendars': [
    ['Cannot open the shared reception mailbox', 'en'],
    ['Calendar invitations arrive late', 'en'],
    ['E-mail wordt niet verzonden vanaf de receptie', 'nl'],
  ],
};
const categoryOf: Record<string, string> = {
  'Booking system': 'software',
  'Point of sale': 'hardware',
  'Guest Wi-Fi': 'network',
  'E-mail and calendars': 'software',
};

type Ref = { id: string; name: string; ciId: string; criticality: number };

export async function loadDemoIncidents(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from work_items where type = 'incident' limit 1`);
  if (done.rows.length) return;
  const services = (
    await ctx.tx.execute<Ref>(sql`
      select s.id, c.name, s.ci_id as "ciId", s.criticality from services s join cis c on c.id = s.ci_id
       where c.name = any(${sql.param(Object.keys(problems))}::text[])`)
  ).rows;
  const byName = Object.fromEntries(services.map((s) => [s.name, s]));
  if (services.length < 4) return;
  const customers = (
    await ctx.tx.execute<{ id: string; code: string }>(
      sql`select id, code from customers where code in ('ALP', 'EDW', 'GLB') order by code`,
    )
  ).rows;

  await ctx.tx.execute(sql`update users set skills = '{applications,network}' where id = ${people.resolver}`);
  await ctx.tx.execute(sql`update users set skills = '{identity,hardware}' where id = ${people.agent}`);
  await ctx.tx.execute(sql`update users set skills = '{hardware,network}' where id = ${people.change}`);
  const desk = await createGroup(ctx, {
    name: 'Service desk',
    description: 'First line: takes every call and mail, solves what it can within the hour.',
    leadId: people.incident,
    categories: ['access', 'other'],
    memberIds: [people.agent!, people.incident!],
  });
  const apps = await createGroup(ctx, {
    name: 'Hotel applications',
    description: 'Booking system, point of sale and e-mail.',
    serviceIds: [
      byName['Booking system']!.id,
      byName['Point of sale']!.id,
      byName['E-mail and calendars']!.id,
    ],
    categories: ['software'],
    memberIds: [people.resolver!],
  });
  const network = await createGroup(ctx, {
    name: 'Network and Wi-Fi',
    description: 'Hotel networks, access points and the guest portal.',
    serviceIds: [byName['Guest Wi-Fi']!.id],
    categories: ['network', 'hardware'],
    memberIds: [people.resolver!, people.change!],
  });
  // the second-line groups' own commitments to the desk: their OLAs run clocks while they hold an incident
  const hours = await ctx.tx.execute<{ id: string }>(
    sql`select id from business_calendars where name = 'Hotel service desk hours'`,
  );
  for (const [group, services, p1] of [
    [apps, ['Booking system', 'Point of sale', 'E-mail and calendars'], 120],
    [network, ['Guest Wi-Fi'], 180],
  ] as const) {
    await createAgreement(ctx, {
      kind: 'ola',
      name: `OLA ${group.name}`,
      groupId: group.id,
      internalParty: group.name,
      calendarId: hours.rows[0]!.id,
      status: 'active',
      pauseOn: ['customer', 'supplier'],
      serviceIds: services.map((n) => byName[n]!.id),
      targets: [1, 2, 3, 4, 5].flatMap((priority) => [
        { metric: 'response' as const, priority, minutes: 10 * 2 ** priority },
        { metric: 'resolution' as const, priority, minutes: p1 * 2 ** (priority - 1) },
      ]),
      workloadLimits: 'Second line answers the desk within the response targets during desk hours.',
    });
  }
  const groupFor: Record<string, string> = {
    'Booking system': apps.id,
    'Point of sale': apps.id,
    'E-mail and calendars': apps.id,
    'Guest Wi-Fi': network.id,
  };

  // the SLA of each customer, with its calendar and targets, to derive the clocks exactly as Keel would
  const slas = (
    await ctx.tx.execute<{
      id: string;
      customer_id: string;
      time_zone: string;
      week: Calendar['week'];
      holidays: Calendar['holidays'];
      targets: Array<{ metric: string; priority: number; minutes: number; warn: number }>;
    }>(sql`
      select a.id, a.customer_id, c.time_zone, c.week, c.holidays,
             (select json_agg(json_build_object('metric', t.metric, 'priority', t.priority, 'minutes', t.minutes, 'warn', t.warn_percent))
                from agreement_targets t where t.agreement_id = a.id) as targets
        from agreements a join business_calendars c on c.id = a.calendar_id
       where a.kind = 'sla' and a.status = 'active' and a.customer_id is not null`)
  ).rows;
  const slaOf = Object.fromEntries(slas.map((s) => [s.customer_id, s]));

  // the priority each history incident had, from the matrix Keel uses
  const matrix = new Map((await matrixOf(ctx.tx)).map((c) => [`${c.impact}/${c.urgency}`, c.priority]));
  const rnd = random(20_26_11_21);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const now = Date.now();
  // a requester belongs to the incident's hotel, or is staff (kernel/records/requester.ts): Cora asks only
  // for her own hotel, and the provider's staff record the other hotels' calls in their name
  const coraOf = (
    await ctx.tx.execute<{ customer_id: string | null }>(
      sql`select customer_id from users where id = ${people.customer!}`,
    )
  ).rows[0]?.customer_id;
  const staffRequesters = [people.agent!, people.head!, people.owner!];
  const requestersOf = (customerId: string) =>
    customerId === coraOf ? [people.customer!, ...staffRequesters] : staffRequesters;
  const workers = [people.resolver!, people.agent!, people.change!];
  const items: unknown[] = [];
  const details: unknown[] = [];
  const cis: unknown[] = [];
  const clocks: unknown[] = [];
  const comments: unknown[] = [];
  // history ends four days ago: every historical incident is resolved by now
  const starts = Array.from({ length: HISTORY }, () => now - (4 + rnd() * (DAYS - 4)) * 86_400_000).sort(
    (a, b) => a - b,
  );
  for (const [i, created] of starts.entries()) {
    const svcName = pick(Object.keys(problems));
    const svc = byName[svcName]!;
    const [title, language] = pick(problems[svcName]!);
    const customer = pick(customers);
    const impact = rnd() < 0.1 ? 1 : rnd() < 0.5 ? 2 : 3;
    const urgency = rnd() < 0.15 ? 1 : rnd() < 0.6 ? 2 : 3;
    const priority = matrix.get(`${impact}/${urgency}`)!;
    const sla = slaOf[customer.id];
    const cal: Calendar | null = sla
      ? { timeZone: sla.time_zone, week: sla.week, holidays: sla.holidays }
      : null;
    // a response within minutes to hours, a resolution within hours to days, sometimes a wait for the guest
    const respondAt = created + (5 + rnd() * (rnd() < 0.1 ? 400 : 90)) * M;
    const waits = rnd() < 0.3;
    const waitFrom = respondAt + rnd() * 120 * M;
    const waitTo = waitFrom + (30 + rnd() * 600) * M;
    const resolvedAt = (waits ? waitTo : respondAt) + (20 + rnd() * (rnd() < 0.15 ? 4000 : 900)) * M;
    const closedAt = resolvedAt + (0.5 + rnd() * 4) * 86_400_000;
    const closed = closedAt < now;
    const id = crypto.randomUUID();
    const number = formatNumber('INC', i + 1);
    const assignee = pick(workers);
    items.push({
      id,
      type: 'incident',
      number,
      title,
      description: `<p>${title}. Reported by ${customer.code}.</p>`,
      state: closed ? 'closed' : 'resolved',
      final: closed,
      priority,
      requester_id: pick(requestersOf(customer.id)),
      assignee_id: assignee,
      group_id: groupFor[svcName],
      customer_id: customer.id,
      service_id: svc.id,
      language,
      created_by: people.agent,
      created_at: new Date(created).toISOString(),
      updated_at: new Date(closed ? closedAt : resolvedAt).toISOString(),
      version: closed ? 5 : 4,
    });
    details.push({
      work_item_id: id,
      impact,
      urgency,
      category: categoryOf[svcName],
      agreement_id: sla?.id ?? null,
      resolution_code: pick(['fixed', 'fixed', 'fixed', 'workaround', 'user_error', 'no_fault_found']),
      resolution_text: 'Checked with the hotel and solved.',
      resolved_at: new Date(resolvedAt).toISOString(),
      closed_at: closed ? new Date(closedAt).toISOString() : null,
    });
    cis.push({ work_item_id: id, ci_id: svc.ciId, source: 'computed' });
    comments.push({
      work_item_id: id,
      author_id: assignee,
      body: '<p>Looked into it with the hotel; see the resolution.</p>',
      internal: rnd() < 0.5,
      created_at: new Date(resolvedAt - 5 * M).toISOString(),
    });
    if (!sla || !cal) continue;
    const target = (metric: string) =>
      sla.targets.find((t) => t.metric === metric && t.priority === priority);
    const histories: Array<[string, ClockEvent[]]> = [
      [
        'response',
        [
          { kind: 'start', at: created },
          { kind: 'stop', at: respondAt },
        ],
      ],
      [
        'resolution',
        [
          { kind: 'start', at: created },
          ...(waits
            ? ([
                { kind: 'pause', at: waitFrom, reason: 'pending:customer' },
                { kind: 'resume', at: waitTo },
              ] as ClockEvent[])
            : []),
          { kind: 'pause', at: resolvedAt, reason: 'resolved' },
        ],
      ],
    ];
    for (const [metric, events] of histories) {
      const t = target(metric);
      if (!t) continue;
      const view = viewClock(cal, events, t.minutes * M, now);
      const warnView = viewClock(cal, events, Math.round((t.minutes * M * t.warn) / 100), now);
      clocks.push({
        work_item_id: id,
        metric,
        agreement_id: sla.id,
        priority,
        events,
        state: view.state,
        deadline: view.deadline === null ? null : new Date(view.deadline).toISOString(),
        warn_at: warnView.deadline === null ? null : new Date(warnView.deadline).toISOString(),
        warned_at: warnView.breached && warnView.deadline ? new Date(warnView.deadline).toISOString() : null,
        breached_at: view.breached && view.deadline ? new Date(view.deadline).toISOString() : null,
        breach_reason: view.breached
          ? pick([
              'Waiting for a spare part',
              'Supplier did not answer in time',
              'Night shift without a resolver',
              null,
            ])
          : null,
      });
    }
  }
  // history only: no live updates for rows nobody is watching yet
  await ctx.tx.execute(sql`alter table work_items disable trigger work_items_changed`);
  await bulkWithDefaults(ctx, 'work_items', items);
  await ctx.tx.execute(sql`alter table work_items enable trigger work_items_changed`);
  await bulkWithDefaults(ctx, 'incidents', details);
  await bulkWithDefaults(ctx, 'incident_cis', cis);
  await bulkWithDefaults(ctx, 'sla_clocks', clocks);
  await bulkWithDefaults(ctx, 'work_item_comments', comments);
  await numberAfter(ctx.tx, 'incident', HISTORY);
  await ctx.audit({
    action: 'demo.incidents-loaded',
    recordType: 'demo',
    recordId: 'incidents',
    after: { count: HISTORY },
  });

  // today's work, through the real commands: queues, clocks and their jobs as they would be
  const agent = principalOfActor(ctx.actor, ['service_desk_agent', 'incident_manager']);
  const live: Array<[string, string, number, number, string | null, string | null]> = [
    ['Booking system', 'Reservation not visible after online booking', 2, 2, apps.id, people.resolver!],
    ['Point of sale', 'Till does not print receipts', 3, 1, apps.id, null],
    ['Guest Wi-Fi', 'Wi-Fi drops in the east wing', 2, 2, network.id, people.resolver!],
    ['Guest Wi-Fi', 'Guests cannot reach the Wi-Fi login page', 2, 1, network.id, null],
    ['E-mail and calendars', 'Cannot open the shared reception mailbox', 3, 2, desk.id, people.agent!],
    ['Booking system', 'Room status not updated after housekeeping', 3, 3, null, null],
    ['Point of sale', 'Card payments declined at the bar', 2, 1, null, null],
    ['E-mail and calendars', 'Calendar invitations arrive late', 3, 3, desk.id, null],
    // resolved today: waiting for the requester to confirm (and rate) in the portal
    ['Guest Wi-Fi', 'Conference room projector cannot join the Wi-Fi', 3, 2, network.id, people.resolver!],
    ['Booking system', 'Invoice printer in the back office offline', 3, 3, desk.id, people.agent!],
  ];
  for (const [i, [svcName, title, impact, urgency, groupId, assigneeId]] of live.entries()) {
    const inc = await createIncident(ctx, agent, {
      title,
      description: `<p>${title}.</p>`,
      requesterId: customers[i % customers.length]!.id === coraOf ? people.customer : people.agent,
      customerId: customers[i % customers.length]!.id,
      serviceId: byName[svcName]!.id,
      category: categoryOf[svcName],
      impact,
      urgency,
      groupId,
      assigneeId,
    });
    if (i === 0) await fireTransition(ctx, agent, inc.number, inc.version, 'start', {});
    if (i === 2) {
      const started = await fireTransition(ctx, agent, inc.number, inc.version, 'start', {});
      await fireTransition(ctx, agent, inc.number, started.version, 'pend', { pendingReason: 'customer' });
    }
    if (i >= 8) {
      const started = await fireTransition(ctx, agent, inc.number, inc.version, 'start', {});
      await fireTransition(ctx, agent, inc.number, started.version, 'resolve', {
        resolutionCode: 'fixed',
        resolutionText: 'Restarted the device and checked it with the hotel.',
      });
    }
  }
}

/** Bulk rows with the table's defaults for the columns they leave out. */
async function bulkWithDefaults(ctx: CommandContext, table: string, rows: unknown[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  const cols = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += 500) {
    await ctx.tx.execute(sql`
      insert into ${sql.identifier(table)} (${cols})
      select ${cols} from jsonb_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows.slice(i, i + 500))}::jsonb)`);
  }
}
