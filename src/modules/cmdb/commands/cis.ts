import { eq, sql } from 'drizzle-orm';
import { mustHold } from '../../../kernel/access/actor.ts';
import type { Queryable, Tx } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { validateAttributes } from '../attributes.ts';
import { type CiStatus, canMove, nextStatuses } from '../lifecycle.ts';
import { cmdbEditors, mayEditCi } from '../policy.ts';
import { ciHistory, cis } from '../schema.ts';
import type { CiInput, CiPatch } from '../shapes.ts';
import { loadClass } from './classes.ts';

export type CiRow = typeof cis.$inferSelect;

export async function loadCi(tx: Queryable, id: string, forUpdate = false): Promise<CiRow | null> {
  const q = tx.select().from(cis).where(eq(cis.id, id));
  const [c] = forUpdate ? await q.for('update') : await q;
  return c ?? null;
}

async function checkReferences(tx: Tx, input: Partial<CiInput>, before?: CiRow): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const self = before?.id;
  if (input.locationId) {
    const loc = await loadCi(tx, input.locationId);
    if (!loc) errors.push({ field: 'locationId', message: 'no such CI' });
    else if (loc.classKey !== 'site')
      errors.push({ field: 'locationId', message: `must be a site, not a ${loc.classKey}` });
    else if (loc.id === self)
      errors.push({ field: 'locationId', message: 'a site cannot be its own location' });
  }
  // checked when it changes, so a record owned by someone who has left can still be edited
  if (input.ownerId && input.ownerId !== before?.ownerId) {
    const u = await tx.execute(sql`select 1 from users where id = ${input.ownerId} and active`);
    if (u.rows.length === 0) errors.push({ field: 'ownerId', message: 'no such active user' });
  }
  return errors;
}

async function keyTaken(
  tx: Tx,
  classKey: string,
  name: string,
  externalId: string | null | undefined,
  self?: string,
) {
  const errors: FieldError[] = [];
  const byName = await tx.execute(sql`
    select 1 from cis where class_key = ${classKey} and lower(name) = lower(${name}) ${self ? sql`and id <> ${self}` : sql``}`);
  if (byName.rows.length)
    errors.push({ field: 'name', message: `a ${classKey} with this name exists already` });
  if (externalId) {
    const byExt = await tx.execute(sql`
      select 1 from cis where external_id = ${externalId} ${self ? sql`and id <> ${self}` : sql``}`);
    if (byExt.rows.length) errors.push({ field: 'externalId', message: 'another CI has this external id' });
  }
  return errors;
}

/** Appends to a CI's field history: each change with its old and new value, and the change record. */
export async function recordHistory(
  ctx: CommandContext,
  ciId: string,
  changes: Array<[string, unknown, unknown]>,
  changeRef: string | null = null,
) {
  if (changes.length === 0) return;
  await ctx.tx.insert(ciHistory).values(
    changes.map(([field, oldValue, newValue]) => ({
      ciId,
      field,
      oldValue: oldValue ?? null,
      newValue: newValue ?? null,
      actorId: ctx.actor.userId,
      changeRef,
    })),
  );
}

/** A change record is a work item (CHG-… once change management exists); it must exist to be named. */
export async function checkChangeRef(tx: Queryable, ref: string): Promise<string> {
  const r = await tx.execute<{ number: string }>(
    sql`select number from work_items where number = upper(${ref})`,
  );
  if (!r.rows[0]) throw problems.validation([{ field: 'changeRef', message: `no work item ${ref}` }]);
  return r.rows[0].number;
}

/** Links history entries of a CI to the change record they belong to, after the fact. */
export async function linkHistoryToChange(
  ctx: CommandContext,
  ciId: string,
  entryIds: number[],
  ref: string,
) {
  mustHold(ctx.actor, mayEditCi, `CIs are kept by: ${cmdbEditors.join(', ')}.`);
  const number = await checkChangeRef(ctx.tx, ref);
  const res = await ctx.tx.execute<{ id: number }>(sql`
    update ci_history set change_ref = ${number}
     where ci_id = ${ciId} and id = any(${sql.param(entryIds)}::bigint[]) returning id`);
  if (res.rows.length !== new Set(entryIds).size) {
    throw problems.validation([{ field: 'entryIds', message: 'some entries are not in this CI’s history' }]);
  }
  await ctx.audit({
    action: 'ci.history-linked',
    recordType: 'ci',
    recordId: ciId,
    after: { entryIds, changeRef: number },
  });
  return number;
}

/** A service's CI follows its service: it is created and renamed through the portfolio, not the CMDB. */
export const serviceClasses = ['business_service', 'technical_service'];

/**
 * Records a CI. No rule is asked here, unlike the CMDB's other commands: its routes and import ask mayEditCi,
 * and the portfolio writes its services' CIs through it under its own rule (mayEditService). updateCi too.
 */
export async function createCi(
  ctx: CommandContext,
  input: CiInput,
  opts: { forService?: boolean } = {},
): Promise<CiRow> {
  if (serviceClasses.includes(input.classKey) && !opts.forService) {
    throw problems.validation([
      { field: 'classKey', message: 'services are added in the service portfolio, which creates their CI' },
    ]);
  }
  const cls = await loadClass(ctx.tx, input.classKey, true);
  if (!cls)
    throw problems.validation([{ field: 'classKey', message: `unknown CI class "${input.classKey}"` }]);
  const attrs = validateAttributes(cls.attributes, input.attributes ?? {});
  const errors = [
    ...attrs.errors,
    ...(await checkReferences(ctx.tx, input)),
    ...(await keyTaken(ctx.tx, input.classKey, input.name, input.externalId)),
  ];
  if (errors.length) {
    const conflict = errors.every(
      (e) => e.message.includes('exists already') || e.message.includes('another CI'),
    );
    throw conflict
      ? problems.conflict('A CI with this key exists already.', errors)
      : problems.validation(errors);
  }
  const [row] = await ctx.tx
    .insert(cis)
    .values({ ...input, name: input.name.trim(), attributes: attrs.values })
    .returning();
  await recordHistory(ctx, row!.id, [
    ['created', null, { classKey: row!.classKey, name: row!.name, status: row!.status }],
  ]);
  await ctx.audit({ action: 'ci.created', recordType: 'ci', recordId: row!.id, after: row });
  return row!;
}

const tracked = [
  'name',
  'externalId',
  'status',
  'ownerId',
  'locationId',
  'description',
  'purchaseDate',
  'supplier',
  'cost',
  'warrantyEnd',
  'disposalDate',
] as const;

export async function updateCi(
  ctx: CommandContext,
  id: string,
  expected: number | null,
  patch: CiPatch,
  opts: { forService?: boolean } = {},
) {
  const before = await loadCi(ctx.tx, id, true);
  if (!before) throw problems.notFound(`CI ${id}`);
  if (expected !== null) checkVersion(expected, before.version);
  if (serviceClasses.includes(before.classKey) && !opts.forService) {
    const owned = (['name', 'status', 'ownerId', 'description'] as const).filter(
      (f) => patch[f] !== undefined && patch[f] !== before[f],
    );
    if (owned.length) {
      throw problems.validation(
        owned.map((field) => ({
          field,
          message: "is the service's own: change it in the service portfolio",
        })),
      );
    }
  }
  const cls = (await loadClass(ctx.tx, before.classKey, true))!;
  const errors: FieldError[] = [];
  let attributes = before.attributes;
  if (patch.attributes) {
    // a patch names the attributes it changes; null or "" clears one
    const merged = { ...before.attributes, ...patch.attributes };
    // clearing works for any key, even one the class no longer declares
    for (const [k, v] of Object.entries(patch.attributes)) if (v === null || v === '') delete merged[k];
    const v = validateAttributes(cls.attributes, merged);
    errors.push(...v.errors);
    attributes = v.values;
  }
  if (patch.status && !canMove(before.status as CiStatus, patch.status)) {
    const allowed = nextStatuses(before.status as CiStatus).join(', ');
    errors.push({
      field: 'status',
      message: `cannot go from ${before.status} to ${patch.status} (next: ${allowed})`,
    });
  }
  errors.push(...(await checkReferences(ctx.tx, patch, before)));
  if (patch.name !== undefined || patch.externalId !== undefined) {
    errors.push(
      ...(await keyTaken(ctx.tx, before.classKey, patch.name ?? before.name, patch.externalId ?? null, id)),
    );
  }
  if (errors.length) throw problems.validation(errors);
  const { changeRef: ref, ...fields } = patch;
  const changeRef = ref ? await checkChangeRef(ctx.tx, ref) : null;
  patch = fields;
  const changes: Array<[string, unknown, unknown]> = [];
  for (const f of tracked) {
    if (patch[f] !== undefined && patch[f] !== before[f]) changes.push([f, before[f], patch[f]]);
  }
  for (const key of new Set([...Object.keys(before.attributes), ...Object.keys(attributes)])) {
    if (JSON.stringify(before.attributes[key]) !== JSON.stringify(attributes[key])) {
      changes.push([`attributes.${key}`, before.attributes[key], attributes[key]]);
    }
  }
  if (changes.length === 0) return before;
  const [after] = await ctx.tx
    .update(cis)
    .set({ ...patch, attributes, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(cis.id, id))
    .returning();
  await recordHistory(ctx, id, changes, changeRef);
  await ctx.audit({
    action: 'ci.updated',
    recordType: 'ci',
    recordId: id,
    before,
    after: { ...after, changeRef },
  });
  return after!;
}
