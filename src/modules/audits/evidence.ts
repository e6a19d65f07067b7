import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/http/problem.ts';
import type { EvidenceRef } from './schema.ts';

/**
 * The registers whose numbers or codes an auditor may point at as evidence: work items (CHG-000012), and the
 * governance records that carry a code of their own. Read by their code only, to tell whether the record
 * exists; an evidence reference never reads more of another module's record than that.
 */
const codedRecords = sql`
  select number as code from work_items union all
  select code from risks union all
  select code from objectives union all
  select identifier from policies union all
  select number from articles union all
  select code from own_requirements union all
  select code from audit_programmes union all
  select code from audits union all
  select code from findings union all
  select code from improvements union all
  select code from management_reviews`;

const isWebAddress = (ref: string) => {
  try {
    const u = new URL(ref);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

/**
 * Checks evidence references all at once: a record must exist in Keel by its number or code, a link must be
 * a web address, an attachment must be a file attached to a work item. A field error for each wrong one.
 */
export async function checkEvidence(tx: Queryable, refs: readonly EvidenceRef[], field = 'evidence') {
  const errors: FieldError[] = [];
  const records = [...new Set(refs.filter((r) => r.kind === 'record').map((r) => r.ref.toLowerCase()))];
  const files = refs.filter((r) => r.kind === 'attachment').map((r) => r.ref);
  const known = new Set<string>();
  if (records.length) {
    const res = await tx.execute<{ code: string }>(sql`
      select distinct lower(code) as code from (${codedRecords}) as c
       where lower(code) = any(${sql.param(records)}::text[])`);
    for (const r of res.rows) known.add(r.code);
  }
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const attached = new Set<string>();
  const ids = files.filter((f) => uuid.test(f)).map((f) => f.toLowerCase());
  if (ids.length) {
    const res = await tx.execute<{ id: string }>(
      sql`select id from work_item_attachments where id = any(${sql.param(ids)}::uuid[])`,
    );
    for (const r of res.rows) attached.add(r.id);
  }
  refs.forEach((r, i) => {
    const at = `${field}.${i}.ref`;
    if (r.kind === 'record' && !known.has(r.ref.toLowerCase()))
      errors.push({ field: at, message: `no record ${r.ref} in Keel` });
    if (r.kind === 'link' && !isWebAddress(r.ref))
      errors.push({ field: at, message: 'must be a web address (https://…)' });
    if (r.kind === 'attachment' && !attached.has(r.ref.toLowerCase()))
      errors.push({ field: at, message: 'must be the id of a file attached in Keel' });
  });
  return errors;
}

/** Evidence as it is stored: the reference trimmed, a record's code as written in its register. */
export const storedEvidence = (refs: readonly EvidenceRef[]): EvidenceRef[] =>
  refs.map((r) => ({
    kind: r.kind,
    ref: r.kind === 'record' ? r.ref.toUpperCase() : r.ref,
    label: r.label ?? '',
  }));
