import type { Clause } from './types.ts';

/** Clauses 4 (context of the organisation) and 5 (leadership), paraphrased in our own words. */
export const clausesOf4and5: Clause[] = [
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
];
