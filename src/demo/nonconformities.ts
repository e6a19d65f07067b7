import { sql } from 'drizzle-orm';
import type { Role } from '../kernel/access/roles.ts';
import { principalOfActor } from '../kernel/auth/principal.ts';
import { type CommandContext, contextFor } from '../kernel/db/tx.ts';
import { anyVersion } from '../kernel/http/etag.ts';
import { fireTransition } from '../kernel/records/commands.ts';
import {
  answerNonconformity,
  raiseNonconformity,
  recordEffectiveness,
} from '../modules/nonconformities/index.ts';

/**
 * The demo's nonconformities that do not come from audits (the audits demo raises those from its findings;
 * here the major one is answered up to its effectiveness check, which is pending): one from a major incident's review with a corrective
 * action overdue (the escalation job tells its people when the worker first runs), one from a customer's
 * complaint under analysis, one from the last management review closed after an effective check, and one
 * just recorded. Dates are moved back to when that happened.
 */
export async function loadDemoNonconformities(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from nonconformities where source <> 'audit' limit 1`);
  if (done.rows.length || !people.incident || !people.head || !people.change || !people.top) return;
  const processes = await ctx.tx.execute<{ key: string }>(sql`select key from sms_processes`);
  const have = new Set(processes.rows.map((p) => p.key));
  if (!['incident', 'change', 'service-level'].every((k) => have.has(k))) return;

  const person = (who: string, roles: Role[]) => {
    const c = contextFor(ctx.tx, { kind: 'user', userId: people[who]!, label: who, roles }, null);
    return { ctx: c, as: principalOfActor(c.actor, roles) };
  };
  const ines = person('incident', ['incident_manager', 'problem_manager']);
  const hanna = person('head', ['process_owner', 'service_level_manager']);
  const carl = person('change', ['change_manager', 'configuration_manager']);
  const top = person('top', ['top_management']);
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const backdate = (number: string, days: number) =>
    ctx.tx.execute(sql`
      update work_items set created_at = now() - make_interval(days => ${days}) where number = ${number}`);
  const major = await ctx.tx.execute<{ number: string }>(sql`
    select w.number from work_items w join incidents i on i.work_item_id = w.id
     where i.major_declared_at is not null order by i.major_declared_at desc limit 1`);
  const majorNumber = major.rows[0]?.number ?? '';

  // from a major incident's review: actions planned, one done, one overdue
  const pir = await raiseNonconformity(ines.ctx, ines.as, {
    title: 'Major incident declared two hours late',
    description:
      'The review of the booking-system outage found that the service desk saw the pattern after 20 minutes but the incident manager was only called after two hours.',
    severity: 'minor',
    source: 'pir',
    sourceRef: majorNumber,
    clause: '8.6.1',
    processKey: 'incident',
  });
  await answerNonconformity(ines.ctx, ines.as, pir.number, {
    to: 'action',
    correction:
      'The on-call incident manager was briefed; the desk’s escalation card now names the phone number.',
    rootCause:
      'The procedure lets the desk wait for a second caller before suspecting a major incident; nobody was trained on the new threshold.',
    rootCauseMethod: 'five whys',
    similar: 'The same wait is in the procedure for the Wi-Fi; changed there too.',
    actions: [
      {
        title: 'Rewrite the major-incident threshold in the incident procedure',
        responsibleId: people.incident,
        due: day(-20),
        done: 'Procedure v5 published: three similar calls in 15 minutes is a possible major incident.',
      },
      {
        title: 'Train every service-desk agent on the new threshold',
        responsibleId: people.agent ?? people.incident,
        due: day(-4),
      },
    ],
  });
  await backdate(pir.number, 35);

  // from a customer's complaint: contained, under analysis
  const complaint = await raiseNonconformity(hanna.ctx, hanna.as, {
    title: 'Monthly service level report sent to Hotel Edelweiss a month late',
    description: 'The hotel’s manager complained that the March report arrived at the end of April.',
    severity: 'minor',
    source: 'complaint',
    sourceRef: 'Complaint of Hotel Edelweiss, April',
    clause: '8.3.3',
    processKey: 'service-level',
  });
  await answerNonconformity(hanna.ctx, hanna.as, complaint.number, {
    to: 'analysis',
    correction: 'The March report was sent with an apology; April’s went out on time.',
  });
  await backdate(complaint.number, 12);

  // from the last management review: corrected, actions done, found effective and closed
  const review = await raiseNonconformity(top.ctx, top.as, {
    title: 'Standard changes carried out without the catalogue entry',
    description:
      'The management review found that firewall rule changes were done as standard changes, though no catalogue entry covers them.',
    severity: 'minor',
    source: 'review',
    sourceRef: 'Management review Q4',
    clause: '8.5.1',
    processKey: 'change',
  });
  await answerNonconformity(carl.ctx, carl.as, review.number, {
    to: 'verification',
    correction: 'The four firewall changes were assessed after the fact; none had caused harm.',
    rootCause: 'The standard-change catalogue was not read when the firewall work was planned.',
    actions: [
      {
        title: 'Add firewall rule changes to the standard-change catalogue with their checks',
        responsibleId: people.change,
        due: day(-60),
        done: 'Catalogue entry SC-14 approved by the CAB.',
      },
    ],
    effectivenessDue: day(0),
  });
  // its check fell due five days ago: the date is set as it stood then, a check needs it passed
  await ctx.tx.execute(sql`
    update nonconformities set effectiveness_due = ${day(-5)}
     where work_item_id = (select id from work_items where number = ${review.number})`);
  const checked = await recordEffectiveness(carl.ctx, carl.as, review.number, anyVersion, {
    result: 'effective',
    note: 'Sampled the 12 firewall changes since: all as standard change SC-14 with its checks.',
  });
  await fireTransition(carl.ctx, carl.as, checked.number, anyVersion, 'close', {
    note: 'Effective; closed.',
  });
  await backdate(review.number, 95);

  // just recorded, not yet answered
  const fresh = await raiseNonconformity(hanna.ctx, hanna.as, {
    title: 'Restore of the booking-system backup not tested for 14 months',
    description: 'The continuity plan asks for a restore test every six months.',
    severity: 'major',
    source: 'other',
    sourceRef: 'Continuity plan review',
    clause: '8.7.2',
    ownerId: people.head,
  });
  await backdate(fresh.number, 2);

  // the audit's major nonconformity: corrected, cause found, its corrective action done, the check pending
  const fromAudit = await ctx.tx.execute<{ number: string }>(sql`
    select w.number from nonconformities n join work_items w on w.id = n.work_item_id
     where n.source = 'audit' and n.severity = 'major' and w.state = 'new' order by w.created_at limit 1`);
  const auditNc = fromAudit.rows[0]?.number;
  if (auditNc)
    await answerNonconformity(ines.ctx, ines.as, auditNc, {
      to: 'verification',
      correction: 'Reviews of the four major incidents were held within three weeks of the audit.',
      rootCause:
        'Nobody was named to call the review: the incident procedure said "within ten working days" but not who.',
      rootCauseMethod: 'five whys',
      similar: 'Problem reviews had the same gap; the problem procedure now names the problem manager.',
      actions: [
        {
          title: 'Name the incident manager as the one who calls every post-incident review',
          responsibleId: people.incident,
          due: day(-30),
          done: 'Incident procedure v6 published; reviews are now tasks on the major incident.',
        },
      ],
      effectivenessDue: day(21),
    });
}
