import { sql } from 'drizzle-orm';
import { principalOfActor } from '../kernel/auth/principal.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import { assemblePlanDraft } from '../modules/plan/index.ts';
import { createPolicy, decidePolicy, publishPolicy, submitPolicy } from '../modules/policies/index.ts';

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
