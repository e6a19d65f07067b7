import { sql } from 'drizzle-orm';
import { mustHold } from '../../kernel/access/actor.ts';
import { CsvError, parseCsv } from '../../kernel/csv/csv.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { toProblem } from '../../kernel/http/errors.ts';
import { type FieldError, Problem, problems } from '../../kernel/http/problem.ts';
import { isDate, validateAttributes } from './attributes.ts';
import { createCi, updateCi } from './commands/cis.ts';
import { loadClass } from './commands/classes.ts';
import { createRelationship } from './commands/relationships.ts';
import { ciColumns, ciStatuses, relationshipColumns } from './lifecycle.ts';
import { cmdbEditors, mayEditCi } from './policy.ts';
import type { CiInput, ImportReport, RowResult } from './shapes.ts';

/**
 * CSV import of CIs and relationships. One command: every row is tried (each in a savepoint, so one bad row
 * does not hide the next row's errors), and either all rows are written or none. A dry run reports what
 * each row would do and rolls everything back. Rows are matched by key, external id first, else class and
 * name, so importing the same file again updates instead of duplicating.
 */

export class DryRunRollback extends Error {
  readonly report: ImportReport;
  constructor(report: ImportReport) {
    super('dry run');
    this.report = report;
  }
}

/** The most rows (besides the header) one import takes; the route stops reading a file at the next one. */
export const IMPORT_MAX_ROWS = 50_000;
export const tooManyRows = () =>
  problems.tooLarge(`Import at most ${IMPORT_MAX_ROWS.toLocaleString('en')} rows at once.`);

/** Reads the file and applies the column mapping; header problems stop the import before any row. */
function table(csv: string, mapping: Record<string, string>, known: (target: string) => boolean) {
  let rows: string[][];
  try {
    rows = parseCsv(csv);
  } catch (e) {
    if (e instanceof CsvError)
      throw problems.validation([{ field: 'body', message: `not valid CSV: ${e.message}` }]);
    throw e;
  }
  if (rows.length === 0)
    throw problems.validation([
      { field: 'body', message: 'the file is empty; the first line names the columns' },
    ]);
  if (rows.length > IMPORT_MAX_ROWS + 1) throw tooManyRows();
  const header = rows[0]!.map((h) => h.trim());
  const targets = header.map((h) => mapping[h] ?? h);
  const errors: FieldError[] = [];
  targets.forEach((t, i) => {
    if (t === '' || t === 'ignore') return;
    if (!known(t))
      errors.push({
        field: `columns.${header[i]}`,
        message: `unknown column "${t}"; map it to a field or to "ignore"`,
      });
  });
  for (const m of Object.keys(mapping)) {
    if (!header.includes(m)) errors.push({ field: `mapping.${m}`, message: 'the file has no such column' });
  }
  const dup = targets.filter((t, i) => t && t !== 'ignore' && targets.indexOf(t) !== i);
  for (const d of new Set(dup))
    errors.push({ field: `columns.${d}`, message: 'two columns map to this field' });
  if (errors.length) throw problems.validation(errors, 'The columns do not fit; nothing was imported.');
  return rows.slice(1).map((cells, i) => ({
    line: i + 2,
    values: Object.fromEntries(
      targets
        .map((t, j) => [t, unguard((cells[j] ?? '').trim())])
        .filter(([t]) => t !== '' && t !== 'ignore'),
    ) as Record<string, string>,
  }));
}

/** The export writes '=… for a cell a spreadsheet would run as a formula; the import reads it back as =… */
const unguard = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** The same limits the API puts on each field. */
const limits: Record<string, number> = { name: 300, externalId: 200, description: 20_000, supplier: 300 };

async function eachRow<T extends { line: number }>(
  ctx: CommandContext,
  rows: T[],
  dryRun: boolean,
  fn: (row: T) => Promise<Omit<RowResult, 'row' | 'errors'>>,
): Promise<ImportReport> {
  const report: ImportReport = { dryRun, created: 0, updated: 0, unchanged: 0, failed: 0, rows: [] };
  for (const row of rows) {
    try {
      const r = await ctx.tx.transaction(async () => fn(row));
      report.rows.push({ row: row.line, errors: [], ...r });
      if (r.action === 'create') report.created++;
      else if (r.action === 'update') report.updated++;
      else report.unchanged++;
    } catch (raw) {
      const e = raw instanceof Problem ? raw : toProblem(raw);
      if (e.status >= 500) throw raw;
      const errors = (e.errors ?? [{ field: 'row', message: e.message }]).map((x) => ({
        ...x,
        field: `rows.${row.line}.${x.field}`,
      }));
      report.failed++;
      report.rows.push({ row: row.line, action: 'error', key: '', errors });
    }
  }
  if (dryRun) throw new DryRunRollback(report);
  if (report.failed > 0) {
    throw problems.validation(
      report.rows.flatMap((r) => r.errors),
      `${report.failed} of ${rows.length} rows have errors; nothing was imported. Try a dry run to see each row.`,
    );
  }
  await ctx.audit({
    action: 'ci.imported',
    recordType: 'ci-import',
    recordId: ctx.requestId ?? 'import',
    after: { created: report.created, updated: report.updated, unchanged: report.unchanged },
  });
  return report;
}

export async function importCis(
  ctx: CommandContext,
  csv: string,
  opts: { dryRun: boolean; mapping: Record<string, string> },
) {
  mustHold(ctx.actor, mayEditCi, `CIs are kept by: ${cmdbEditors.join(', ')}.`);
  const rows = table(
    csv,
    opts.mapping,
    (t) => (ciColumns as readonly string[]).includes(t) || /^attributes\.[a-z][a-z0-9_]*$/.test(t),
  );
  const people = new Map<string, string | null>();
  const personId = async (email: string) => {
    if (!people.has(email)) {
      const r = await ctx.tx.execute<{ id: string }>(
        sql`select id from users where lower(email) = lower(${email})`,
      );
      people.set(email, r.rows[0]?.id ?? null);
    }
    return people.get(email)!;
  };
  return eachRow(ctx, rows, opts.dryRun, async ({ values: v }) => {
    const errors: FieldError[] = [];
    if (!v.classKey) errors.push({ field: 'classKey', message: 'is required' });
    if (!v.name && !v.externalId)
      errors.push({ field: 'name', message: 'is required (or an externalId of an existing CI)' });
    if (v.status && !(ciStatuses as readonly string[]).includes(v.status)) {
      errors.push({ field: 'status', message: `must be one of: ${ciStatuses.join(', ')}` });
    }
    const cls = v.classKey ? await loadClass(ctx.tx, v.classKey) : null;
    if (v.classKey && !cls) errors.push({ field: 'classKey', message: `unknown CI class "${v.classKey}"` });
    const ownerId = v.owner ? await personId(v.owner) : undefined;
    if (v.owner && !ownerId) errors.push({ field: 'owner', message: `no user with e-mail ${v.owner}` });
    let locationId: string | undefined;
    if (v.location) {
      const r = await ctx.tx.execute<{ id: string }>(sql`
        select id from cis where class_key = 'site' and (lower(name) = lower(${v.location}) or external_id = ${v.location}) limit 1`);
      locationId = r.rows[0]?.id;
      if (!locationId) errors.push({ field: 'location', message: `no site named "${v.location}"` });
    }
    const attributes = Object.fromEntries(
      Object.entries(v)
        .filter(([k, val]) => k.startsWith('attributes.') && val !== '')
        .map(([k, val]) => [k.slice('attributes.'.length), val]),
    );
    // wrong types and unknown attributes are reported with the row's other problems, not one try later
    if (cls) {
      const typed = validateAttributes(
        cls.attributes.map((d) => ({ ...d, required: false })),
        attributes,
      );
      errors.push(...typed.errors);
    }
    if (errors.length) throw problems.validation(errors);
    const opt = (s: string | undefined) => (s ? s : undefined);
    const fields: Partial<CiInput> = {
      name: opt(v.name),
      externalId: opt(v.externalId),
      status: opt(v.status) as CiInput['status'],
      description: opt(v.description),
      ownerId,
      locationId,
      purchaseDate: opt(v.purchaseDate),
      supplier: opt(v.supplier),
      cost: opt(v.cost),
      warrantyEnd: opt(v.warrantyEnd),
      disposalDate: opt(v.disposalDate),
    };
    for (const [field, value] of Object.entries({
      purchaseDate: v.purchaseDate,
      warrantyEnd: v.warrantyEnd,
      disposalDate: v.disposalDate,
    })) {
      if (value && !isDate(value)) errors.push({ field, message: 'must be a date (YYYY-MM-DD)' });
    }
    if (v.cost && !/^\d{1,12}(\.\d{1,2})?$/.test(v.cost))
      errors.push({ field: 'cost', message: 'must be an amount like 1234.50' });
    for (const [field, max] of Object.entries(limits)) {
      if ((v[field]?.length ?? 0) > max) errors.push({ field, message: `must be at most ${max} characters` });
    }
    if (errors.length) throw problems.validation(errors);
    const existing = await ctx.tx.execute<{ id: string; version: number; class_key: string }>(
      v.externalId
        ? sql`select id, version, class_key from cis where external_id = ${v.externalId}`
        : sql`select id, version, class_key from cis where class_key = ${v.classKey} and lower(name) = lower(${v.name})`,
    );
    const found = existing.rows[0];
    const key = v.externalId ? `externalId ${v.externalId}` : `${v.classKey} ${v.name}`;
    if (found) {
      if (found.class_key !== v.classKey) {
        throw problems.validation([
          { field: 'classKey', message: `external id ${v.externalId} belongs to a ${found.class_key}` },
        ]);
      }
      const patch = Object.fromEntries(
        Object.entries({ ...fields, attributes }).filter(
          ([, x]) => x !== undefined && !(typeof x === 'object' && x !== null && Object.keys(x).length === 0),
        ),
      );
      const after = await updateCi(ctx, found.id, null, patch);
      return { action: after.version === found.version ? 'unchanged' : 'update', key, id: found.id };
    }
    if (!v.name) {
      throw problems.validation([
        { field: 'name', message: `is required: no CI has external id ${v.externalId}` },
      ]);
    }
    const created = await createCi(ctx, {
      ...(fields as CiInput),
      classKey: v.classKey!,
      name: v.name,
      attributes,
    });
    return { action: 'create', key, id: created.id };
  });
}

/** Relationships by the CIs' keys: `source`/`target` are names within their class, or external ids. */
export async function importRelationships(
  ctx: CommandContext,
  csv: string,
  opts: { dryRun: boolean; mapping: Record<string, string> },
) {
  mustHold(ctx.actor, mayEditCi, `Relationships are kept by: ${cmdbEditors.join(', ')}.`);
  const rows = table(csv, opts.mapping, (t) => (relationshipColumns as readonly string[]).includes(t));
  const find = async (cls: string | undefined, ref: string) => {
    const r = await ctx.tx.execute<{ id: string }>(sql`
      select id from cis where external_id = ${ref}
      union all
      select id from cis where ${cls ?? null}::text is not null and class_key = ${cls ?? null} and lower(name) = lower(${ref})
      limit 1`);
    return r.rows[0]?.id ?? null;
  };
  return eachRow(ctx, rows, opts.dryRun, async ({ values: v }) => {
    const errors: FieldError[] = [];
    for (const f of ['source', 'type', 'target'] as const)
      if (!v[f]) errors.push({ field: f, message: 'is required' });
    if (errors.length) throw problems.validation(errors);
    const [sourceId, targetId] = [await find(v.sourceClass, v.source!), await find(v.targetClass, v.target!)];
    if (!sourceId)
      errors.push({
        field: 'source',
        message: `no CI "${v.source}"${v.sourceClass ? ` of class ${v.sourceClass}` : ''}`,
      });
    if (!targetId)
      errors.push({
        field: 'target',
        message: `no CI "${v.target}"${v.targetClass ? ` of class ${v.targetClass}` : ''}`,
      });
    if (errors.length) throw problems.validation(errors);
    const key = `${v.source} ${v.type} ${v.target}`;
    const exists = await ctx.tx.execute(sql`
      select 1 from ci_relationships where source_id = ${sourceId} and target_id = ${targetId} and type_key = ${v.type!}`);
    if (exists.rows.length) return { action: 'unchanged', key };
    const row = await createRelationship(ctx, { sourceId: sourceId!, targetId: targetId!, typeKey: v.type! });
    return { action: 'create', key, id: row.id };
  });
}
