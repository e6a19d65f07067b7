import { eq, sql } from 'drizzle-orm';
import { mustHold } from '../../../kernel/access/actor.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { checkAttributeDefs } from '../attributes.ts';
import { classEditors, mayEditClasses } from '../policy.ts';
import { ciClasses } from '../schema.ts';
import type { ClassInput, ClassPatch } from '../shapes.ts';

export type ClassRow = typeof ciClasses.$inferSelect;

/** With share, the class cannot change (gain a required attribute, say) while a CI of it is written. */
export async function loadClass(tx: Queryable, key: string, share = false): Promise<ClassRow | null> {
  const q = tx.select().from(ciClasses).where(eq(ciClasses.key, key));
  const [c] = share ? await q.for('share') : await q;
  return c ?? null;
}

export async function createClass(ctx: CommandContext, input: ClassInput) {
  mustHold(ctx.actor, mayEditClasses, `CI classes are kept by: ${classEditors.join(', ')}.`);
  const errors = checkAttributeDefs(input.attributes);
  if (!/^[a-z][a-z0-9_]{1,39}$/.test(input.key)) {
    errors.push({
      field: 'key',
      message: 'must be lower case letters, digits and _, starting with a letter',
    });
  }
  if (errors.length) throw problems.validation(errors);
  if (await loadClass(ctx.tx, input.key)) {
    throw problems.conflict(`Class ${input.key} exists already.`, [
      { field: 'key', message: 'is already in use' },
    ]);
  }
  const [row] = await ctx.tx
    .insert(ciClasses)
    .values({
      key: input.key,
      names: input.names,
      description: input.description ?? '',
      attributes: input.attributes,
    })
    .returning();
  await ctx.audit({ action: 'ci-class.created', recordType: 'ci-class', recordId: input.key, after: row });
  return row!;
}

export async function updateClass(ctx: CommandContext, key: string, expected: number, patch: ClassPatch) {
  mustHold(ctx.actor, mayEditClasses, `CI classes are kept by: ${classEditors.join(', ')}.`);
  const [before] = await ctx.tx.select().from(ciClasses).where(eq(ciClasses.key, key)).for('update');
  if (!before) throw problems.notFound(`CI class ${key}`);
  checkVersion(expected, before.version);
  if (patch.attributes) {
    const errors = checkAttributeDefs(patch.attributes);
    // removing an attribute, or changing its type, would strand the values CIs hold
    for (const old of before.attributes) {
      const now = patch.attributes.find((a) => a.key === old.key);
      if (now && now.type === old.type) continue;
      const held = await ctx.tx.execute<{ n: number }>(sql`
        select count(*)::int as n from cis where class_key = ${key} and coalesce(attributes->>${old.key}, '') <> ''`);
      const n = held.rows[0]!.n;
      if (n > 0) {
        errors.push({
          field: 'attributes',
          message: `${n} CI(s) hold a value for ${old.key}; clear it before ${now ? 'changing its type' : 'removing it'}`,
        });
      }
    }
    // a new or newly required attribute must not leave existing CIs invalid
    for (const [i, d] of patch.attributes.entries()) {
      const was = before.attributes.find((a) => a.key === d.key);
      if (d.required && !was?.required) {
        const missing = await ctx.tx.execute<{ n: number }>(sql`
          select count(*)::int as n from cis where class_key = ${key} and coalesce(attributes->>${d.key}, '') = ''`);
        const n = missing.rows[0]!.n;
        if (n > 0)
          errors.push({
            field: `attributes.${i}.required`,
            message: `${n} CI(s) of this class have no ${d.key} yet`,
          });
      }
      if (d.type === 'choice' && was) {
        const bad = await ctx.tx.execute<{ n: number }>(sql`
          select count(*)::int as n from cis where class_key = ${key} and attributes ? ${d.key}
             and not (attributes->>${d.key} = any(${sql.param(d.values ?? [])}::text[]))`);
        const n = bad.rows[0]!.n;
        if (n > 0)
          errors.push({
            field: `attributes.${i}.values`,
            message: `${n} CI(s) hold a value no longer allowed`,
          });
      }
    }
    if (errors.length) throw problems.validation(errors);
  }
  const [after] = await ctx.tx
    .update(ciClasses)
    .set({ ...patch, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(ciClasses.key, key))
    .returning();
  await ctx.audit({ action: 'ci-class.updated', recordType: 'ci-class', recordId: key, before, after });
  return after!;
}
