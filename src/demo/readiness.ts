import { sql } from 'drizzle-orm';
import { principalOfActor } from '../kernel/auth/principal.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import { createRequirement } from '../modules/readiness/index.ts';

/**
 * The demo's clause register: two requirements of the organisation's own, one from the hotels' framework
 * contract (reviewed two months ago) and one from the Swiss data protection act whose yearly review is two
 * months overdue, so 7.5 shows stale. No clause is marked not applicable: the gaps in the readiness view are
 * the processes Keel does not run yet, shown as missing, which is what an auditor would find.
 */
export async function loadDemoReadiness(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from own_requirements limit 1`);
  if (done.rows.length || !people.head) return;
  const head = principalOfActor({ ...ctx.actor, userId: people.head }, ['process_owner']);
  const contract = await createRequirement(ctx, head, {
    code: 'AH-FA-7.2',
    title: 'Monthly service level report to every hotel within five working days',
    description:
      'The framework agreement with Alpine Hotels asks for a report per hotel on each month’s service levels, ' +
      'with incidents that missed their target explained.',
    source: 'contract',
    reference: 'Framework agreement Alpine Hotels 2026, clause 7.2',
    clause: '8.3.3',
    ownerId: people.head,
    evidence: 'The SLA report of each hotel’s agreement, sent by the service reporting schedule.',
    reviewMonths: 12,
  });
  const law = await createRequirement(ctx, head, {
    code: 'revDSG-12',
    title: 'Record of processing activities for guest data',
    description:
      'Keep a record of what guest and staff data is processed, why, by whom and how long it is kept, ' +
      'including the processors who handle it.',
    source: 'legal',
    reference: 'Swiss Federal Act on Data Protection (revDSG), article 12',
    clause: '7.5',
    ownerId: people.head,
    evidence: 'The processing record in the document register, with the processors of the supplier register.',
    reviewMonths: 12,
  });
  // as if entered when the SMS started: the contract one was reviewed lately, the legal one is overdue
  await ctx.tx.execute(sql`update own_requirements set created_at = now() - interval '20 months',
      last_reviewed_at = now() - interval '2 months' where id = ${contract.id}`);
  await ctx.tx.execute(sql`update own_requirements set created_at = now() - interval '20 months',
      last_reviewed_at = now() - interval '14 months' where id = ${law.id}`);
}
