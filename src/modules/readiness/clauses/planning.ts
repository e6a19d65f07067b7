import type { Clause } from './types.ts';

/** Clauses 6 (planning) and 7 (support), paraphrased in our own words. */
export const clausesOf6and7: Clause[] = [
  {
    number: '6.1',
    group: '6',
    title: { en: 'Risks and opportunities', nl: "Risico's en kansen", da: 'Risici og muligheder' },
    description: {
      en: 'Decide the risk criteria, find the risks and opportunities for the system and the services, and treat them.',
      nl: "Bepaal de risicocriteria, breng risico's en kansen voor systeem en diensten in kaart en behandel ze.",
      da: 'Fastlæg risikokriterierne, find risici og muligheder for systemet og ydelserne, og håndter dem.',
    },
    processes: [],
    questions: [
      {
        en: 'Are risk acceptance criteria set, and are risks above them treated?',
        nl: "Zijn acceptatiecriteria voor risico's vastgesteld, en worden risico's daarboven behandeld?",
        da: 'Er der fastsat acceptkriterier for risici, og håndteres risici over dem?',
      },
      {
        en: 'When was each risk last reviewed by its owner?',
        nl: 'Wanneer is elk risico voor het laatst door de eigenaar beoordeeld?',
        da: 'Hvornår blev hver risiko sidst gennemgået af sin ejer?',
      },
      {
        en: 'How is the effectiveness of treatment actions evaluated?',
        nl: 'Hoe wordt de effectiviteit van behandelmaatregelen beoordeeld?',
        da: 'Hvordan vurderes effekten af håndteringstiltag?',
      },
    ],
    rules: ['risks-reviewed'],
  },
  {
    number: '6.2',
    group: '6',
    title: {
      en: 'Objectives and plans to achieve them',
      nl: 'Doelstellingen en plannen om ze te halen',
      da: 'Mål og planer for at nå dem',
    },
    description: {
      en: 'Set measurable objectives and plan what will be done, by whom, with what, by when and how results are evaluated.',
      nl: 'Stel meetbare doelstellingen en plan wat er gebeurt, door wie, met welke middelen, wanneer en hoe resultaten worden beoordeeld.',
      da: 'Sæt målbare mål og planlæg, hvad der gøres, af hvem, med hvilke ressourcer, hvornår og hvordan resultater vurderes.',
    },
    processes: [],
    questions: [
      {
        en: 'Is every objective measurable, owned and measured this period?',
        nl: 'Is elke doelstelling meetbaar, belegd en deze periode gemeten?',
        da: 'Er hvert mål målbart, har en ejer og er målt i denne periode?',
      },
      {
        en: 'What happens when an objective is off target?',
        nl: 'Wat gebeurt er als een doelstelling niet op koers ligt?',
        da: 'Hvad sker der, når et mål ikke er på sporet?',
      },
    ],
    rules: ['objectives-measured'],
  },
  {
    number: '6.3',
    group: '6',
    title: { en: 'Service management plan', nl: 'Servicemanagementplan', da: 'Servicestyringsplan' },
    description: {
      en: 'Keep an approved plan covering objectives, requirements, limits, obligations, authorities, resources, other parties, technology and how the system is measured and improved.',
      nl: 'Houd een goedgekeurd plan bij met doelstellingen, eisen, beperkingen, verplichtingen, bevoegdheden, middelen, andere partijen, technologie en hoe het systeem wordt gemeten en verbeterd.',
      da: 'Hav en godkendt plan, der dækker mål, krav, begrænsninger, forpligtelser, beføjelser, ressourcer, andre parter, teknologi og hvordan systemet måles og forbedres.',
    },
    processes: [],
    questions: [
      {
        en: 'Is the current plan version approved, and when was it last updated?',
        nl: 'Is de huidige planversie goedgekeurd, en wanneer is hij voor het laatst bijgewerkt?',
        da: 'Er den gældende planversion godkendt, og hvornår blev den sidst opdateret?',
      },
      {
        en: 'Does the plan say how the system will be measured, audited and improved?',
        nl: 'Zegt het plan hoe het systeem wordt gemeten, geaudit en verbeterd?',
        da: 'Siger planen, hvordan systemet måles, auditeres og forbedres?',
      },
    ],
    rules: ['plan-approved'],
  },
  {
    number: '7.1',
    group: '7',
    title: { en: 'Resources', nl: 'Middelen', da: 'Ressourcer' },
    description: {
      en: 'Provide the people, technology and money the system and the services need.',
      nl: 'Zorg voor de mensen, technologie en middelen die het systeem en de diensten nodig hebben.',
      da: 'Stil de mennesker, den teknologi og de midler til rådighed, som systemet og ydelserne kræver.',
    },
    processes: [],
    questions: [
      {
        en: 'Are the roles the processes need staffed, and are vacancies known?',
        nl: 'Zijn de rollen die de processen nodig hebben bezet, en zijn vacatures bekend?',
        da: 'Er de roller, processerne kræver, besat, og kendes ledige stillinger?',
      },
      {
        en: 'How is resource adequacy reported to management review?',
        nl: 'Hoe wordt de toereikendheid van middelen gerapporteerd aan de directiebeoordeling?',
        da: 'Hvordan rapporteres ressourcernes tilstrækkelighed til ledelsens evaluering?',
      },
    ],
    rules: ['roles-appointed'],
  },
  {
    number: '7.2',
    group: '7',
    title: { en: 'Competence', nl: 'Competentie', da: 'Kompetence' },
    description: {
      en: 'Decide the competence each role needs, make sure people have it, and keep evidence of it.',
      nl: 'Bepaal welke competentie elke rol vraagt, zorg dat mensen die hebben en bewaar het bewijs.',
      da: 'Fastlæg den kompetence, hver rolle kræver, sørg for at folk har den, og opbevar dokumentation.',
    },
    processes: [],
    questions: [
      {
        en: 'Which competences does each role require, and who lacks one?',
        nl: 'Welke competenties vraagt elke rol, en wie mist er een?',
        da: 'Hvilke kompetencer kræver hver rolle, og hvem mangler en?',
      },
      {
        en: 'Where are training and certificates recorded?',
        nl: 'Waar worden trainingen en certificaten vastgelegd?',
        da: 'Hvor registreres uddannelse og certifikater?',
      },
    ],
    rules: ['competence-recorded'],
  },
  {
    number: '7.3',
    group: '7',
    title: { en: 'Awareness', nl: 'Bewustzijn', da: 'Bevidsthed' },
    description: {
      en: 'People know the policy, the objectives that concern them, their contribution and what failing to conform means.',
      nl: 'Mensen kennen het beleid, de doelstellingen die hen raken, hun bijdrage en wat niet-conformiteit betekent.',
      da: 'Medarbejdere kender politikken, de mål der vedrører dem, deres bidrag og hvad manglende overensstemmelse betyder.',
    },
    processes: [],
    questions: [
      {
        en: 'How do staff show they know the policy and the objectives relevant to them?',
        nl: 'Hoe tonen medewerkers aan dat zij het beleid en de voor hen relevante doelstellingen kennen?',
        da: 'Hvordan viser medarbejderne, at de kender politikken og de mål, der er relevante for dem?',
      },
      {
        en: 'Are new staff made aware before they work on the services?',
        nl: 'Worden nieuwe medewerkers bewust gemaakt voordat zij aan de diensten werken?',
        da: 'Gøres nye medarbejdere bevidste, før de arbejder med ydelserne?',
      },
    ],
    rules: ['policy-acknowledged'],
  },
  {
    number: '7.4',
    group: '7',
    title: { en: 'Communication', nl: 'Communicatie', da: 'Kommunikation' },
    description: {
      en: 'Decide what is communicated about the system and the services, when, to whom and by whom, and do it.',
      nl: 'Bepaal wat er over het systeem en de diensten wordt gecommuniceerd, wanneer, aan wie en door wie, en doe het.',
      da: 'Beslut, hvad der kommunikeres om systemet og ydelserne, hvornår, til hvem og af hvem, og gør det.',
    },
    processes: [],
    questions: [
      {
        en: 'Is there a communication plan, and were its planned communications sent?',
        nl: 'Is er een communicatieplan, en zijn de geplande communicaties verstuurd?',
        da: 'Findes der en kommunikationsplan, og blev de planlagte meddelelser sendt?',
      },
      {
        en: 'Who is responsible for each communication?',
        nl: 'Wie is verantwoordelijk voor elke communicatie?',
        da: 'Hvem er ansvarlig for hver meddelelse?',
      },
    ],
    rules: ['communications-sent'],
  },
  {
    number: '7.5',
    group: '7',
    title: { en: 'Documented information', nl: 'Gedocumenteerde informatie', da: 'Dokumenteret information' },
    description: {
      en: 'Identify, version, approve, review, protect and retain the documents and records the system needs.',
      nl: 'Identificeer, versioneer, keur goed, beoordeel, bescherm en bewaar de documenten en registraties die het systeem nodig heeft.',
      da: 'Identificer, versionsstyr, godkend, gennemgå, beskyt og opbevar de dokumenter og registreringer, systemet kræver.',
    },
    processes: [],
    questions: [
      {
        en: 'Are all governance documents approved and within their review date?',
        nl: 'Zijn alle governancedocumenten goedgekeurd en binnen hun reviewdatum?',
        da: 'Er alle styringsdokumenter godkendt og inden for deres revisionsdato?',
      },
      {
        en: 'How is access to documents controlled, and how long are records kept?',
        nl: 'Hoe wordt toegang tot documenten beheerst, en hoe lang worden registraties bewaard?',
        da: 'Hvordan styres adgang til dokumenter, og hvor længe opbevares registreringer?',
      },
    ],
    rules: ['documents-reviewed'],
  },
  {
    number: '7.6',
    group: '7',
    title: { en: 'Knowledge', nl: 'Kennis', da: 'Viden' },
    description: {
      en: 'Keep the knowledge needed to run the system and deliver the services, current and findable.',
      nl: 'Houd de kennis die nodig is om het systeem te voeren en de diensten te leveren actueel en vindbaar.',
      da: 'Hold den viden, der kræves for at drive systemet og levere ydelserne, aktuel og let at finde.',
    },
    processes: ['knowledge'],
    questions: [
      {
        en: 'Are knowledge articles reviewed by their review date?',
        nl: 'Worden kennisartikelen uiterlijk op hun reviewdatum beoordeeld?',
        da: 'Gennemgås vidensartikler senest på deres revisionsdato?',
      },
      {
        en: 'How do agents and customers find the knowledge they need?',
        nl: 'Hoe vinden medewerkers en klanten de kennis die zij nodig hebben?',
        da: 'Hvordan finder medarbejdere og kunder den viden, de har brug for?',
      },
    ],
    rules: ['knowledge-reviewed'],
  },
];
