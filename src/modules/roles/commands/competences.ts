import type { Principal } from '../../../kernel/auth/principal.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { canServe, mayKeepRoles } from '../policy.ts';
import { peopleByIds } from '../queries.ts';
import { competenceRecords } from '../schema.ts';
import type { CompetenceInput } from '../shapes.ts';

/** Records what a person has shown they can do (7.2); records are kept, never edited (audit evidence). */
export async function recordCompetence(
  ctx: CommandContext,
  who: Principal,
  userId: string,
  input: CompetenceInput,
) {
  if (!mayKeepRoles(who))
    throw problems.forbidden('Competences are recorded by top management, process owners or administrators.');
  const person = (await peopleByIds(ctx.tx, [userId])).get(userId);
  if (!person) throw problems.notFound(`Person ${userId}`);
  const errors: FieldError[] = [];
  if (!canServe(person))
    errors.push({ field: 'userId', message: 'competences are recorded for active staff' });
  if (input.expiresOn && input.expiresOn < input.achievedOn)
    errors.push({ field: 'expiresOn', message: 'cannot be before it was achieved' });
  if (input.achievedOn > new Date().toISOString().slice(0, 10))
    errors.push({ field: 'achievedOn', message: 'cannot be in the future' });
  if (errors.length) throw problems.validation(errors);
  const [row] = await ctx.tx
    .insert(competenceRecords)
    .values({
      userId,
      competence: input.competence.trim(),
      source: input.source,
      title: input.title?.trim() ?? '',
      achievedOn: input.achievedOn,
      expiresOn: input.expiresOn ?? null,
      evidence: input.evidence?.trim() ?? '',
      recordedBy: who.userId,
    })
    .returning();
  await ctx.audit({ action: 'competence.recorded', recordType: 'user', recordId: userId, after: row });
  return row!;
}
