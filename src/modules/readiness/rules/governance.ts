import { sql } from 'drizzle-orm';
import { objectivesMeasured } from './objectives.ts';
import { atTime, dayAt, type EvidenceRule, records, share } from './types.ts';

/**
 * Evidence rules for clauses 4 to 7: the leadership records (context, scope, processes, policy, roles,
 * risks, objectives, plan, communication, documents, knowledge).
 */
export const governanceRules: EvidenceRule[] = [
  {
    key: 'context-issues-reviewed',
    label: {
      en: 'Context issues added or updated',
      nl: 'Contextfactoren toegevoegd of bijgewerkt',
      da: 'Kontekstforhold tilføjet eller opdateret',
    },
    measure: 'records',
    maxAgeDays: 365,
    minCount: 1,
    link: '/context',
    evaluate: records(sql`context_issues`, sql`updated_at`),
  },
  {
    key: 'interested-parties-reviewed',
    label: {
      en: 'Interested parties added or updated',
      nl: 'Belanghebbenden toegevoegd of bijgewerkt',
      da: 'Interessenter tilføjet eller opdateret',
    },
    measure: 'records',
    maxAgeDays: 365,
    minCount: 1,
    link: '/context',
    evaluate: records(sql`interested_parties`, sql`updated_at`),
  },
  {
    key: 'scope-approved',
    label: {
      en: 'Scope statement versions',
      nl: 'Versies van de scopeverklaring',
      da: 'Versioner af omfangserklæringen',
    },
    measure: 'records',
    maxAgeDays: 365,
    minCount: 1,
    link: '/context',
    evaluate: records(
      sql`scope_statements`,
      sql`created_at`,
      sql`(select 'v' || s.number from scope_statements s where s.created_at = max(x.d) limit 1)`,
    ),
  },
  {
    key: 'processes-owned',
    label: { en: 'Processes with an owner', nl: 'Processen met een eigenaar', da: 'Processer med en ejer' },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 100,
    link: '/processes',
    evaluate: share(
      (w) => sql`select owner_id is not null as ok, least(updated_at, ${atTime(w)}) as d
                   from sms_processes where created_at <= ${atTime(w)}`,
    ),
  },
  {
    key: 'top-management-decisions',
    label: {
      en: 'Decisions by top management (approvals, acceptances, reviews)',
      nl: 'Besluiten van het topmanagement (goedkeuringen, acceptaties, beoordelingen)',
      da: 'Beslutninger truffet af topledelsen (godkendelser, accepter, evalueringer)',
    },
    measure: 'records',
    maxAgeDays: 365,
    minCount: 1,
    link: '/leadership',
    evaluate: records(
      sql`(select at as d from policy_decisions where role = 'top_management'
           union all select accepted_at from risks
           union all select approved_at from audit_programmes
           union all select approved_at from management_reviews) decisions`,
      sql`d`,
    ),
  },
  {
    key: 'sm-policy-approved',
    label: {
      en: 'Service management policy approved and published',
      nl: 'Servicemanagementbeleid goedgekeurd en gepubliceerd',
      da: 'Servicestyringspolitik godkendt og offentliggjort',
    },
    measure: 'records',
    maxAgeDays: 365,
    minCount: 1,
    link: '/policies',
    evaluate: records(
      sql`policy_versions v join policies p on p.id = v.policy_id
          where p.kind = 'service_management' and v.state in ('published', 'superseded')`,
      sql`v.published_at`,
      sql`(select p.identifier || ' v' || v.number from policy_versions v join policies p on p.id = v.policy_id
                  where p.kind = 'service_management' and v.state in ('published', 'superseded')
                    and v.published_at = max(x.d) limit 1)`,
    ),
  },
  {
    key: 'policy-acknowledged',
    label: {
      en: 'Staff who acknowledged the service management policy in force',
      nl: 'Medewerkers die het geldende servicemanagementbeleid bevestigden',
      da: 'Medarbejdere der har bekræftet den gældende servicestyringspolitik',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 80,
    link: '/policies',
    // the version in force at `at`: the newest published by then (a superseded one was in force until its end)
    evaluate: share(
      (w) => sql`select a.acknowledged_at is not null and a.acknowledged_at <= ${atTime(w)} as ok,
                        case when a.acknowledged_at <= ${atTime(w)} then a.acknowledged_at end as d
                   from policy_acknowledgements a
                  where a.requested_at <= ${atTime(w)}
                    and (a.closed_at is null or a.closed_at > ${atTime(w)})
                    and a.version_id in (
                      select distinct on (v.policy_id) v.id from policy_versions v join policies p on p.id = v.policy_id
                       where p.kind = 'service_management' and v.state in ('published', 'superseded')
                         and v.published_at <= ${atTime(w)}
                       order by v.policy_id, v.published_at desc)`,
    ),
  },
  {
    key: 'roles-appointed',
    label: {
      en: 'Roles filled by a current appointment',
      nl: 'Rollen bezet door een actuele benoeming',
      da: 'Roller besat af en aktuel udnævnelse',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 100,
    link: '/roles',
    evaluate: share(
      (
        w,
      ) => sql`select exists (select 1 from appointments a where a.role_id = r.id and a.starts_on <= ${dayAt(w)}
                                  and (a.ends_on is null or a.ends_on >= ${dayAt(w)})) as ok,
                        (select max(a.created_at) from appointments a
                          where a.role_id = r.id and a.created_at <= ${atTime(w)}) as d
                   from sms_roles r where not r.retired and r.created_at <= ${atTime(w)}`,
    ),
  },
  {
    key: 'risks-reviewed',
    label: {
      en: 'Open risks and opportunities within their review date',
      nl: "Open risico's en kansen binnen hun reviewdatum",
      da: 'Åbne risici og muligheder inden for deres revisionsdato',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 100,
    link: '/risks',
    evaluate: share(
      (w) => sql`select review_due >= ${dayAt(w)} as ok, least(updated_at, ${atTime(w)}) as d
                   from risks where status = 'open' and created_at <= ${atTime(w)}`,
    ),
  },
  {
    key: 'objectives-measured',
    label: {
      en: 'Objectives measured in the period (by KPI, a recorded value or a review)',
      nl: 'Doelstellingen gemeten in de periode (via KPI, vastgelegde waarde of beoordeling)',
      da: 'Mål målt i perioden (via KPI, registreret værdi eller evaluering)',
    },
    measure: 'share',
    maxAgeDays: 92,
    minCount: 100,
    link: '/objectives',
    evaluate: objectivesMeasured,
  },
  {
    key: 'plan-approved',
    label: {
      en: 'Service management plan versions approved and published',
      nl: 'Versies van het servicemanagementplan goedgekeurd en gepubliceerd',
      da: 'Versioner af servicestyringsplanen godkendt og offentliggjort',
    },
    measure: 'records',
    maxAgeDays: 365,
    minCount: 1,
    link: '/plan',
    evaluate: records(
      sql`policy_versions v join policies p on p.id = v.policy_id
          where p.kind = 'plan' and v.state in ('published', 'superseded')`,
      sql`v.published_at`,
    ),
  },
  {
    key: 'competence-recorded',
    label: {
      en: 'Competences required by current appointments that their holders hold',
      nl: 'Competenties vereist door actuele benoemingen die de houders bezitten',
      da: 'Kompetencer krævet af aktuelle udnævnelser, som indehaverne har',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 100,
    link: '/roles',
    evaluate: share(
      (w) => sql`select exists (select 1 from competence_records c where c.user_id = n.user_id
                                  and lower(c.competence) = lower(n.competence) and c.achieved_on <= ${dayAt(w)}
                                  and (c.expires_on is null or c.expires_on >= ${dayAt(w)})) as ok,
                        (select max(c.created_at) from competence_records c
                          where c.user_id = n.user_id and c.created_at <= ${atTime(w)}) as d
                   from (select a.user_id, unnest(r.competences) as competence
                           from appointments a join sms_roles r on r.id = a.role_id
                          where not r.retired and a.starts_on <= ${dayAt(w)}
                            and (a.ends_on is null or a.ends_on >= ${dayAt(w)})) n`,
    ),
  },
  {
    key: 'communications-sent',
    label: {
      en: 'Planned communications carried out',
      nl: 'Geplande communicaties uitgevoerd',
      da: 'Planlagte meddelelser gennemført',
    },
    measure: 'records',
    maxAgeDays: 92,
    minCount: 1,
    link: '/communication',
    evaluate: records(sql`communication_tasks`, sql`done_at`),
  },
  {
    key: 'documents-reviewed',
    label: {
      en: 'Governance documents in force within their review date',
      nl: 'Geldende governancedocumenten binnen hun reviewdatum',
      da: 'Gældende styringsdokumenter inden for deres revisionsdato',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 100,
    link: '/policies',
    evaluate: share(
      (
        w,
      ) => sql`select distinct on (v.policy_id) (v.review_due is null or v.review_due >= ${atTime(w)}) as ok,
                        v.published_at as d
                   from policy_versions v
                  where v.state in ('published', 'superseded') and v.published_at <= ${atTime(w)}
                    and (v.ended_at is null or v.ended_at > ${atTime(w)})
                  order by v.policy_id, v.published_at desc`,
    ),
  },
  {
    key: 'knowledge-reviewed',
    label: {
      en: 'Published knowledge articles within their review date',
      nl: 'Gepubliceerde kennisartikelen binnen hun reviewdatum',
      da: 'Offentliggjorte vidensartikler inden for deres revisionsdato',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 90,
    link: '/knowledge',
    evaluate: share(
      (
        w,
      ) => sql`select (review_by is null or review_by >= ${dayAt(w)}) as ok, least(updated_at, ${atTime(w)}) as d
                   from articles where state = 'published' and published_at <= ${atTime(w)}`,
    ),
  },
];
