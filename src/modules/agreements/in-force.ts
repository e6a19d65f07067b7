import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';

/**
 * Which agreement is in force (ISO/IEC 20000-1 8.3.3): active, within its dates today, covering the service.
 * The one place the rule is written; incidents, requests and the incident page's checks ask it here.
 */
const inForce = sql`a.status = 'active' and (a.valid_from is null or a.valid_from <= current_date)
       and (a.valid_to is null or a.valid_to >= current_date)`;

async function firstAgreement(db: Queryable, serviceId: string | null, party: ReturnType<typeof sql>) {
  if (!serviceId) return null;
  const res = await db.execute<{ id: string }>(sql`
    select a.id from agreements a join agreement_services s on s.agreement_id = a.id and s.service_id = ${serviceId}
     where ${inForce} and ${party} order by lower(a.name) limit 1`);
  return res.rows[0]?.id ?? null;
}

/** The SLA in force: an active SLA of the customer covering the service, valid today. */
export const agreementFor = (db: Queryable, customerId: string | null, serviceId: string | null) =>
  customerId ? firstAgreement(db, serviceId, sql`a.kind = 'sla' and a.customer_id = ${customerId}`) : null;

/** The OLA of a group for a service. */
export const olaFor = (db: Queryable, groupId: string, serviceId: string | null) =>
  firstAgreement(db, serviceId, sql`a.kind = 'ola' and a.group_id = ${groupId}`);

/** The underpinning contract with a supplier for a service. */
export const contractWith = (db: Queryable, supplierCiId: string, serviceId: string | null) =>
  firstAgreement(db, serviceId, sql`a.kind = 'underpinning_contract' and a.supplier_ci_id = ${supplierCiId}`);

/** The suppliers whose underpinning contracts in force cover a service. */
export async function suppliersFor(db: Queryable, serviceId: string | null) {
  if (!serviceId) return [];
  const res = await db.execute<{ id: string; name: string; agreement: string }>(sql`
    select distinct on (ci.id) ci.id, ci.name, a.name as agreement
      from agreements a join agreement_services s on s.agreement_id = a.id and s.service_id = ${serviceId}
      join cis ci on ci.id = a.supplier_ci_id
     where a.kind = 'underpinning_contract' and ${inForce} order by ci.id, lower(a.name)`);
  return res.rows.sort((x, y) => x.name.localeCompare(y.name));
}

/**
 * Whether an agreement is an SLA of this customer in force today: undefined when it does not exist, so a
 * caller can say which of the two is wrong.
 */
export async function isSlaInForceFor(db: Queryable, agreementId: string, customerId: string | null) {
  const r = await db.execute<{ ok: boolean }>(sql`
    select a.kind = 'sla' and ${inForce} and a.customer_id is not distinct from ${customerId}::uuid as ok
      from agreements a where a.id = ${agreementId}`);
  return r.rows[0]?.ok;
}
