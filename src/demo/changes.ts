import { sql } from 'drizzle-orm';
import type { Role } from '../kernel/access/roles.ts';
import { principalOfActor } from '../kernel/auth/principal.ts';
import { type CommandContext, contextFor } from '../kernel/db/tx.ts';
import { fireTransition } from '../kernel/records/commands.ts';
import { createChange } from '../modules/changes/index.ts';

type Step =
  | 'new'
  | 'assessment'
  | 'approved'
  | 'implementing'
  | 'successful'
  | 'failed'
  | 'backed_out'
  | 'closed';

/** The hotel group's change log: what was changed over the last months and how it went, and what is coming. */
const log: Array<{
  title: string;
  kind: 'standard' | 'normal' | 'emergency';
  risk: 'low' | 'medium' | 'high';
  service: string;
  ci?: string;
  /** Days from today the window opens (negative: in the past). */
  day: number;
  to: Step;
  reason: string;
  backout?: string;
}> = [
  {
    title: 'Monthly security patches on esx-01 to esx-03',
    kind: 'standard',
    risk: 'low',
    service: 'Database platform',
    ci: 'esx-01',
    day: -150,
    to: 'closed',
    reason: 'Vendor security bulletin',
  },
  {
    title: 'Booking system 7.2 upgrade',
    kind: 'normal',
    risk: 'high',
    service: 'Booking system',
    ci: 'pms-app-01',
    day: -128,
    to: 'closed',
    reason: 'Channel manager needs the new rate API',
    backout: 'Restore the VM snapshot and the database dump taken before',
  },
  {
    title: 'New guest Wi-Fi portal page for Hotel Edelweiss',
    kind: 'normal',
    risk: 'low',
    service: 'Guest Wi-Fi',
    day: -112,
    to: 'closed',
    reason: 'Rebranding of the hotel',
    backout: 'Switch the portal back to the old page',
  },
  {
    title: 'Move mailboxes of the head office to the new tenant',
    kind: 'normal',
    risk: 'medium',
    service: 'E-mail and calendars',
    day: -101,
    to: 'failed',
    reason: 'Licence consolidation',
    backout: 'Point MX back to the old tenant',
  },
  {
    title: 'Monthly security patches on esx-01 to esx-03',
    kind: 'standard',
    risk: 'low',
    service: 'Database platform',
    ci: 'esx-01',
    day: -88,
    to: 'closed',
    reason: 'Vendor security bulletin',
  },
  {
    title: 'Replace the till printer firmware in Hotel Alpenrose',
    kind: 'normal',
    risk: 'medium',
    service: 'Point of sale',
    day: -70,
    to: 'closed',
    reason: 'Receipts cut off after the last update',
    backout: 'Flash the previous firmware',
  },
  {
    title: 'Extend san-01 by two disk shelves',
    kind: 'normal',
    risk: 'medium',
    service: 'Backup and restore',
    ci: 'san-01',
    day: -55,
    to: 'closed',
    reason: 'Backups need 30 days more retention',
    backout: 'Remove the shelves before they are in a pool',
  },
  {
    title: 'Emergency: block the exploited VPN login page',
    kind: 'emergency',
    risk: 'high',
    service: 'Directory and sign-in',
    day: -42,
    to: 'closed',
    reason: 'Active exploitation reported by the national CERT',
    backout: 'Re-enable the page in the firewall',
  },
  {
    title: 'Monthly security patches on esx-01 to esx-03',
    kind: 'standard',
    risk: 'low',
    service: 'Database platform',
    ci: 'esx-01',
    day: -30,
    to: 'closed',
    reason: 'Vendor security bulletin',
  },
  {
    title: 'Booking system: new city tax rules for Saas-Fee',
    kind: 'normal',
    risk: 'medium',
    service: 'Booking system',
    ci: 'pms-app-01',
    day: -21,
    to: 'backed_out',
    reason: 'Municipal tax change from the 1st',
    backout: 'Reset the tax table to the previous rules',
  },
  {
    title: 'New access points in the Gletscherblick conference wing',
    kind: 'normal',
    risk: 'low',
    service: 'Guest Wi-Fi',
    day: -12,
    to: 'successful',
    reason: 'Conference guests complain about coverage',
    backout: 'Disconnect the new access points',
  },
  {
    title: 'Monthly security patches on esx-01 to esx-03',
    kind: 'standard',
    risk: 'low',
    service: 'Database platform',
    ci: 'esx-01',
    day: -3,
    to: 'successful',
    reason: 'Vendor security bulletin',
  },
  {
    title: 'Point of sale: contactless terminal software 4.1',
    kind: 'normal',
    risk: 'medium',
    service: 'Point of sale',
    day: 0,
    to: 'implementing',
    reason: 'Card schemes require 4.x by year end',
    backout: 'Reinstall 3.9 from the terminal manager',
  },
  {
    title: 'Monthly security patches on esx-01 to esx-03',
    kind: 'standard',
    risk: 'low',
    service: 'Database platform',
    ci: 'esx-01',
    day: 6,
    to: 'approved',
    reason: 'Vendor security bulletin',
  },
  {
    title: 'Replace the core switch in Hotel Alpenrose',
    kind: 'normal',
    risk: 'high',
    service: 'Guest Wi-Fi',
    day: 14,
    to: 'assessment',
    reason: 'The switch is out of support in January',
    backout: 'Re-cable to the old switch, kept in the rack for a week',
  },
  {
    title: 'Single sign-on for the staff intranet',
    kind: 'normal',
    risk: 'medium',
    service: 'Staff intranet',
    day: 30,
    to: 'new',
    reason: 'Staff ask for one login',
  },
];

const path: Step[] = ['assessment', 'approved', 'implementing'];

/**
 * Loads the change log once: each change goes through its lifecycle as the people who would take each step
 * (the resolver records and carries it out, the change manager approves and closes the review), and its
 * dates are then moved to when that happened.
 */
export async function loadDemoChanges(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from changes limit 1`);
  if (done.rows.length) return;
  const refs = await ctx.tx.execute<{ name: string; id: string; kind: string }>(sql`
    select c.name, s.id, 'service' as kind from services s join cis c on c.id = s.ci_id
    union all select name, id, 'ci' from cis where name in ('esx-01', 'pms-app-01', 'san-01')`);
  const id = (kind: string, name: string) => refs.rows.find((r) => r.kind === kind && r.name === name)?.id;
  const person = (who: string, roles: Role[]) => {
    const c = contextFor(ctx.tx, { kind: 'user', userId: people[who]!, label: who, roles }, null);
    return { ctx: c, as: principalOfActor(c.actor, roles) };
  };
  const resolver = person('resolver', ['resolver']);
  const manager = person('change', ['change_manager', 'configuration_manager']);
  const day = 86_400_000;
  for (const c of log) {
    const serviceId = id('service', c.service);
    if (!serviceId) continue;
    // 22:00 in the Alps (21:00 UTC), the hotels' quiet hour
    const start = new Date(Math.floor(Date.now() / day) * day + c.day * day + 21 * 3_600_000);
    const item = await createChange(resolver.ctx, resolver.as, {
      title: c.title,
      kind: c.kind,
      risk: c.risk,
      reason: c.reason,
      serviceId,
      ciIds: c.ci && id('ci', c.ci) ? [id('ci', c.ci)!] : [],
      implementationPlan: 'As in the runbook for this service; the service desk is told the day before.',
      backoutPlan: c.backout ?? '',
      plannedStart: start.toISOString(),
      plannedEnd: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      assigneeId: people.resolver,
    });
    let version = item.version;
    const fire = async (who: typeof resolver, to: string, input: Record<string, unknown> = {}) => {
      version = (await fireTransition(who.ctx, who.as, item.number, version, { to }, input)).version;
    };
    if (c.to === 'new') continue;
    const steps = c.to === 'closed' || !path.includes(c.to) ? path : path.slice(0, path.indexOf(c.to) + 1);
    for (const s of steps) await fire(s === 'approved' && c.kind !== 'standard' ? manager : resolver, s);
    if (path.includes(c.to)) continue;
    const outcome = c.to === 'closed' ? 'successful' : c.to;
    await fire(resolver, 'review', {
      outcome,
      outcomeNote:
        outcome === 'successful'
          ? 'Done within the window; checks passed.'
          : 'Did not work as planned; see the comments.',
    });
    if (c.to === 'closed') await fire(manager, 'closed', { note: 'Reviewed at the weekly change meeting.' });
    // the change happened then: move its dates to its window
    await ctx.tx.execute(sql`
      update changes set approved_at = ${new Date(start.getTime() - 3 * day).toISOString()}::timestamptz,
             implemented_at = ${new Date(start.getTime() + 2 * 3_600_000).toISOString()}::timestamptz,
             closed_at = case when closed_at is null then null else ${new Date(start.getTime() + 4 * day).toISOString()}::timestamptz end
       where work_item_id = ${item.id}`);
    await ctx.tx.execute(sql`
      update work_items set created_at = ${new Date(start.getTime() - 7 * day).toISOString()}::timestamptz
       where id = ${item.id}`);
  }
  // what the change manager and implementers were told about changes long carried out is read by now
  await ctx.tx.execute(sql`
    delete from notifications n using work_items w join changes c on c.work_item_id = w.id
     where n.link = '/work-items/' || w.number and c.implemented_at is not null`);
}
