import { sql } from 'drizzle-orm';
import { atTime, dayAt, type EvidenceRule, records, share } from './types.ts';

/** Evidence rules for clauses 9 and 10: audits, management review, service reports, NCs, improvements. */
export const reviewRules: EvidenceRule[] = [
  {
    key: 'internal-audits',
    label: {
      en: 'Internal audits completed (report approved)',
      nl: 'Interne audits afgerond (rapport goedgekeurd)',
      da: 'Interne audits gennemført (rapport godkendt)',
    },
    measure: 'records',
    maxAgeDays: 365,
    minCount: 1,
    link: '/internal-audits',
    evaluate: records(sql`audits where state = 'completed'`, sql`approved_at`),
  },
  {
    key: 'audit-programme-coverage',
    label: {
      en: 'Processes covered by the approved audit programme of the current cycle',
      nl: 'Processen gedekt door het goedgekeurde auditprogramma van de huidige cyclus',
      da: 'Processer dækket af det godkendte auditprogram for den aktuelle cyklus',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 100,
    link: '/internal-audits',
    // covered: an audit of an approved programme whose cycle holds `at` names the process and had started by
    // `at` (an audit merely planned covers nothing yet), and is not cancelled
    evaluate: share(
      (w) => sql`select exists (select 1 from audits a join audit_programmes g on g.id = a.programme_id
                                 where g.approved_at <= ${atTime(w)} and g.cycle_start <= ${dayAt(w)}
                                   and g.cycle_end >= ${dayAt(w)} and a.state <> 'cancelled'
                                   and a.started_at <= ${atTime(w)}
                                   and lower(p.key) = any (select lower(k) from unnest(a.scope_processes) k)) as ok,
                        (select max(g.approved_at) from audit_programmes g
                          where g.approved_at <= ${atTime(w)} and g.cycle_start <= ${dayAt(w)}
                            and g.cycle_end >= ${dayAt(w)}) as d
                   from sms_processes p where p.created_at <= ${atTime(w)}`,
    ),
  },
  {
    key: 'management-review',
    label: {
      en: 'Management reviews held and their minutes approved',
      nl: 'Directiebeoordelingen gehouden en notulen goedgekeurd',
      da: 'Ledelsesevalueringer afholdt og referat godkendt',
    },
    measure: 'records',
    maxAgeDays: 365,
    minCount: 1,
    link: '/management-reviews',
    // dated by the meeting (held_at) but counted only once its minutes were approved by `at`
    evaluate: records(
      sql`management_reviews where state = 'approved'`,
      (w) => sql`case when approved_at <= ${atTime(w)} then held_at end`,
    ),
  },
  {
    key: 'reports-distributed',
    label: {
      en: 'Service reports sent to their recipients',
      nl: 'Servicerapportages verstuurd aan de ontvangers',
      da: 'Servicerapporter sendt til modtagerne',
    },
    measure: 'records',
    maxAgeDays: 92,
    minCount: 1,
    link: '/reports',
    evaluate: records(sql`report_distributions where status = 'sent'`, sql`sent_at`),
  },
  {
    key: 'nonconformities-closed',
    label: {
      en: 'Nonconformities closed after an effective effectiveness check',
      nl: 'Afwijkingen gesloten na een positieve effectiviteitscontrole',
      da: 'Afvigelser lukket efter en positiv effektivitetskontrol',
    },
    measure: 'records',
    maxAgeDays: 365,
    minCount: 1,
    link: '/nonconformities',
    evaluate: records(sql`nonconformities where effectiveness = 'effective'`, sql`closed_at`),
  },
  {
    key: 'improvements-realised',
    label: {
      en: 'Improvements approved or realised',
      nl: 'Verbeteringen goedgekeurd of gerealiseerd',
      da: 'Forbedringer godkendt eller gennemført',
    },
    measure: 'records',
    maxAgeDays: 365,
    minCount: 1,
    link: '/improvements',
    // one record per improvement (a realised one was approved too), dated by its latest step up to `at`
    evaluate: records(
      sql`improvements where state in ('approved', 'in_progress', 'realised')`,
      (
        w,
      ) => sql`(select max(x) from (values (decided_at), (case when state = 'realised' then realised_at end)) s(x)
                   where x <= ${atTime(w)})`,
    ),
  },
];
