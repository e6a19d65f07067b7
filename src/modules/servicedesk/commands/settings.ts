import { eq } from 'drizzle-orm';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { priorityMatrix, serviceDeskSettings } from '../schema.ts';

export type Settings = typeof serviceDeskSettings.$inferSelect;
export const IMPACTS = [1, 2, 3] as const;
export const URGENCIES = [1, 2, 3] as const;

export async function settingsOf(db: Queryable): Promise<Settings> {
  const [s] = await db.select().from(serviceDeskSettings).where(eq(serviceDeskSettings.id, 1));
  if (!s) throw new Error('service desk settings are missing (migration 0010 seeds them)');
  return s;
}

export async function updateSettings(
  ctx: CommandContext,
  expected: number,
  patch: Partial<Omit<Settings, 'id' | 'version'>>,
) {
  const [before] = await ctx.tx
    .select()
    .from(serviceDeskSettings)
    .where(eq(serviceDeskSettings.id, 1))
    .for('update');
  checkVersion(expected, before!.version);
  const [after] = await ctx.tx
    .update(serviceDeskSettings)
    .set({ ...patch, version: before!.version + 1 })
    .where(eq(serviceDeskSettings.id, 1))
    .returning();
  await ctx.audit({
    action: 'service-desk-settings.updated',
    recordType: 'service-desk-settings',
    recordId: '1',
    before,
    after,
  });
  return after!;
}

export type Matrix = Array<{ impact: number; urgency: number; priority: number }>;

export async function matrixOf(db: Queryable): Promise<Matrix> {
  return db.select().from(priorityMatrix).orderBy(priorityMatrix.impact, priorityMatrix.urgency);
}

/** Replaces the whole matrix: every impact × urgency cell once, priorities 1–5. Existing incidents keep theirs. */
export async function replaceMatrix(ctx: CommandContext, cells: Matrix) {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  cells.forEach((c, i) => {
    const key = `${c.impact}/${c.urgency}`;
    if (seen.has(key))
      errors.push({
        field: `cells.${i}`,
        message: `impact ${c.impact}, urgency ${c.urgency} is given twice`,
      });
    seen.add(key);
  });
  for (const impact of IMPACTS)
    for (const urgency of URGENCIES)
      if (!seen.has(`${impact}/${urgency}`))
        errors.push({ field: 'cells', message: `impact ${impact}, urgency ${urgency} has no priority` });
  if (errors.length) throw problems.validation(errors);
  const before = await matrixOf(ctx.tx);
  await ctx.tx.delete(priorityMatrix);
  await ctx.tx.insert(priorityMatrix).values(cells);
  await ctx.audit({
    action: 'priority-matrix.replaced',
    recordType: 'priority-matrix',
    recordId: 'incident',
    before,
    after: cells,
  });
  return matrixOf(ctx.tx);
}
