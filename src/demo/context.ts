import { sql } from 'drizzle-orm';
import { principalOfActor } from '../kernel/auth/principal.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import { createEntry } from '../modules/communication/index.ts';
import { saveIssue, saveParty, saveScope } from '../modules/context/index.ts';

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
