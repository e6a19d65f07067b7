import type { Clause } from './types.ts';

/** Clauses 8.5 (design, build, transition), 8.6 (resolution, fulfilment) and 8.7 (assurance), in our words. */
export const clausesOf85to87: Clause[] = [
  {
    number: '8.5.1',
    group: '8',
    title: { en: 'Change management', nl: 'Changemanagement', da: 'Ændringsstyring' },
    description: {
      en: 'Record and classify every change, assess its risk and impact, have it approved by the right authority, schedule it, be able to back it out, and review it.',
      nl: 'Registreer en classificeer elke change, beoordeel risico en impact, laat hem goedkeuren door de juiste autoriteit, plan hem, zorg dat hij terug te draaien is, en evalueer hem.',
      da: 'Registrer og klassificér hver ændring, vurder risiko og påvirkning, få den godkendt af rette myndighed, planlæg den, kunne rulle den tilbage, og evaluer den.',
    },
    processes: ['change'],
    questions: [
      {
        en: 'Is there a change policy that defines the change types, including emergency changes?',
        nl: 'Is er een changebeleid dat de soorten changes definieert, ook spoedchanges?',
        da: 'Findes der en ændringspolitik, der definerer ændringstyperne, herunder nødændringer?',
      },
      {
        en: 'Was each normal change in the sample assessed and approved before it was implemented?',
        nl: 'Is elke normale change in de steekproef beoordeeld en goedgekeurd vóór de uitvoering?',
        da: 'Blev hver normal ændring i stikprøven vurderet og godkendt før implementering?',
      },
      {
        en: 'Are changes reviewed after implementation, and failed ones followed up?',
        nl: 'Worden changes na uitvoering geëvalueerd, en mislukte opgevolgd?',
        da: 'Evalueres ændringer efter implementering, og følges mislykkede op?',
      },
    ],
    rules: ['changes-reviewed'],
  },
  {
    number: '8.5.2',
    group: '8',
    title: {
      en: 'Service design and transition',
      nl: 'Ontwerp en transitie van diensten',
      da: 'Design og overgang af ydelser',
    },
    description: {
      en: 'Plan, design, build and hand over new or changed services against agreed acceptance criteria.',
      nl: 'Plan, ontwerp, bouw en draag nieuwe of gewijzigde diensten over tegen afgesproken acceptatiecriteria.',
      da: 'Planlæg, design, byg og overdrag nye eller ændrede ydelser efter aftalte acceptkriterier.',
    },
    processes: ['service-design'],
    questions: [
      {
        en: 'Which new or changed services were transitioned, and against which acceptance criteria?',
        nl: 'Welke nieuwe of gewijzigde diensten zijn in gebruik genomen, en tegen welke acceptatiecriteria?',
        da: 'Hvilke nye eller ændrede ydelser blev overdraget, og efter hvilke acceptkriterier?',
      },
      {
        en: 'Were the expected outcomes checked after transition?',
        nl: 'Zijn de verwachte resultaten na de transitie gecontroleerd?',
        da: 'Blev de forventede resultater kontrolleret efter overgangen?',
      },
    ],
    rules: ['service-transitions'],
  },
  {
    number: '8.5.3',
    group: '8',
    title: {
      en: 'Release and deployment management',
      nl: 'Release- en deploymentmanagement',
      da: 'Release- og udrulningsstyring',
    },
    description: {
      en: 'Plan releases with change management, accept them before deployment, and analyse whether they succeeded.',
      nl: 'Plan releases samen met changemanagement, accepteer ze vóór deployment, en analyseer of ze slaagden.',
      da: 'Planlæg releases sammen med ændringsstyringen, godkend dem før udrulning, og analyser om de lykkedes.',
    },
    processes: ['release'],
    questions: [
      {
        en: 'Which release types are defined, and how are releases planned?',
        nl: 'Welke soorten releases zijn gedefinieerd, en hoe worden releases gepland?',
        da: 'Hvilke releasetyper er defineret, og hvordan planlægges releases?',
      },
      {
        en: 'Was each release in the sample accepted before deployment and its success analysed?',
        nl: 'Is elke release in de steekproef vóór deployment geaccepteerd en het succes geanalyseerd?',
        da: 'Blev hver release i stikprøven godkendt før udrulning og resultatet analyseret?',
      },
    ],
    rules: ['releases'],
  },
  {
    number: '8.6.1',
    group: '8',
    title: { en: 'Incident management', nl: 'Incidentmanagement', da: 'Hændelsesstyring' },
    description: {
      en: 'Record, classify, prioritise, escalate, resolve and close incidents, and handle major incidents with top management informed.',
      nl: 'Registreer, classificeer, prioriteer, escaleer, los op en sluit incidenten, en behandel grote verstoringen met het topmanagement op de hoogte.',
      da: 'Registrer, klassificér, prioritér, eskalér, løs og luk hændelser, og håndter større hændelser med topledelsen orienteret.',
    },
    processes: ['incident'],
    questions: [
      {
        en: 'Are incidents prioritised by impact and urgency, and resolved within their targets?',
        nl: 'Worden incidenten geprioriteerd op impact en urgentie, en binnen hun doelen opgelost?',
        da: 'Prioriteres hændelser efter påvirkning og hastende karakter, og løses de inden for deres mål?',
      },
      {
        en: 'Is there a major incident procedure, and was top management informed of the last major incident?',
        nl: 'Is er een procedure voor grote verstoringen, en is het topmanagement over de laatste geïnformeerd?',
        da: 'Findes der en procedure for større hændelser, og blev topledelsen orienteret om den seneste?',
      },
      {
        en: 'How are escalations recorded and followed?',
        nl: 'Hoe worden escalaties vastgelegd en opgevolgd?',
        da: 'Hvordan registreres og følges eskaleringer?',
      },
    ],
    rules: ['incidents-resolved'],
  },
  {
    number: '8.6.2',
    group: '8',
    title: { en: 'Service request management', nl: 'Verzoekbeheer', da: 'Styring af serviceanmodninger' },
    description: {
      en: 'Record, classify and fulfil service requests with the instructions needed to fulfil them.',
      nl: 'Registreer, classificeer en vervul serviceverzoeken met de instructies die daarvoor nodig zijn.',
      da: 'Registrer, klassificér og opfyld serviceanmodninger med de instruktioner, der kræves.',
    },
    processes: ['request'],
    questions: [
      {
        en: 'Are requests fulfilled within their targets, with approvals where needed?',
        nl: 'Worden verzoeken binnen hun doelen vervuld, met goedkeuring waar nodig?',
        da: 'Opfyldes anmodninger inden for deres mål, med godkendelse hvor nødvendigt?',
      },
      {
        en: 'Are the fulfilment instructions available to those who fulfil them?',
        nl: 'Zijn de instructies voor vervulling beschikbaar voor wie ze uitvoert?',
        da: 'Er instruktionerne tilgængelige for dem, der opfylder anmodningerne?',
      },
    ],
    rules: ['requests-fulfilled'],
  },
  {
    number: '8.6.3',
    group: '8',
    title: { en: 'Problem management', nl: 'Problemmanagement', da: 'Problemstyring' },
    description: {
      en: 'Find problems from incident trends, analyse their cause, record known errors with workarounds, and check that resolutions worked.',
      nl: 'Vind problemen uit incidenttrends, analyseer de oorzaak, leg bekende fouten met workarounds vast, en controleer of oplossingen werkten.',
      da: 'Find problemer ud fra hændelsestendenser, analyser årsagen, registrer kendte fejl med midlertidige løsninger, og kontrollér at løsningerne virkede.',
    },
    processes: ['problem'],
    questions: [
      {
        en: 'How are problems identified from incidents?',
        nl: 'Hoe worden problemen uit incidenten herkend?',
        da: 'Hvordan identificeres problemer ud fra hændelser?',
      },
      {
        en: 'Are known errors recorded with workarounds that agents can find?',
        nl: 'Worden bekende fouten vastgelegd met workarounds die medewerkers kunnen vinden?',
        da: 'Registreres kendte fejl med midlertidige løsninger, som medarbejderne kan finde?',
      },
    ],
    rules: ['problems-analysed'],
  },
  {
    number: '8.7.1',
    group: '8',
    title: {
      en: 'Service availability management',
      nl: 'Beschikbaarheidsbeheer',
      da: 'Tilgængelighedsstyring',
    },
    description: {
      en: 'Agree availability requirements and targets, monitor availability and investigate unplanned outages.',
      nl: 'Spreek beschikbaarheidseisen en -doelen af, bewaak de beschikbaarheid en onderzoek ongeplande uitval.',
      da: 'Aftal krav og mål for tilgængelighed, overvåg tilgængeligheden og undersøg uplanlagte nedbrud.',
    },
    processes: ['availability'],
    questions: [
      {
        en: 'Is availability measured against its targets for each service?',
        nl: 'Wordt de beschikbaarheid per dienst tegen de doelen gemeten?',
        da: 'Måles tilgængeligheden i forhold til målene for hver ydelse?',
      },
      {
        en: 'Were unplanned outages investigated and acted upon?',
        nl: 'Is ongeplande uitval onderzocht en opgevolgd?',
        da: 'Blev uplanlagte nedbrud undersøgt og fulgt op?',
      },
    ],
    rules: ['availability-monitored'],
  },
  {
    number: '8.7.2',
    group: '8',
    title: { en: 'Service continuity management', nl: 'Continuïteitsbeheer', da: 'Kontinuitetsstyring' },
    description: {
      en: 'Keep continuity plans for agreed requirements, reachable when the normal site is lost, and test them.',
      nl: 'Houd continuïteitsplannen bij voor de afgesproken eisen, bereikbaar als de normale locatie wegvalt, en test ze.',
      da: 'Hav kontinuitetsplaner for de aftalte krav, tilgængelige når den normale lokation går tabt, og test dem.',
    },
    processes: ['continuity'],
    questions: [
      {
        en: 'When was each continuity plan last tested, and what did the test show?',
        nl: 'Wanneer is elk continuïteitsplan voor het laatst getest, en wat liet de test zien?',
        da: 'Hvornår blev hver kontinuitetsplan sidst testet, og hvad viste testen?',
      },
      {
        en: 'Can the plans be reached if the usual site and systems are unavailable?',
        nl: 'Zijn de plannen bereikbaar als de gebruikelijke locatie en systemen niet beschikbaar zijn?',
        da: 'Kan planerne nås, hvis den sædvanlige lokation og systemerne er utilgængelige?',
      },
    ],
    rules: ['continuity-tested'],
  },
  {
    number: '8.7.3',
    group: '8',
    title: {
      en: 'Information security management',
      nl: 'Informatiebeveiligingsbeheer',
      da: 'Styring af informationssikkerhed',
    },
    description: {
      en: 'Keep an information security policy, assess security risks, decide and check controls, and handle security incidents.',
      nl: "Houd een informatiebeveiligingsbeleid bij, beoordeel beveiligingsrisico's, bepaal en controleer maatregelen, en behandel beveiligingsincidenten.",
      da: 'Hav en informationssikkerhedspolitik, vurder sikkerhedsrisici, fastlæg og kontrollér foranstaltninger, og håndter sikkerhedshændelser.',
    },
    processes: ['information-security'],
    questions: [
      {
        en: 'Is the information security policy approved and communicated?',
        nl: 'Is het informatiebeveiligingsbeleid goedgekeurd en gecommuniceerd?',
        da: 'Er informationssikkerhedspolitikken godkendt og kommunikeret?',
      },
      {
        en: 'Which controls were decided, and how is their effectiveness checked?',
        nl: 'Welke maatregelen zijn gekozen, en hoe wordt hun effectiviteit gecontroleerd?',
        da: 'Hvilke foranstaltninger blev valgt, og hvordan kontrolleres deres effekt?',
      },
      {
        en: 'How are security incidents recorded and analysed?',
        nl: 'Hoe worden beveiligingsincidenten vastgelegd en geanalyseerd?',
        da: 'Hvordan registreres og analyseres sikkerhedshændelser?',
      },
    ],
    rules: ['security-controls'],
  },
];
