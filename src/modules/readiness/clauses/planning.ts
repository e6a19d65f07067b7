import type { Clause } from './types.ts';

/** Clauses 4 (context), 5 (leadership), 6 (planning) and 7 (support), paraphrased in our own words. */
export const clausesOf4to7: Clause[] = [
  {
    number: '4.1',
    group: '4',
    title: {
      en: 'The organisation and its context',
      nl: 'De organisatie en haar context',
      da: 'Organisationen og dens kontekst',
    },
    description: {
      en: 'Know the internal and external issues that affect the service management system, including whether climate change matters.',
      nl: 'Ken de interne en externe factoren die het servicemanagementsysteem raken, ook of klimaatverandering van belang is.',
      da: 'Kend de interne og eksterne forhold, der påvirker servicestyringssystemet, herunder om klimaforandringer har betydning.',
    },
    processes: [],
    questions: [
      {
        en: 'Which internal and external issues have been identified, and when were they last reviewed?',
        nl: 'Welke interne en externe factoren zijn vastgesteld, en wanneer zijn ze voor het laatst beoordeeld?',
        da: 'Hvilke interne og eksterne forhold er identificeret, og hvornår blev de sidst gennemgået?',
      },
      {
        en: 'Has the organisation decided whether climate change is a relevant issue, and recorded why?',
        nl: 'Heeft de organisatie bepaald of klimaatverandering relevant is, en vastgelegd waarom?',
        da: 'Har organisationen besluttet, om klimaforandringer er relevante, og registreret hvorfor?',
      },
      {
        en: 'How do the issues feed into risks and the service management plan?',
        nl: "Hoe werken de factoren door in de risico's en het servicemanagementplan?",
        da: 'Hvordan indgår forholdene i risici og servicestyringsplanen?',
      },
    ],
    rules: ['context-issues-reviewed'],
  },
  {
    number: '4.2',
    group: '4',
    title: { en: 'Interested parties', nl: 'Belanghebbenden', da: 'Interessenter' },
    description: {
      en: 'Know who has a stake in the services and the management system, and what they require.',
      nl: 'Weet wie belang heeft bij de diensten en het managementsysteem, en wat zij eisen.',
      da: 'Vid, hvem der har interesse i ydelserne og styringssystemet, og hvad de kræver.',
    },
    processes: [],
    questions: [
      {
        en: 'Is there a current list of interested parties with their requirements?',
        nl: 'Is er een actuele lijst van belanghebbenden met hun eisen?',
        da: 'Findes der en aktuel liste over interessenter og deres krav?',
      },
      {
        en: 'How are changes in their requirements noticed and acted upon?',
        nl: 'Hoe worden wijzigingen in hun eisen opgemerkt en opgevolgd?',
        da: 'Hvordan opdages og håndteres ændringer i deres krav?',
      },
    ],
    rules: ['interested-parties-reviewed'],
  },
  {
    number: '4.3',
    group: '4',
    title: {
      en: 'Scope of the management system',
      nl: 'Reikwijdte van het managementsysteem',
      da: 'Styringssystemets omfang',
    },
    description: {
      en: 'State and keep current which services, parts of the organisation and locations the system covers.',
      nl: 'Leg vast en houd actueel welke diensten, organisatieonderdelen en locaties het systeem omvat.',
      da: 'Fastlæg og hold ajour, hvilke ydelser, dele af organisationen og lokationer systemet dækker.',
    },
    processes: [],
    questions: [
      {
        en: 'Is the scope statement approved, and does it name services, organisation and locations?',
        nl: 'Is de scopeverklaring goedgekeurd, en noemt zij diensten, organisatie en locaties?',
        da: 'Er omfangserklæringen godkendt, og nævner den ydelser, organisation og lokationer?',
      },
      {
        en: 'Are all live services either in scope or deliberately excluded?',
        nl: 'Vallen alle live diensten binnen de scope of zijn ze bewust uitgesloten?',
        da: 'Er alle aktive ydelser enten omfattet eller bevidst udeladt?',
      },
    ],
    rules: ['scope-approved'],
  },
  {
    number: '4.4',
    group: '4',
    title: {
      en: 'The service management system',
      nl: 'Het servicemanagementsysteem',
      da: 'Servicestyringssystemet',
    },
    description: {
      en: 'Run the system and its processes, each with an owner, and keep improving it.',
      nl: 'Voer het systeem en zijn processen uit, elk met een eigenaar, en verbeter het voortdurend.',
      da: 'Drift systemet og dets processer, hver med en ejer, og forbedr det løbende.',
    },
    processes: [],
    questions: [
      {
        en: 'Does every process in the register have an owner?',
        nl: 'Heeft elk proces in het register een eigenaar?',
        da: 'Har hver proces i registret en ejer?',
      },
      {
        en: 'How do the processes interact, and where is that described?',
        nl: 'Hoe hangen de processen samen, en waar is dat beschreven?',
        da: 'Hvordan spiller processerne sammen, og hvor er det beskrevet?',
      },
    ],
    rules: ['processes-owned'],
  },
  {
    number: '5.1',
    group: '5',
    title: {
      en: 'Leadership and commitment',
      nl: 'Leiderschap en betrokkenheid',
      da: 'Lederskab og engagement',
    },
    description: {
      en: 'Top management visibly directs the system: approves policy and plan, assigns authority, provides resources and promotes improvement.',
      nl: 'Het topmanagement stuurt het systeem zichtbaar: keurt beleid en plan goed, wijst bevoegdheden toe, zorgt voor middelen en bevordert verbetering.',
      da: 'Topledelsen styrer synligt systemet: godkender politik og plan, tildeler beføjelser, sikrer ressourcer og fremmer forbedring.',
    },
    processes: [],
    questions: [
      {
        en: 'Which decisions did top management take on the system this year, and are they recorded?',
        nl: 'Welke besluiten over het systeem nam het topmanagement dit jaar, en zijn ze vastgelegd?',
        da: 'Hvilke beslutninger om systemet traf topledelsen i år, og er de registreret?',
      },
      {
        en: "How does top management make sure objectives fit the organisation's direction?",
        nl: 'Hoe zorgt het topmanagement dat doelstellingen passen bij de koers van de organisatie?',
        da: 'Hvordan sikrer topledelsen, at målene passer til organisationens retning?',
      },
      {
        en: 'Were the resources the plan asks for made available?',
        nl: 'Zijn de middelen die het plan vraagt beschikbaar gesteld?',
        da: 'Blev de ressourcer, planen kræver, stillet til rådighed?',
      },
    ],
    rules: ['top-management-decisions'],
  },
  {
    number: '5.2.1',
    group: '5',
    title: { en: 'Service management policy', nl: 'Servicemanagementbeleid', da: 'Servicestyringspolitik' },
    description: {
      en: 'Keep an approved policy that states the purpose, frames the objectives and commits to requirements and improvement.',
      nl: 'Houd een goedgekeurd beleid bij dat het doel noemt, kaders geeft voor doelstellingen en zich verbindt aan eisen en verbetering.',
      da: 'Hav en godkendt politik, der angiver formålet, rammer målene og forpligter til krav og forbedring.',
    },
    processes: [],
    questions: [
      {
        en: 'Is the current policy version approved by top management and within its review date?',
        nl: 'Is de huidige beleidsversie goedgekeurd door het topmanagement en binnen de reviewdatum?',
        da: 'Er den gældende politikversion godkendt af topledelsen og inden for sin revisionsdato?',
      },
      {
        en: 'Does the policy commit to meeting requirements and to continual improvement?',
        nl: 'Verbindt het beleid zich aan het voldoen aan eisen en aan continue verbetering?',
        da: 'Forpligter politikken sig til at opfylde krav og til løbende forbedring?',
      },
    ],
    rules: ['sm-policy-approved'],
  },
  {
    number: '5.2.2',
    group: '5',
    title: {
      en: 'Communicating the policy',
      nl: 'Het beleid communiceren',
      da: 'Kommunikation af politikken',
    },
    description: {
      en: 'Make the policy known inside the organisation and available to interested parties.',
      nl: 'Maak het beleid bekend binnen de organisatie en beschikbaar voor belanghebbenden.',
      da: 'Gør politikken kendt i organisationen og tilgængelig for interessenter.',
    },
    processes: [],
    questions: [
      {
        en: 'What share of staff has acknowledged the current policy?',
        nl: 'Welk deel van de medewerkers heeft het huidige beleid bevestigd?',
        da: 'Hvor stor en del af medarbejderne har bekræftet den gældende politik?',
      },
      {
        en: 'How can interested parties obtain the policy?',
        nl: 'Hoe kunnen belanghebbenden het beleid verkrijgen?',
        da: 'Hvordan kan interessenter få adgang til politikken?',
      },
    ],
    rules: ['policy-acknowledged'],
  },
  {
    number: '5.3',
    group: '5',
    title: {
      en: 'Roles, responsibilities and authorities',
      nl: 'Rollen, verantwoordelijkheden en bevoegdheden',
      da: 'Roller, ansvar og beføjelser',
    },
    description: {
      en: 'Assign and communicate who is responsible for what, including who keeps the system conforming and who reports on it.',
      nl: 'Wijs toe en communiceer wie waarvoor verantwoordelijk is, ook wie het systeem conform houdt en wie erover rapporteert.',
      da: 'Tildel og kommuniker, hvem der har ansvar for hvad, herunder hvem der holder systemet i overensstemmelse, og hvem der rapporterer om det.',
    },
    processes: [],
    questions: [
      {
        en: 'Is every role in the catalogue filled by a current appointment, with a deputy where needed?',
        nl: 'Is elke rol in de catalogus bezet door een actuele benoeming, met een plaatsvervanger waar nodig?',
        da: 'Er hver rolle i kataloget besat af en aktuel udnævnelse, med en stedfortræder hvor nødvendigt?',
      },
      {
        en: 'Who ensures conformity and who reports performance to top management?',
        nl: 'Wie zorgt voor conformiteit en wie rapporteert de prestaties aan het topmanagement?',
        da: 'Hvem sikrer overensstemmelse, og hvem rapporterer resultater til topledelsen?',
      },
    ],
    rules: ['roles-appointed'],
  },
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
