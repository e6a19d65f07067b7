import type { Clause } from './types.ts';

/** Clauses 8.1 to 8.4 (planning, portfolio, relationships and agreements, supply and demand), in our words. */
export const clausesOf81to84: Clause[] = [
  {
    number: '8.1',
    group: '8',
    title: {
      en: 'Operational planning and control',
      nl: 'Operationele planning en beheersing',
      da: 'Operationel planlægning og styring',
    },
    description: {
      en: 'Set criteria for each process, keep evidence that processes ran as planned, and control processes others run for you.',
      nl: 'Stel criteria per proces, bewaar bewijs dat processen volgens plan liepen, en beheers processen die anderen voor u uitvoeren.',
      da: 'Fastsæt kriterier for hver proces, opbevar dokumentation for at processerne kørte som planlagt, og styr processer, som andre udfører for jer.',
    },
    processes: [],
    questions: [
      {
        en: 'Does every process have criteria and KPIs, and are they measured?',
        nl: "Heeft elk proces criteria en KPI's, en worden die gemeten?",
        da: "Har hver proces kriterier og KPI'er, og måles de?",
      },
      {
        en: 'Which processes, or parts of them, are run by other parties, and how are they controlled?',
        nl: 'Welke processen, of delen ervan, worden door anderen uitgevoerd, en hoe worden die beheerst?',
        da: 'Hvilke processer, eller dele af dem, udføres af andre parter, og hvordan styres de?',
      },
    ],
    rules: ['process-criteria'],
  },
  {
    number: '8.2.2',
    group: '8',
    title: { en: 'Planning the services', nl: 'De diensten plannen', da: 'Planlægning af ydelserne' },
    description: {
      en: "Know each service's requirements, criticality and dependencies, and plan services with them.",
      nl: 'Ken van elke dienst de eisen, kritikaliteit en afhankelijkheden, en plan diensten daarmee.',
      da: 'Kend hver ydelses krav, kritikalitet og afhængigheder, og planlæg ydelserne ud fra dem.',
    },
    processes: ['service-portfolio'],
    questions: [
      {
        en: 'Does each live service record its criticality and its dependencies?',
        nl: 'Legt elke live dienst zijn kritikaliteit en afhankelijkheden vast?',
        da: 'Registrerer hver aktiv ydelse sin kritikalitet og sine afhængigheder?',
      },
      {
        en: 'How are new service requirements decided and prioritised?',
        nl: 'Hoe worden nieuwe eisen aan diensten bepaald en geprioriteerd?',
        da: 'Hvordan fastlægges og prioriteres nye krav til ydelser?',
      },
    ],
    rules: ['services-planned'],
  },
  {
    number: '8.2.3',
    group: '8',
    title: {
      en: 'Parties in the service lifecycle',
      nl: 'Partijen in de levenscyclus van diensten',
      da: 'Parter i ydelsernes livscyklus',
    },
    description: {
      en: 'Know and control the other parties who provide or operate services, components or processes.',
      nl: 'Ken en beheers de andere partijen die diensten, componenten of processen leveren of uitvoeren.',
      da: 'Kend og styr de andre parter, der leverer eller driver ydelser, komponenter eller processer.',
    },
    processes: ['supplier'],
    questions: [
      {
        en: 'Which other parties take part in delivering the services, and for what?',
        nl: 'Welke andere partijen dragen bij aan de levering van de diensten, en waarvoor?',
        da: 'Hvilke andre parter deltager i leveringen af ydelserne, og med hvad?',
      },
      {
        en: 'How does the organisation keep accountability for what others do?',
        nl: 'Hoe blijft de organisatie verantwoordelijk voor wat anderen doen?',
        da: 'Hvordan bevarer organisationen ansvaret for det, andre udfører?',
      },
    ],
    rules: ['parties-controlled'],
  },
  {
    number: '8.2.4',
    group: '8',
    title: { en: 'Service catalogue', nl: 'Dienstencatalogus', da: 'Ydelseskatalog' },
    description: {
      en: 'Keep a catalogue of the services with their outcomes and dependencies, shown to each audience as it needs.',
      nl: 'Houd een catalogus van de diensten bij met hun resultaten en afhankelijkheden, voor elk publiek zoals het dat nodig heeft.',
      da: 'Hav et katalog over ydelserne med deres resultater og afhængigheder, vist for hver målgruppe efter behov.',
    },
    processes: ['service-catalogue'],
    questions: [
      {
        en: 'Does the catalogue show customers what each service delivers?',
        nl: 'Laat de catalogus klanten zien wat elke dienst oplevert?',
        da: 'Viser kataloget kunderne, hvad hver ydelse leverer?',
      },
      {
        en: 'Is the catalogue kept in step with the live services?',
        nl: 'Loopt de catalogus gelijk op met de live diensten?',
        da: 'Holdes kataloget i takt med de aktive ydelser?',
      },
    ],
    rules: ['catalogue-published'],
  },
  {
    number: '8.2.5',
    group: '8',
    title: { en: 'Asset management', nl: 'Assetmanagement', da: 'Aktivstyring' },
    description: {
      en: 'Manage the assets used to deliver the services, such as hardware and licences, through their lifecycle.',
      nl: 'Beheer de assets waarmee de diensten worden geleverd, zoals hardware en licenties, gedurende hun levenscyclus.',
      da: 'Styr de aktiver, der bruges til at levere ydelserne, som hardware og licenser, gennem deres livscyklus.',
    },
    processes: ['asset'],
    questions: [
      {
        en: 'Does every asset have an owner and a lifecycle status?',
        nl: 'Heeft elke asset een eigenaar en een levenscyclusstatus?',
        da: 'Har hvert aktiv en ejer og en livscyklusstatus?',
      },
      {
        en: 'Are licences in use within what is owned?',
        nl: 'Blijven licenties in gebruik binnen wat in bezit is?',
        da: 'Holder licenser i brug sig inden for det, der ejes?',
      },
    ],
    rules: ['assets-registered'],
  },
  {
    number: '8.2.6',
    group: '8',
    title: { en: 'Configuration management', nl: 'Configuratiebeheer', da: 'Konfigurationsstyring' },
    description: {
      en: 'Record configuration items with their type, identity, relationships and status, trace their changes and verify them periodically.',
      nl: 'Leg configuratie-items vast met type, identiteit, relaties en status, volg hun wijzigingen en verifieer ze periodiek.',
      da: 'Registrer konfigurationselementer med type, identitet, relationer og status, spor deres ændringer og verificér dem periodisk.',
    },
    processes: ['configuration'],
    questions: [
      {
        en: 'When was the configuration information last verified, and what discrepancies were found?',
        nl: 'Wanneer is de configuratie-informatie voor het laatst geverifieerd, en welke afwijkingen zijn gevonden?',
        da: 'Hvornår blev konfigurationsoplysningerne sidst verificeret, og hvilke afvigelser blev fundet?',
      },
      {
        en: 'Can each change to a configuration item be traced to an approved change?',
        nl: 'Is elke wijziging van een configuratie-item te herleiden tot een goedgekeurde change?',
        da: 'Kan hver ændring af et konfigurationselement spores til en godkendt ændring?',
      },
    ],
    rules: ['cmdb-verified'],
  },
  {
    number: '8.3.2',
    group: '8',
    title: { en: 'Business relationship management', nl: 'Relatiebeheer', da: 'Forretningsrelationsstyring' },
    description: {
      en: 'Know the customers and who looks after each, measure satisfaction on a representative sample, and handle complaints to closure.',
      nl: 'Ken de klanten en wie elk van hen bedient, meet tevredenheid op een representatieve steekproef en handel klachten af tot sluiting.',
      da: 'Kend kunderne og hvem der tager sig af hver, mål tilfredshed på et repræsentativt udsnit, og behandl klager til de er lukket.',
    },
    processes: ['business-relationship'],
    questions: [
      {
        en: 'Does every customer have a relationship owner?',
        nl: 'Heeft elke klant een relatiebeheerder?',
        da: 'Har hver kunde en relationsansvarlig?',
      },
      {
        en: 'How was customer satisfaction measured this period, and on which sample?',
        nl: 'Hoe is de klanttevredenheid deze periode gemeten, en op welke steekproef?',
        da: 'Hvordan blev kundetilfredsheden målt i perioden, og på hvilket udsnit?',
      },
      {
        en: 'Are complaints recorded and followed to closure?',
        nl: 'Worden klachten vastgelegd en tot sluiting opgevolgd?',
        da: 'Registreres klager og følges de til de er lukket?',
      },
    ],
    rules: ['customer-ratings', 'satisfaction-surveys'],
  },
  {
    number: '8.3.3',
    group: '8',
    title: { en: 'Service level management', nl: 'Service level management', da: 'Serviceniveaustyring' },
    description: {
      en: 'Agree at least one service level agreement per service, with targets, workload limits and exceptions, and report on it periodically.',
      nl: 'Spreek per dienst ten minste één service level agreement af, met doelen, werklastgrenzen en uitzonderingen, en rapporteer er periodiek over.',
      da: 'Aftal mindst én serviceniveauaftale pr. ydelse med mål, arbejdsbelastningsgrænser og undtagelser, og rapportér periodisk om den.',
    },
    processes: ['service-level'],
    questions: [
      {
        en: 'Is every live service covered by an agreement in force?',
        nl: 'Valt elke live dienst onder een geldende overeenkomst?',
        da: 'Er hver aktiv ydelse dækket af en gældende aftale?',
      },
      {
        en: 'Are service level reports produced and discussed with customers each period?',
        nl: 'Worden servicerapportages elke periode gemaakt en met klanten besproken?',
        da: 'Udarbejdes serviceniveaurapporter og drøftes de med kunderne hver periode?',
      },
    ],
    rules: ['agreements-in-force'],
  },
  {
    number: '8.3.4',
    group: '8',
    title: { en: 'Supplier management', nl: 'Leveranciersmanagement', da: 'Leverandørstyring' },
    description: {
      en: 'Keep contracts with external suppliers and agreements with internal ones whose targets support the service level agreements, and review them.',
      nl: 'Houd contracten met externe leveranciers en afspraken met interne leveranciers bij waarvan de doelen de service level agreements ondersteunen, en beoordeel ze.',
      da: 'Hav kontrakter med eksterne leverandører og aftaler med interne, hvis mål understøtter serviceniveauaftalerne, og gennemgå dem.',
    },
    processes: ['supplier'],
    questions: [
      {
        en: 'Does every supplier contract have targets that support the agreements it underpins?',
        nl: 'Heeft elk leverancierscontract doelen die de ondersteunde overeenkomsten dragen?',
        da: 'Har hver leverandørkontrakt mål, der understøtter de aftaler, den ligger under?',
      },
      {
        en: "When was each supplier's performance last reviewed?",
        nl: 'Wanneer zijn de prestaties van elke leverancier voor het laatst beoordeeld?',
        da: 'Hvornår blev hver leverandørs præstation sidst gennemgået?',
      },
    ],
    rules: ['underpinning-agreements', 'supplier-reviews'],
  },
  {
    number: '8.4.1',
    group: '8',
    title: {
      en: 'Budgeting and accounting',
      nl: 'Budgettering en kostenverantwoording',
      da: 'Budgettering og regnskab',
    },
    description: {
      en: 'Budget for the services and account for their costs.',
      nl: 'Budgetteer de diensten en verantwoord hun kosten.',
      da: 'Budgettér ydelserne og gør rede for deres omkostninger.',
    },
    processes: ['budgeting'],
    questions: [
      {
        en: 'Is there a budget per service, and is actual spending compared with it?',
        nl: 'Is er een budget per dienst, en worden de werkelijke kosten ermee vergeleken?',
        da: 'Er der et budget pr. ydelse, og sammenlignes det faktiske forbrug med det?',
      },
      {
        en: 'How are variances explained and acted upon?',
        nl: 'Hoe worden afwijkingen verklaard en opgevolgd?',
        da: 'Hvordan forklares og håndteres afvigelser?',
      },
    ],
    rules: ['budgets'],
  },
  {
    number: '8.4.2',
    group: '8',
    title: { en: 'Demand management', nl: 'Vraagmanagement', da: 'Efterspørgselsstyring' },
    description: {
      en: 'Forecast the demand for services, and monitor and report it.',
      nl: 'Voorspel de vraag naar diensten, en bewaak en rapporteer die.',
      da: 'Forudsig efterspørgslen efter ydelser, og overvåg og rapportér den.',
    },
    processes: ['demand'],
    questions: [
      {
        en: 'How is demand forecast, and how close were the forecasts?',
        nl: 'Hoe wordt de vraag voorspeld, en hoe goed klopten de voorspellingen?',
        da: 'Hvordan forudsiges efterspørgslen, og hvor præcise var forudsigelserne?',
      },
    ],
    rules: ['demand-forecasts'],
  },
  {
    number: '8.4.3',
    group: '8',
    title: { en: 'Capacity management', nl: 'Capaciteitsmanagement', da: 'Kapacitetsstyring' },
    description: {
      en: 'Plan capacity for the agreed demand and performance, and monitor its use.',
      nl: 'Plan capaciteit voor de afgesproken vraag en prestaties, en bewaak het gebruik ervan.',
      da: 'Planlæg kapacitet til den aftalte efterspørgsel og ydeevne, og overvåg brugen af den.',
    },
    processes: ['capacity'],
    questions: [
      {
        en: 'Is there a capacity plan, and when was it last updated?',
        nl: 'Is er een capaciteitsplan, en wanneer is het voor het laatst bijgewerkt?',
        da: 'Findes der en kapacitetsplan, og hvornår blev den sidst opdateret?',
      },
      {
        en: 'How is utilisation monitored against thresholds?',
        nl: 'Hoe wordt het gebruik tegen drempels bewaakt?',
        da: 'Hvordan overvåges udnyttelsen i forhold til tærskler?',
      },
    ],
    rules: ['capacity-plans'],
  },
];
