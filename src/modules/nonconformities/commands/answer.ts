import type { Principal } from '../../../kernel/auth/principal.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { anyVersion } from '../../../kernel/http/etag.ts';
import { fireTransition, loadItem } from '../../../kernel/records/commands.ts';
import type { NonconformityState } from '../lifecycle.ts';
import { addCorrectiveAction, updateCorrectiveAction } from './actions.ts';
import { only } from './common.ts';

/** What answering a nonconformity brings: the correction, the analysis, the actions and how far to go. */
export type Answer = {
  correction?: string;
  rootCause?: string;
  rootCauseMethod?: string;
  similar?: string;
  actions?: Array<{ title: string; responsibleId: string; due: string; done?: string }>;
  /** How far along the lifecycle to take it (each step's guards apply): correction … verification. */
  to: Extract<NonconformityState, 'correction' | 'analysis' | 'action' | 'verification'>;
  effectivenessDue?: string;
};

const path = ['new', 'correction', 'analysis', 'action', 'verification'] as const;

/**
 * Answers a nonconformity in one go, inside the caller's transaction, as a process owner would over several
 * days: the correction, the analysis, the corrective actions (those with `done` ticked off with it as the
 * note), and the steps up to `to`. Each step goes through the lifecycle with its guards and rules, as
 * through the API. For the demo and for a module whose own record answers one (an audit's follow-up).
 */
export async function answerNonconformity(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  answer: Answer,
): Promise<{ number: string; state: string }> {
  let { item } = await loadItem(ctx.tx, ref, who);
  if (item.type !== only.type) throw new Error(`${ref} is no nonconformity`);
  const fire = async (to: string, input: Record<string, unknown> = {}) => {
    item = await fireTransition(ctx, who, item.number, anyVersion, { to, only }, input);
  };
  const at = () => path.indexOf(item.state as (typeof path)[number]);
  const goal = path.indexOf(answer.to);
  if (at() < 1 && goal >= 1) await fire('correction', { correction: answer.correction });
  if (at() < 2 && goal >= 2) await fire('analysis', { correction: answer.correction });
  const added = [];
  for (const a of answer.actions ?? [])
    added.push({ ...(await addCorrectiveAction(ctx, who, item.number, a)), done: a.done });
  if (at() < 3 && goal >= 3)
    await fire('action', {
      rootCause: answer.rootCause,
      rootCauseMethod: answer.rootCauseMethod,
      similar: answer.similar,
    });
  for (const a of added.filter((x) => x.done))
    await updateCorrectiveAction(ctx, who, item.number, a.id, anyVersion, { done: true, note: a.done });
  if (at() < 4 && goal >= 4) await fire('verification', { effectivenessDue: answer.effectivenessDue });
  return { number: item.number, state: item.state };
}
