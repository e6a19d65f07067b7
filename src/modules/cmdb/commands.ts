import { and, eq, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { checkAttributeDefs, validateAttributes } from './attributes.ts';
import { type CiStatus, canMove, nextStatuses } from './lifecycle.ts';
import {
  type AttributeDef,
  ciClasses,
  ciHistory,
  ciRelationships,
  ciRelationshipTypes,
  cis,
  type Names,
} from './schema.ts';

export type CiRow = typeof cis.$inferSelect;
export type ClassRow = typeof ciClasses.$inferSelect;

/** With share, the class cannot change (gain a required attribute, say) while a CI of it is written. */
export async function loadClass(tx: Queryable, key: string, share = false): Promise<ClassRow | null> {
  const q = tx.select().from(ciClasses).where(eq(ciClasses.key, key));
  const [c] = share ? await q.for('share') : await q;
  return c ?? null;
}

export async function loadCi(tx: Queryable, id: string, forUpdate = false): Promise<CiRow | null> {
  const q = tx.select().from(cis).where(eq(cis.id, id));
  const [c] = forUpdate ? await q.for('update') : await q;
  return c ?? null;
}

/* ---------- classes ---------- */

export type ClassInput = { key: string; names: Names; description?: string; attributes: AttributeDef[] };

export async function createClass(ctx: CommandContext, input: ClassInput) {
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

export async function updateClass(
  ctx: CommandContext,
  key: string,
  expected: number,
  patch: { names?: Names; description?: string; attributes?: AttributeDef[] },
) {
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

/* ---------- configuration items ---------- */

export type CiInput = {
  classKey: string;
  name: string;
  externalId?: string | null;
  status?: CiStatus;
  ownerId?: string | null;
  locationId?: string | null;
  description?: string;
  attributes?: Record<string, unknown>;
  purchaseDate?: string | null;
  supplier?: string | null;
  cost?: string | null;
  warrantyEnd?: string | null;
  disposalDate?: string | null;
};

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

async function history(
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
  await history(ctx, row!.id, [
    ['created', null, { classKey: row!.classKey, name: row!.name, status: row!.status }],
  ]);
  await ctx.audit({ action: 'ci.created', recordType: 'ci', recordId: row!.id, after: row });
  return row!;
}

export type CiPatch = Partial<Omit<CiInput, 'classKey'>> & { changeRef?: string | null };

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
  await history(ctx, id, changes, changeRef);
  await ctx.audit({
    action: 'ci.updated',
    recordType: 'ci',
    recordId: id,
    before,
    after: { ...after, changeRef },
  });
  return after!;
}

/* ---------- relationships ---------- */

export async function createRelationship(
  ctx: CommandContext,
  input: { sourceId: string; targetId: string; typeKey: string },
) {
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
  await history(ctx, input.sourceId, [['relationship.added', null, summary]]);
  await history(ctx, input.targetId, [['relationship.added', null, summary]]);
  await ctx.audit({
    action: 'ci-relationship.created',
    recordType: 'ci-relationship',
    recordId: row.id,
    after: row,
  });
  return row;
}

export async function deleteRelationship(ctx: CommandContext, id: string) {
  const [row] = await ctx.tx
    .delete(ciRelationships)
    .where(and(eq(ciRelationships.id, id)))
    .returning();
  if (!row) throw problems.notFound(`Relationship ${id}`);
  const summary = { type: row.typeKey, sourceId: row.sourceId, targetId: row.targetId };
  await history(ctx, row.sourceId, [['relationship.removed', summary, null]]);
  await history(ctx, row.targetId, [['relationship.removed', summary, null]]);
  await ctx.audit({
    action: 'ci-relationship.deleted',
    recordType: 'ci-relationship',
    recordId: id,
    before: row,
  });
}
