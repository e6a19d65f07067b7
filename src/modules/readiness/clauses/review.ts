import type { Clause } from './types.ts';

/** Clauses 9 (performance evaluation) and 10 (improvement), paraphrased in our own words. */
export const clausesOf9and10: Clause[] = [
  {
    number: '9.1',
    group: '9',
    title: {
      en: 'Monitoring, measurement, analysis and evaluation',
      nl: 'Monitoren, meten, analyseren en evalueren',
      da: 'Overvågning, måling, analyse og evaluering',
    },
    description: {
      en: 'Decide what is measured, how and when, and evaluate the results.',
      nl: 'Bepaal wat er wordt gemeten, hoe en wanneer, en evalueer de resultaten.',
      da: 'Beslut, hvad der måles, hvordan og hvornår, og evaluer resultaterne.',
    },
    processes: [],
    questions: [
      {
        en: 'Which measurements are defined, and who analyses them and when?',
        nl: 'Welke metingen zijn gedefinieerd, en wie analyseert ze en wanneer?',
        da: 'Hvilke målinger er defineret, og hvem analyserer dem og hvornår?',
      },
      {
        en: 'Were the measurements taken as planned this period?',
        nl: 'Zijn de metingen deze periode volgens plan uitgevoerd?',
        da: 'Blev målingerne foretaget som planlagt i denne periode?',
      },
    ],
    rules: ['objectives-measured'],
  },
  {
    number: '9.2',
    group: '9',
    title: { en: 'Internal audit', nl: 'Interne audit', da: 'Intern audit' },
    description: {
      en: 'Run an audit programme covering every clause and process, with impartial auditors, and report the results.',
      nl: 'Voer een auditprogramma uit dat elke clausule en elk proces dekt, met onpartijdige auditors, en rapporteer de resultaten.',
      da: 'Gennemfør et auditprogram, der dækker alle afsnit og processer, med upartiske auditorer, og rapportér resultaterne.',
    },
    processes: [],
    questions: [
      {
        en: 'Does the programme cover every clause and process within its cycle?',
        nl: 'Dekt het programma elke clausule en elk proces binnen de cyclus?',
        da: 'Dækker programmet alle afsnit og processer inden for cyklussen?',
      },
      {
        en: 'Were the auditors independent of the processes they audited?',
        nl: 'Waren de auditors onafhankelijk van de processen die zij auditten?',
        da: 'Var auditorerne uafhængige af de processer, de auditerede?',
      },
      {
        en: 'Were audit results reported to the responsible managers?',
        nl: 'Zijn auditresultaten gerapporteerd aan de verantwoordelijke managers?',
        da: 'Blev auditresultaterne rapporteret til de ansvarlige ledere?',
      },
    ],
    rules: ['internal-audits', 'audit-programme-coverage'],
  },
  {
    number: '9.3',
    group: '9',
    title: { en: 'Management review', nl: 'Directiebeoordeling', da: 'Ledelsens evaluering' },
    description: {
      en: 'Top management reviews the system at planned intervals with the inputs the standard lists, and records decisions and actions.',
      nl: 'Het topmanagement beoordeelt het systeem met geplande tussenpozen met de voorgeschreven inputs, en legt besluiten en acties vast.',
      da: 'Topledelsen evaluerer systemet med planlagte mellemrum ud fra de foreskrevne input og registrerer beslutninger og handlinger.',
    },
    processes: [],
    questions: [
      {
        en: 'When was the last management review, and did it consider every required input?',
        nl: 'Wanneer was de laatste directiebeoordeling, en zijn alle vereiste inputs behandeld?',
        da: 'Hvornår var den seneste ledelsesevaluering, og blev alle krævede input behandlet?',
      },
      {
        en: 'Are the decisions and actions of the review recorded and followed up?',
        nl: 'Zijn de besluiten en acties van de beoordeling vastgelegd en opgevolgd?',
        da: 'Er evalueringens beslutninger og handlinger registreret og fulgt op?',
      },
    ],
    rules: ['management-review'],
  },
  {
    number: '9.4',
    group: '9',
    title: { en: 'Service reporting', nl: 'Servicerapportage', da: 'Servicerapportering' },
    description: {
      en: 'Produce the agreed reports on service performance and trends, and act on what they show.',
      nl: 'Maak de afgesproken rapportages over prestaties en trends van diensten, en handel naar wat zij laten zien.',
      da: 'Udarbejd de aftalte rapporter om ydelsernes præstation og tendenser, og handl på det, de viser.',
    },
    processes: ['service-level'],
    questions: [
      {
        en: 'Which service reports are defined, for whom and how often?',
        nl: 'Welke servicerapportages zijn gedefinieerd, voor wie en hoe vaak?',
        da: 'Hvilke servicerapporter er defineret, til hvem og hvor ofte?',
      },
      {
        en: 'Were the reports delivered each period to their recipients?',
        nl: 'Zijn de rapportages elke periode aan de ontvangers geleverd?',
        da: 'Blev rapporterne leveret til modtagerne hver periode?',
      },
      {
        en: 'Which decisions were taken on the basis of the reports?',
        nl: 'Welke besluiten zijn op basis van de rapportages genomen?',
        da: 'Hvilke beslutninger blev truffet på grundlag af rapporterne?',
      },
    ],
    rules: ['reports-distributed'],
  },
  {
    number: '10.1',
    group: '10',
    title: {
      en: 'Nonconformity and corrective action',
      nl: 'Afwijking en corrigerende maatregel',
      da: 'Afvigelse og korrigerende handling',
    },
    description: {
      en: 'Contain and correct each nonconformity, find its cause, check for similar ones, act, and verify the action worked.',
      nl: 'Beperk en corrigeer elke afwijking, vind de oorzaak, zoek naar vergelijkbare, neem maatregelen en controleer of ze werkten.',
      da: 'Begræns og ret hver afvigelse, find årsagen, undersøg lignende tilfælde, handl, og kontrollér at handlingen virkede.',
    },
    processes: [],
    questions: [
      {
        en: 'Was the root cause of each nonconformity analysed?',
        nl: 'Is van elke afwijking de grondoorzaak geanalyseerd?',
        da: 'Blev grundårsagen til hver afvigelse analyseret?',
      },
      {
        en: 'Were corrective actions completed on time and checked for effectiveness?',
        nl: 'Zijn corrigerende maatregelen op tijd afgerond en op effectiviteit gecontroleerd?',
        da: 'Blev korrigerende handlinger gennemført til tiden og kontrolleret for effekt?',
      },
    ],
    rules: ['nonconformities-closed'],
  },
  {
    number: '10.2',
    group: '10',
    title: { en: 'Continual improvement', nl: 'Continue verbetering', da: 'Løbende forbedring' },
    description: {
      en: 'Evaluate improvement opportunities against set criteria, approve and plan them, and measure what they achieved.',
      nl: 'Beoordeel verbeterkansen tegen vastgestelde criteria, keur ze goed en plan ze, en meet wat ze opleverden.',
      da: 'Vurder forbedringsmuligheder efter fastsatte kriterier, godkend og planlæg dem, og mål hvad de opnåede.',
    },
    processes: [],
    questions: [
      {
        en: 'Which criteria are improvements evaluated against?',
        nl: 'Tegen welke criteria worden verbeteringen beoordeeld?',
        da: 'Hvilke kriterier vurderes forbedringer efter?',
      },
      {
        en: 'Were the benefits of realised improvements measured against their targets?',
        nl: 'Zijn de baten van gerealiseerde verbeteringen gemeten tegen hun doelen?',
        da: 'Blev gevinsterne ved gennemførte forbedringer målt mod deres mål?',
      },
    ],
    rules: ['improvements-realised'],
  },
];
