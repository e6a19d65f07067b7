import { and, eq } from 'drizzle-orm';
import { mustHold } from '../../../kernel/access/actor.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { cmdbEditors, mayEditCi } from '../policy.ts';
import { ciRelationships, ciRelationshipTypes } from '../schema.ts';
import type { RelationshipInput } from '../shapes.ts';
import { loadCi, recordHistory } from './cis.ts';

export async function createRelationship(ctx: CommandContext, input: RelationshipInput) {
  mustHold(ctx.actor, mayEditCi, `Relationships are kept by: ${cmdbEditors.join(', ')}.`);
  const errors: FieldError[] = [];
  if (input.sourceId === input.targetId)
    errors.push({ field: 'targetId', message: 'a CI cannot relate to itself' });
  const [type] = await ctx.tx
    .select()
    .from(ciRelationshipTypes)
    .where(eq(ciRelationshipTypes.key, input.typeKey));
  if (!type) errors.push({ field: 'typeKey', message: `unknown relationship type "${input.typeKey}"` });
  const [source, target] = await Promise.all([
    loadCi(ctx.tx, input.sourceId),
    loadCi(ctx.tx, input.targetId),
  ]);
  if (!source) errors.push({ field: 'sourceId', message: 'no such CI' });
  if (!target) errors.push({ field: 'targetId', message: 'no such CI' });
  if (errors.length) throw problems.validation(errors);
  const [row] = await ctx.tx
    .insert(ciRelationships)
    .values({ ...input, createdBy: ctx.actor.userId })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    throw problems.conflict(`${source!.name} already ${type!.forward.en} ${target!.name}.`, [
      { field: 'targetId', message: 'this relationship exists already' },
    ]);
  }
  const summary = { type: input.typeKey, sourceId: input.sourceId, targetId: input.targetId };
  await recordHistory(ctx, input.sourceId, [['relationship.added', null, summary]]);
  await recordHistory(ctx, input.targetId, [['relationship.added', null, summary]]);
  await ctx.audit({
    action: 'ci-relationship.created',
    recordType: 'ci-relationship',
    recordId: row.id,
    after: row,
  });
  return row;
}

export async function deleteRelationship(ctx: CommandContext, id: string) {
  mustHold(ctx.actor, mayEditCi, `Relationships are kept by: ${cmdbEditors.join(', ')}.`);
  const [row] = await ctx.tx
    .delete(ciRelationships)
    .where(and(eq(ciRelationships.id, id)))
    .returning();
  if (!row) throw problems.notFound(`Relationship ${id}`);
  const summary = { type: row.typeKey, sourceId: row.sourceId, targetId: row.targetId };
  await recordHistory(ctx, row.sourceId, [['relationship.removed', summary, null]]);
  await recordHistory(ctx, row.targetId, [['relationship.removed', summary, null]]);
  await ctx.audit({
    action: 'ci-relationship.deleted',
    recordType: 'ci-relationship',
    recordId: id,
    before: row,
  });
}
