import { sql } from 'drizzle-orm';
import { principalOfActor } from '../kernel/auth/principal.ts';
import { type CommandContext, contextFor } from '../kernel/db/tx.ts';
import { fireTransition } from '../kernel/records/commands.ts';
import { addLink } from '../kernel/records/parts.ts';
import { createProblem, detectTrends, linkIncidents } from '../modules/problems/index.ts';
import { createIncident } from '../modules/servicedesk/index.ts';

const DAY = 86_400_000;

/**
 * The problem manager's work on the demo's recurring incidents: every title the service desk keeps seeing
 * is explained by a problem (so trend detection has nothing old to propose), one of them resolved by a
 * change from the change log, two known errors with workarounds, others under investigation — and a new
 * trend on conference-room booking that detection proposes as the one open candidate.
 */
const plan: Array<{
  title: string;
  service: string;
  /**
   * The incident titles it explains: the incidents with them that no earlier problem explains (only those
   * before the fix, when a change fixed it).
   */
  explains: string[];
  to: 'new' | 'investigation' | 'known_error' | 'resolved';
  daysAgo: number;
  priority: number;
  symptoms: string;
  cause?: string;
  workaround?: string;
  workaroundPublic?: boolean;
  method?: 'five_whys' | 'fishbone';
  analysis?: string;
  /** The change that fixed it (a title from the change log). */
  fixedBy?: string;
}> = [
  {
    title: 'Till printer firmware stops receipts after the nightly update',
    service: 'Point of sale',
    explains: ['Till does not print receipts', 'Kasseterminal fryser ved dagsafslutning'],
    to: 'resolved',
    daysAgo: 100,
    priority: 2,
    symptoms:
      'Tills stop printing receipts, or freeze at the end of the day, the morning after the nightly update.',
    cause: 'Firmware 2.3 of the receipt printers loses the USB port when the till restarts.',
    workaround: 'Unplug the printer’s USB cable for ten seconds and reprint from the till’s journal.',
    method: 'five_whys',
    analysis:
      'Why no receipt? The printer is offline.\nWhy offline? The till lost its USB port.\nWhy? The printer firmware resets the port on restart.\nWhy now? Firmware 2.3 came with the vendor’s update.',
    fixedBy: 'Replace the till printer firmware in Hotel Alpenrose',
  },
  {
    title: 'Guest Wi-Fi drops when the access points are busy',
    service: 'Guest Wi-Fi',
    explains: [
      'Wi-Fi drops in the east wing',
      'Wifi in de vergaderzaal is traag',
      'Trådløst net virker ikke på værelserne',
    ],
    to: 'known_error',
    daysAgo: 80,
    priority: 2,
    symptoms: 'Guests lose the Wi-Fi or find it very slow in busy wings and meeting rooms.',
    cause:
      'The older access points reboot under load (firmware 8.1); the controller then moves every guest at once.',
    workaround:
      'Connect to the network “Guest-5G” instead of “Guest”; if it still drops, the desk restarts the wing’s access point from the controller.',
    workaroundPublic: true,
    method: 'fishbone',
    analysis:
      'Equipment: access points of 2019 with firmware 8.1\nEnvironment: meeting rooms full at 9:00\nMethod: one SSID for every band',
  },
  {
    title: 'Booking system times out under the check-in peak',
    service: 'Booking system',
    explains: [
      'Booking system slow at check-in',
      'Boekingssysteem geeft een time-out bij het inchecken',
      'Kan ikke åbne gæstens reservation',
      'Reservation not visible after online booking',
      'Room status not updated after housekeeping',
    ],
    to: 'known_error',
    daysAgo: 60,
    priority: 2,
    symptoms: 'Check-in screens hang or time out between 14:00 and 16:00; reservations appear late.',
    cause: 'The booking database’s connection pool is too small for the afternoon check-in peak.',
    workaround:
      'Wait a minute and reopen the reservation; if the screen still hangs, restart the booking application pool from the admin page (runbook BOOK-7).',
    workaroundPublic: false,
  },
  {
    title: 'Guests cannot reach the Wi-Fi login page on some phones',
    service: 'Guest Wi-Fi',
    explains: ['Guests cannot reach the Wi-Fi login page'],
    to: 'investigation',
    daysAgo: 20,
    priority: 3,
    symptoms: 'The portal page does not open on some phones after they join the guest network.',
    method: 'five_whys',
    analysis: 'Why no login page? The phone does not detect the captive portal.\nWhy? Under investigation.',
  },
  {
    title: 'Card payments and tills fail after the firmware change',
    service: 'Point of sale',
    explains: [
      'Card payments declined at the bar',
      'Kassasysteem geeft foutmeldingen bij betalingen',
      'Till does not print receipts',
      'Kasseterminal fryser ved dagsafslutning',
    ],
    to: 'new',
    daysAgo: 10,
    priority: 3,
    symptoms: 'Payments are declined at the bar and tills show errors, mostly in the evening.',
  },
  {
    title: 'Shared mailbox and calendar delays since the tenant move',
    service: 'E-mail and calendars',
    explains: [
      'Cannot open the shared reception mailbox',
      'Calendar invitations arrive late',
      'E-mail wordt niet verzonden vanaf de receptie',
    ],
    to: 'investigation',
    daysAgo: 40,
    priority: 3,
    symptoms: 'Reception cannot open the shared mailbox; invitations arrive hours late.',
  },
];

/** The new trend: conference-room displays, seen five times this week and explained by nothing yet. */
const trend = [
  'Room display shows the wrong meeting in Gletscherblick',
  'Room display shows the wrong meeting',
  'Meeting room display shows the wrong meeting again',
  'Room display in Edelweiss hall shows the wrong meeting',
  'Room display shows yesterday’s meeting',
];

export async function loadDemoProblems(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from problems limit 1`);
  if (done.rows.length) return;
  const services = await ctx.tx.execute<{ id: string; name: string }>(
    sql`select s.id, c.name from services s join cis c on c.id = s.ci_id`,
  );
  const serviceId = (name: string) => services.rows.find((s) => s.name === name)?.id;
  if (!serviceId('Guest Wi-Fi') || !serviceId('Conference room booking') || !people.incident) return;
  // Ines (incident and problem manager) works the problems
  const pmCtx = contextFor(ctx.tx, {
    kind: 'user',
    userId: people.incident,
    label: 'incident',
    roles: ['problem_manager'],
  });
  const pm = principalOfActor(pmCtx.actor, ['problem_manager', 'incident_manager']);
  for (const p of plan) {
    const fix = p.fixedBy
      ? (
          await ctx.tx.execute<{ number: string; closed_at: string }>(sql`
            select w.number, c.closed_at from work_items w join changes c on c.work_item_id = w.id
             where w.title = ${p.fixedBy} and c.closed_at is not null order by c.closed_at desc limit 1`)
        ).rows[0]
      : undefined;
    const item = await createProblem(pmCtx, pm, {
      title: p.title,
      description: `<p>${p.symptoms}</p>`,
      priority: p.priority,
      serviceId: serviceId(p.service) ?? null,
      language: 'en',
      assigneeId: people.incident,
      symptoms: p.symptoms,
      cause: p.to === 'known_error' || p.to === 'resolved' ? p.cause : undefined,
      workaround: p.workaround,
      workaroundPublic: p.workaroundPublic ?? false,
      rcaMethod: p.method ?? null,
      rcaAnalysis: p.analysis,
    });
    // the incidents it explains, linked by the command (with its audit entries) as the problem manager would
    const explained = await ctx.tx.execute<{ id: string }>(sql`
      select w.id from work_items w
       where w.type = 'incident' and w.title = any(${sql.param(p.explains)}::text[])
         and (${fix?.closed_at ?? null}::timestamptz is null or w.created_at < ${fix?.closed_at ?? null}::timestamptz)
         and not exists (select 1 from work_item_links l where l.from_id = w.id and l.kind = 'caused_by')`);
    await linkIncidents(
      pmCtx,
      item,
      explained.rows.map((r) => r.id),
    );
    let version = item.version;
    const fire = async (to: string, input: Record<string, unknown> = {}) => {
      version = (await fireTransition(pmCtx, pm, item.number, version, { to }, input)).version;
    };
    if (p.to !== 'new') await fire('investigation');
    if (p.to === 'known_error') await fire('known_error');
    if (p.to === 'resolved' && fix) {
      await addLink(pmCtx, pm, item.number, { to: fix.number, kind: 'resolved_by' });
      await fire('resolved', {
        resolution: `Fixed by ${fix.number}: printer firmware 2.4 installed on every till.`,
      });
    }
    // it was recorded and worked on then
    const at = new Date(Date.now() - p.daysAgo * DAY).toISOString();
    await ctx.tx.execute(sql`update work_items set created_at = ${at}::timestamptz where id = ${item.id}`);
    await ctx.tx.execute(sql`
      update problems set known_error_at = case when known_error_at is null then null
                                                else ${at}::timestamptz + interval '3 days' end,
             resolved_at = case when resolved_at is null then null else ${fix?.closed_at ?? null}::timestamptz end
       where work_item_id = ${item.id}`);
  }
  // the new trend: recorded by the desk over the last days, proposed by detection
  const desk = principalOfActor(ctx.actor, ['service_desk_agent', 'incident_manager']);
  for (const [i, title] of trend.entries()) {
    const inc = await createIncident(ctx, desk, {
      title,
      description: `<p>${title}.</p>`,
      requesterId: people.agent,
      serviceId: serviceId('Conference room booking')!,
      category: 'software',
      impact: 3,
      urgency: 3,
    });
    await ctx.tx.execute(sql`
      update work_items set created_at = now() - make_interval(days => ${trend.length - i}) where id = ${inc.id}`);
  }
  await detectTrends(ctx);
  await ctx.audit({
    action: 'demo.problems-loaded',
    recordType: 'demo',
    recordId: 'problems',
    after: { count: plan.length },
  });
}
