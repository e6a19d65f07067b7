import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { AgreementView } from '../shapes.ts';

const agreementColumns = sql`
  a.id, a.kind, a.name, a.customer_id as "customerId", cu.name as "customerName", a.supplier_ci_id as "supplierCiId",
  sp.name as "supplierName", a.internal_party as "internalParty",
  a.group_id as "groupId", g.name as "groupName", a.calendar_id as "calendarId", bc.name as "calendarName",
  bc.time_zone as "calendarTimeZone",
  a.status, a.valid_from::text as "validFrom", a.valid_to::text as "validTo", a.workload_limits as "workloadLimits",
  a.exceptions, a.pause_on as "pauseOn", a.version,
  coalesce((select json_agg(json_build_object('id', s.id, 'name', c.name) order by c.name)
              from agreement_services x join services s on s.id = x.service_id join cis c on c.id = s.ci_id
             where x.agreement_id = a.id), '[]') as services,
  coalesce((select json_agg(json_build_object('metric', t.metric, 'priority', t.priority, 'minutes', t.minutes,
                                              'warnPercent', t.warn_percent) order by t.metric, t.priority)
              from agreement_targets t where t.agreement_id = a.id), '[]') as targets`;
const agreementFrom = sql`
  from agreements a join business_calendars bc on bc.id = a.calendar_id
  left join customers cu on cu.id = a.customer_id left join cis sp on sp.id = a.supplier_ci_id
  left join groups g on g.id = a.group_id`;

export async function listAgreements(
  db: Queryable,
  f: { kind?: string; serviceId?: string; customerId?: string },
) {
  const res = await db.execute<AgreementView>(sql`
    select ${agreementColumns} ${agreementFrom}
     where (${f.kind ?? null}::text is null or a.kind = ${f.kind ?? null})
       and (${f.customerId ?? null}::uuid is null or a.customer_id = ${f.customerId ?? null})
       and (${f.serviceId ?? null}::uuid is null or exists (select 1 from agreement_services x where x.agreement_id = a.id and x.service_id = ${f.serviceId ?? null}))
     order by a.kind, lower(a.name) limit 1000`);
  return res.rows;
}

export async function getAgreement(db: Queryable, id: string): Promise<AgreementView | null> {
  const res = await db.execute<AgreementView>(
    sql`select ${agreementColumns} ${agreementFrom} where a.id = ${id}`,
  );
  return res.rows[0] ?? null;
}

/** Live services no agreement in force covers: 8.3.3 asks for at least one SLA per service. */
export async function servicesWithoutSla(db: Queryable) {
  const res = await db.execute<{ id: string; name: string }>(sql`
    select s.id, c.name from services s join cis c on c.id = s.ci_id
     where s.status = 'live' and s.kind = 'business' and not exists (
       select 1 from agreement_services x join agreements a on a.id = x.agreement_id
        where x.service_id = s.id and a.kind = 'sla' and a.status = 'active')
     order by lower(c.name)`);
  return res.rows;
}
