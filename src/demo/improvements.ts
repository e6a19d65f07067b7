import { sql } from 'drizzle-orm';
import type { Role } from '../kernel/access/roles.ts';
import { principalOfActor } from '../kernel/auth/principal.ts';
import { type CommandContext, contextFor } from '../kernel/db/tx.ts';
import { anyVersion } from '../kernel/http/etag.ts';
import {
  addImprovementAction,
  fireImprovementStep,
  type ImprovementPatch,
  type ImprovementState,
  type ImprovementTransition,
  proposeImprovement,
  setImprovementActionDone,
  updateImprovement,
} from '../modules/improvements/index.ts';

/**
 * The demo's improvement register (10.2): five opportunities of its own — from a major incident's review
 * (under way), a problem (realised, its benefit measured before and after), a customer's feedback
 * (proposed), an objective (approved) and a staff idea (rejected) — besides the three the audits demo
 * proposes from its findings, of which the first is approved here. Eight in all, in every state.
 */
export async function loadDemoImprovements(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from improvements where source <> 'audit' limit 1`);
  if (done.rows.length || !people.incident || !people.head || !people.top || !people.agent) return;
  const processes = await ctx.tx.execute<{ key: string }>(sql`select key from sms_processes`);
  const have = new Set(processes.rows.map((p) => p.key));
  if (!['incident', 'change', 'knowledge'].every((k) => have.has(k))) return;
  const person = (who: string, roles: Role[]) => {
    const c = contextFor(ctx.tx, { kind: 'user', userId: people[who]!, label: who, roles }, null);
    return { ctx: c, as: principalOfActor(c.actor, roles) };
  };
  const ines = person('incident', ['incident_manager', 'problem_manager']);
  const hanna = person('head', ['process_owner', 'service_level_manager']);
  const top = person('top', ['top_management']);
  const sam = person('agent', ['service_desk_agent']);
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const problem = await ctx.tx.execute<{ number: string }>(
    sql`select number from work_items where type = 'problem' and state = 'resolved' limit 1`,
  );
  const major = await ctx.tx.execute<{ number: string }>(sql`
    select w.number from work_items w join incidents i on i.work_item_id = w.id
     where i.major_declared_at is not null order by i.major_declared_at desc limit 1`);
  const step = (
    id: string,
    to: ImprovementState,
    extra: Omit<ImprovementTransition, 'to'> = {},
    who = hanna,
  ) => fireImprovementStep(who.ctx, who.as, id, anyVersion, { to, ...extra });
  const set = (id: string, patch: ImprovementPatch, who = hanna) =>
    updateImprovement(who.ctx, who.as, id, anyVersion, patch);
  const backdate = (id: string, days: number) =>
    ctx.tx.execute(sql`
      update improvements set created_at = now() - make_interval(days => ${days}) where id = ${id}`);

  // from a major incident's review: approved and under way
  const pir = await proposeImprovement(ines.ctx, ines.as, {
    title: 'A post-incident review booked automatically for every major incident',
    description: 'Reviews were forgotten when the major incident ended on a Friday evening.',
    source: 'pir',
    sourceRef: major.rows[0]?.number ?? '',
    processKey: 'incident',
    ownerId: people.incident,
    scores: { benefit: 4, effort: 2, risk: 1, alignment: 5 },
  });
  await set(pir.id, { targetDate: day(45) });
  await step(pir.id, 'approved', { reason: 'Reviews are where the incident process learns; cheap to do.' });
  const plan = [
    await addImprovementAction(ines.ctx, ines.as, pir.id, {
      title: 'Agree the review template with the service owners',
      responsibleId: people.incident,
      due: day(-10),
    }),
    await addImprovementAction(ines.ctx, ines.as, pir.id, {
      title: 'Book the review when a major incident is resolved',
      responsibleId: people.resolver ?? people.incident,
      due: day(30),
    }),
  ];
  await setImprovementActionDone(ines.ctx, ines.as, pir.id, plan[0]!.id, true);
  await step(pir.id, 'in_progress', {}, ines);
  await backdate(pir.id, 40);

  // from a problem: realised, measured before and after
  const fix = await proposeImprovement(ines.ctx, ines.as, {
    title: 'Till printer firmware tested in one hotel before every roll-out',
    description: 'The firmware that stopped the receipts went to every hotel on one night.',
    source: 'problem',
    sourceRef: problem.rows[0]?.number ?? '',
    processKey: 'change',
    ownerId: people.change ?? people.incident,
    scores: { benefit: 4, effort: 2, risk: 2, alignment: 3 },
  });
  await set(fix.id, {
    kpiKey: 'incidents_resolved_in_sla',
    baseline: 82.4,
    target: 90,
    targetDate: day(-20),
  });
  await step(
    fix.id,
    'approved',
    { reason: 'The receipts incidents cost the most SLA time last quarter.' },
    top,
  );
  await step(fix.id, 'in_progress');
  await step(fix.id, 'realised', {
    benefits:
      'No till incidents after the two roll-outs since; incidents resolved within target up from 82.4% to 91.7%.',
    measured: 91.7,
  });
  await backdate(fix.id, 120);

  // from a customer's feedback: proposed, scored
  const wifi = await proposeImprovement(sam.ctx, sam.as, {
    title: 'Survey the Wi-Fi coverage of the east wings',
    description: 'Guests of Hotel Alpenrose keep writing that the Wi-Fi drops in the east wing.',
    source: 'feedback',
    sourceRef: 'Guest survey, March',
    scores: { benefit: 3, effort: 3, risk: 1, alignment: 3 },
  });
  await backdate(wifi.id, 9);

  // from an objective: approved, its KPI's value before read at approval
  const articles = await proposeImprovement(hanna.ctx, hanna.as, {
    title: 'Knowledge articles for the twenty most frequent calls',
    description: 'The deflection objective is behind: most calls are about the same twenty things.',
    source: 'objective',
    sourceRef: 'Deflection rate objective',
    processKey: 'knowledge',
    ownerId: people.knowledge ?? people.head,
    scores: { benefit: 4, effort: 3, risk: 1, alignment: 5 },
  });
  await set(articles.id, { kpiKey: 'deflection_rate', target: 25, targetDate: day(90) });
  await step(articles.id, 'approved', { reason: 'Serves the deflection objective directly.' }, top);
  await backdate(articles.id, 20);

  // a staff idea: rejected with its reason
  const bot = await proposeImprovement(sam.ctx, sam.as, {
    title: 'A chatbot that resets passwords',
    description: 'A third of the calls on Monday mornings are password resets.',
    source: 'idea',
    scores: { benefit: 3, effort: 5, risk: 4, alignment: 2 },
  });
  await step(bot.id, 'rejected', {
    reason:
      'The new directory brings self-service password reset next quarter; a chatbot would duplicate it.',
  });
  await backdate(bot.id, 60);

  // the audits' opportunities: the first approved for the incident process's owner to run
  const fromAudits = await ctx.tx.execute<{ id: string }>(
    sql`select id from improvements where source = 'audit' and state = 'proposed' order by code limit 1`,
  );
  for (const r of fromAudits.rows) {
    await set(r.id, { ownerId: people.incident, scores: { benefit: 3, effort: 2, risk: 1, alignment: 4 } });
    await step(r.id, 'approved', { reason: 'Raised by the internal audit; the process owner agrees.' }, top);
  }
}
