import { eq } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import { today } from '../../../kernel/days.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { applyItemChange, fireAsKeel, loadForWrite } from '../../../kernel/records/commands.ts';
import type { WorkItem } from '../../../kernel/records/registry.ts';
import { closerNoun, mayClose, maySetNcSettings } from '../policy.ts';
import { nonconformities, nonconformitySettings } from '../schema.ts';
import type { EffectivenessInput, NcSettingsInput } from '../shapes.ts';
import { detailOf, factsOf, only, settingsOf } from './common.ts';

/**
 * Records the effectiveness check of a nonconformity in verification (If-Match on the nonconformity): by
 * the auditor, the process owner or either, as the settings say. Effective lets it be closed; not
 * effective sends it back to analysis at once (reanalyse), the check staying on record there.
 */
export async function recordEffectiveness(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  expected: number,
  input: EffectivenessInput,
): Promise<WorkItem> {
  const { item } = await loadForWrite(ctx, who, ref, expected, only);
  const d = await detailOf(ctx, item.id);
  const { closedBy } = await settingsOf(ctx.tx);
  // Keel itself (the demo) records what the people it stands for checked
  const keel = ctx.actor.kind === 'system';
  if (!keel && !mayClose(ctx.actor, await factsOf(ctx.tx, item, d.processKey), closedBy))
    throw problems.forbidden(
      `The effectiveness of ${item.number}'s actions is checked by ${closerNoun[closedBy]} (nonconformity settings).`,
    );
  if (item.state !== 'verification')
    throw problems.conflict(
      `${item.number} is in ${item.state}: effectiveness is checked in verification, once every action is done.`,
    );
  // effective means the actions showed their effect over the time given them: not before the check's date
  if (input.result === 'effective' && d.effectivenessDue && d.effectivenessDue > today())
    throw problems.conflict(
      `${item.number}'s effectiveness check is due on ${d.effectivenessDue}: the actions are found effective from then on, not before (not effective may be recorded at any time).`,
      [{ field: 'result', message: `effective only from ${d.effectivenessDue}` }],
    );
  const set = {
    effectiveness: input.result,
    effectivenessNote: input.note.trim(),
    effectivenessBy: ctx.actor.userId,
    effectivenessAt: new Date(),
  };
  await ctx.tx.update(nonconformities).set(set).where(eq(nonconformities.workItemId, item.id));
  await ctx.audit({
    action: 'nonconformity.effectiveness_checked',
    recordType: 'work-item',
    recordId: item.number,
    before: { effectiveness: d.effectiveness, effectivenessNote: d.effectivenessNote },
    after: set,
  });
  // the check changes the nonconformity (a new version), so a reader holding the old one hears of it
  if (input.result === 'not_effective')
    return fireAsKeel(ctx, item.id, 'analysis', { reason: `Not effective: ${set.effectivenessNote}` });
  return applyItemChange(ctx, item, {}, [['effectiveness', d.effectiveness, input.result]]);
}

/**
 * Sets who closes nonconformities and how many days after verification their effectiveness is checked:
 * top management and process owners. The one row is locked before its version is checked; the first
 * setting is an insert a second writer cannot repeat.
 */
export async function setNcSettings(
  ctx: CommandContext,
  who: Principal,
  expected: number,
  input: NcSettingsInput,
) {
  if (!maySetNcSettings(who))
    throw problems.forbidden('Top management and process owners set how nonconformities are handled.');
  const [locked] = await ctx.tx
    .select()
    .from(nonconformitySettings)
    .where(eq(nonconformitySettings.id, 1))
    .for('update');
  const before = await settingsOf(ctx.tx);
  checkVersion(expected, locked ? locked.version : 0);
  const row = { id: 1, ...input, setBy: who.userId, setAt: new Date(), version: before.version + 1 };
  if (locked) await ctx.tx.update(nonconformitySettings).set(row).where(eq(nonconformitySettings.id, 1));
  else {
    const inserted = await ctx.tx.insert(nonconformitySettings).values(row).onConflictDoNothing().returning();
    if (!inserted.length) throw problems.stale();
  }
  await ctx.audit({
    action: 'nonconformity.settings_set',
    recordType: 'nonconformity-settings',
    recordId: '1',
    before,
    after: row,
  });
  return settingsOf(ctx.tx);
}
