import { sql } from 'drizzle-orm';
import { atTime, dayAt, type EvidenceRule, nothing, records, share } from './types.ts';

/** A process Keel does not run yet: the rule finds nothing and the clause shows "missing", honestly. */
const notRun = (key: string, label: EvidenceRule['label']): EvidenceRule => ({
  key,
  label,
  measure: 'records',
  maxAgeDays: 365,
  minCount: 1,
  notRun: true,
  link: null,
  evaluate: nothing,
});

/** Evidence rules for clause 8: the services, the agreements and the daily work that delivers them. */
export const operationRules: EvidenceRule[] = [
  {
    key: 'process-criteria',
    label: {
      en: 'Processes with criteria and KPIs',
      nl: "Processen met criteria en KPI's",
      da: "Processer med kriterier og KPI'er",
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 100,
    link: '/processes',
    evaluate: share(
      (w) => sql`select (criteria <> '' and cardinality(kpis) > 0) as ok, least(updated_at, ${atTime(w)}) as d
                   from sms_processes where created_at <= ${atTime(w)}`,
    ),
  },
  {
    key: 'services-planned',
    label: {
      en: 'Live services with requirements and dependencies recorded',
      nl: 'Live diensten met vastgelegde eisen en afhankelijkheden',
      da: 'Aktive ydelser med registrerede krav og afhængigheder',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 100,
    link: '/services',
    evaluate: share(
      (w) => sql`select (s.requirements <> '' and exists (select 1 from ci_relationships r
                           where r.source_id = s.ci_id or r.target_id = s.ci_id)) as ok,
                        least(s.updated_at, ${atTime(w)}) as d
                   from services s where s.status = 'live' and s.created_at <= ${atTime(w)}`,
    ),
  },
  notRun('parties-controlled', {
    en: 'Register of other parties in the service lifecycle',
    nl: 'Register van andere partijen in de levenscyclus van diensten',
    da: 'Register over andre parter i ydelsernes livscyklus',
  }),
  {
    key: 'catalogue-published',
    label: {
      en: 'Live business services published in the catalogue',
      nl: 'Live bedrijfsdiensten gepubliceerd in de catalogus',
      da: 'Aktive forretningsydelser offentliggjort i kataloget',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 100,
    link: '/services',
    evaluate: share(
      (w) => sql`select published as ok, least(updated_at, ${atTime(w)}) as d
                   from services where status = 'live' and kind = 'business' and created_at <= ${atTime(w)}`,
    ),
  },
  {
    key: 'assets-registered',
    label: {
      en: 'Configuration items in use with an owner',
      nl: 'Configuratie-items in gebruik met een eigenaar',
      da: 'Konfigurationselementer i brug med en ejer',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 90,
    link: '/cis',
    // in use: live or under maintenance (cmdb's ciStatuses); one planned or being built is not yet an asset
    evaluate: share(
      (w) => sql`select owner_id is not null as ok, least(updated_at, ${atTime(w)}) as d
                   from cis where status in ('live', 'under_maintenance') and created_at <= ${atTime(w)}`,
    ),
  },
  {
    key: 'cmdb-verified',
    label: {
      en: 'Configuration verification audits completed',
      nl: 'Verificatie-audits van de configuratie afgerond',
      da: 'Verifikationsaudits af konfigurationen gennemført',
    },
    measure: 'records',
    maxAgeDays: 365,
    minCount: 1,
    link: '/cmdb/audits',
    evaluate: records(sql`ci_audits where state = 'completed'`, sql`completed_at`),
  },
  {
    key: 'customer-ratings',
    label: {
      en: 'Customer satisfaction ratings on work items',
      nl: 'Tevredenheidsbeoordelingen van klanten op werkitems',
      da: 'Kunders tilfredshedsvurderinger af sager',
    },
    measure: 'records',
    maxAgeDays: 92,
    minCount: 1,
    link: '/work-items',
    evaluate: records(sql`work_item_ratings`, sql`rated_at`),
  },
  notRun('satisfaction-surveys', {
    en: 'Satisfaction surveys on a representative sample, and complaints',
    nl: 'Tevredenheidsonderzoeken op een representatieve steekproef, en klachten',
    da: 'Tilfredshedsundersøgelser på et repræsentativt udsnit, og klager',
  }),
  {
    key: 'agreements-in-force',
    label: {
      en: 'Live business services covered by a service level agreement in force',
      nl: 'Live bedrijfsdiensten gedekt door een geldende service level agreement',
      da: 'Aktive forretningsydelser dækket af en gældende serviceniveauaftale',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 100,
    link: '/agreements',
    evaluate: share(
      (w) => sql`select exists (select 1 from agreements a join agreement_services x on x.agreement_id = a.id
                                 where x.service_id = s.id and a.kind = 'sla' and a.status = 'active'
                                   and (a.valid_from is null or a.valid_from <= ${dayAt(w)})
                                   and (a.valid_to is null or a.valid_to >= ${dayAt(w)})) as ok,
                        (select max(least(a.updated_at, ${atTime(w)})) from agreements a
                           join agreement_services x on x.agreement_id = a.id where x.service_id = s.id) as d
                   from services s
                  where s.status = 'live' and s.kind = 'business' and s.created_at <= ${atTime(w)}`,
    ),
  },
  {
    key: 'underpinning-agreements',
    label: {
      en: 'Underpinning contracts and operational level agreements in force',
      nl: 'Geldende onderliggende contracten en operational level agreements',
      da: 'Gældende underliggende kontrakter og driftsniveauaftaler',
    },
    measure: 'share',
    maxAgeDays: 365,
    minCount: 100,
    link: '/agreements',
    evaluate: share(
      (w) => sql`select (a.status = 'active' and (a.valid_from is null or a.valid_from <= ${dayAt(w)})
                         and (a.valid_to is null or a.valid_to >= ${dayAt(w)})) as ok,
                        least(a.updated_at, ${atTime(w)}) as d
                   from agreements a
                  where a.kind in ('underpinning_contract', 'ola') and a.status <> 'draft'
                    and a.created_at <= ${atTime(w)}`,
    ),
  },
  notRun('supplier-reviews', {
    en: 'Supplier performance reviews and disputes',
    nl: 'Beoordelingen van leveranciersprestaties en geschillen',
    da: 'Evalueringer af leverandørers præstation og tvister',
  }),
  notRun('budgets', {
    en: 'Budgets and actual costs per service',
    nl: 'Budgetten en werkelijke kosten per dienst',
    da: 'Budgetter og faktiske omkostninger pr. ydelse',
  }),
  notRun('demand-forecasts', {
    en: 'Demand forecasts',
    nl: 'Vraagvoorspellingen',
    da: 'Efterspørgselsprognoser',
  }),
  notRun('capacity-plans', {
    en: 'Capacity plans and utilisation records',
    nl: 'Capaciteitsplannen en gebruiksregistraties',
    da: 'Kapacitetsplaner og udnyttelsesregistreringer',
  }),
  {
    key: 'changes-reviewed',
    label: {
      en: 'Changes reviewed after implementation',
      nl: 'Changes geëvalueerd na uitvoering',
      da: 'Ændringer evalueret efter implementering',
    },
    measure: 'records',
    maxAgeDays: 92,
    minCount: 1,
    link: '/changes',
    evaluate: records(sql`changes`, sql`implemented_at`),
  },
  notRun('service-transitions', {
    en: 'Service design packages and transition acceptance',
    nl: 'Ontwerppakketten en acceptatie van transities',
    da: 'Designpakker og accept af overgange',
  }),
  notRun('releases', {
    en: 'Releases and deployment records',
    nl: 'Releases en deploymentregistraties',
    da: 'Releases og udrulningsregistreringer',
  }),
  {
    key: 'incidents-resolved',
    label: { en: 'Incidents resolved', nl: 'Incidenten opgelost', da: 'Hændelser løst' },
    measure: 'records',
    maxAgeDays: 92,
    minCount: 1,
    link: '/work-items?queue=all',
    evaluate: records(sql`incidents`, sql`resolved_at`),
  },
  {
    key: 'requests-fulfilled',
    label: {
      en: 'Service requests fulfilled',
      nl: 'Serviceverzoeken vervuld',
      da: 'Serviceanmodninger opfyldt',
    },
    measure: 'records',
    maxAgeDays: 92,
    minCount: 1,
    link: '/work-items?queue=all',
    evaluate: records(sql`requests`, sql`fulfilled_at`),
  },
  {
    key: 'problems-analysed',
    label: {
      en: 'Problems analysed to a known error or resolved',
      nl: 'Problemen geanalyseerd tot bekende fout of opgelost',
      da: 'Problemer analyseret til kendt fejl eller løst',
    },
    measure: 'records',
    maxAgeDays: 182,
    minCount: 1,
    link: '/problems',
    evaluate: records(sql`problems`, sql`coalesce(known_error_at, resolved_at)`),
  },
  notRun('availability-monitored', {
    en: 'Availability measured against targets, outages investigated',
    nl: 'Beschikbaarheid gemeten tegen doelen, uitval onderzocht',
    da: 'Tilgængelighed målt mod mål, nedbrud undersøgt',
  }),
  notRun('continuity-tested', {
    en: 'Continuity plans and their tests',
    nl: 'Continuïteitsplannen en hun tests',
    da: 'Kontinuitetsplaner og deres test',
  }),
  notRun('security-controls', {
    en: 'Information security controls and their effectiveness',
    nl: 'Informatiebeveiligingsmaatregelen en hun effectiviteit',
    da: 'Informationssikkerhedsforanstaltninger og deres effekt',
  }),
];
