import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import type { FieldError } from '../../kernel/http/problem.ts';
import { getAgreement } from '../agreements/index.ts';
import { mayReceive, type ReportKind } from './policy.ts';

/**
 * Who a schedule's report may reach (policy.ts mayReceive): named people and typed addresses alike, since an
 * address may be a Keel user's (a customer's or supplier's). An address that is no Keel user's is the keeper's
 * to name. Asked when a schedule is kept and again at each sending, as roles and customers change.
 */
type Person = { id: string; email: string; active: boolean; roles: string[]; customerId: string | null };

async function people(db: Queryable, ids: string[], addresses: string[]) {
  const res = await db.execute<Person>(sql`
    select u.id, lower(u.email) as email, u.active, u.customer_id as "customerId",
           coalesce(array(select distinct role from user_roles r where r.user_id = u.id), '{}') as roles
      from users u
     where u.id = any(${sql.param(ids)}::uuid[]) or lower(u.email) = any(${sql.param(addresses)}::text[])`);
  return res.rows;
}

type Subject = {
  kind: ReportKind;
  agreementId?: string | null;
  recipientIds: string[];
  recipientAddresses: string[];
};

async function customerOf(db: Queryable, s: Subject) {
  if (s.kind !== 'service_level' || !s.agreementId) return null;
  return (await getAgreement(db, s.agreementId))?.customerId ?? null;
}

/** Field errors for the recipients a keeper names: inactive people, and people or addresses it may not reach. */
export async function checkRecipients(db: Queryable, s: Subject): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const addresses = s.recipientAddresses.map((a) => a.toLowerCase());
  const found = await people(db, s.recipientIds, addresses);
  const customerId = await customerOf(db, s);
  const message =
    s.kind === 'service_level'
      ? "this report goes to people inside the provider and the agreement's customer only"
      : 'this report goes to people inside the provider only';
  s.recipientIds.forEach((id, i) => {
    const p = found.find((x) => x.id === id);
    if (!p?.active) errors.push({ field: `recipientIds.${i}`, message: 'must be an active person' });
    else if (!mayReceive(s.kind, p, customerId)) errors.push({ field: `recipientIds.${i}`, message });
  });
  addresses.forEach((a, i) => {
    const p = found.find((x) => x.email === a);
    if (p && !mayReceive(s.kind, p, customerId)) errors.push({ field: `recipientAddresses.${i}`, message });
  });
  return errors;
}

/**
 * The addresses a sending goes to (with the Keel user each is, if any), and those left out because they may
 * no longer receive it: an inactive person, or one whose roles or customer changed since the schedule was kept.
 */
export async function sendingList(db: Queryable, s: Subject) {
  const addresses = s.recipientAddresses.map((a) => a.toLowerCase());
  const found = await people(db, s.recipientIds, addresses);
  const customerId = await customerOf(db, s);
  const to = new Map<string, string | null>();
  const refused: string[] = [];
  for (const p of found.filter((x) => s.recipientIds.includes(x.id)))
    if (p.active && mayReceive(s.kind, p, customerId)) to.set(p.email, p.id);
    else refused.push(p.email);
  for (const a of addresses) {
    if (to.has(a)) continue;
    const p = found.find((x) => x.email === a);
    if (p && !mayReceive(s.kind, p, customerId)) refused.push(a);
    else to.set(a, p?.active ? p.id : null);
  }
  return { to, refused: [...new Set(refused)].sort() };
}
