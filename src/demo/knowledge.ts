import { sql } from 'drizzle-orm';
import type { Role } from '../kernel/access/roles.ts';
import { principalOfActor } from '../kernel/auth/principal.ts';
import { addDays, dayOf } from '../kernel/days.ts';
import { type CommandContext, contextFor } from '../kernel/db/tx.ts';
import {
  type ArticleInput,
  countView,
  createArticle,
  giveFeedback,
  linkArticle,
  recordDeflection,
  transitionVersion,
} from '../modules/knowledge/index.ts';

/**
 * The hotel group's knowledge base: how-tos, troubleshooting, FAQs and a known error for its services, in
 * English, Dutch and Danish (some translated from one another); most for everyone, some for agents only and
 * one for Hotel Alpenrose only. One article waits for review, one is past its review date; some are linked
 * to the incidents they helped with, read, rated, and answered a guest's question before they reported.
 */
type DemoArticle = Omit<ArticleInput, 'serviceIds' | 'customerIds' | 'translationOf'> & {
  key: string;
  services: string[];
  /** Hotel codes the article is restricted to (audience customers). */
  hotels?: string[];
  /** The key of the article this one translates. */
  translates?: string;
  author: 'agent' | 'resolver' | 'incident';
  /** Left in review rather than published. */
  inReview?: boolean;
  /** Days from today of its review date (negative: past it, so stale). */
  reviewInDays?: number;
};

const articles: DemoArticle[] = [
  {
    key: 'wifi-connect',
    type: 'how_to',
    audience: 'everyone',
    language: 'en',
    title: 'Connect to the guest Wi-Fi',
    summary: 'Join the Hotel-Guest network and sign in with your room number and surname.',
    body: `<p>Every hotel of the group offers free Wi-Fi in the rooms, the lobby, the restaurant and the spa.</p>
<ol><li>Choose the network <strong>Hotel-Guest</strong> on your phone, tablet or laptop.</li>
<li>Your browser opens the sign-in page. If it does not, open any web address that starts with <em>http://</em>.</li>
<li>Enter your <strong>room number</strong> and your <strong>surname</strong> as on the booking, and accept the terms.</li></ol>
<p>You stay signed in on up to four devices until check-out. Conference guests use the code on their badge instead.</p>`,
    tags: ['wifi', 'guests', 'sign-in'],
    services: ['Guest Wi-Fi'],
    author: 'agent',
    reviewInDays: 180,
  },
  {
    key: 'wifi-connect-nl',
    translates: 'wifi-connect',
    type: 'how_to',
    audience: 'everyone',
    language: 'nl',
    title: 'Verbinding maken met de gasten-wifi',
    summary: 'Kies het netwerk Hotel-Guest en meld u aan met uw kamernummer en achternaam.',
    body: `<p>Alle hotels van de groep bieden gratis wifi op de kamers, in de lobby, het restaurant en de spa.</p>
<ol><li>Kies op uw telefoon, tablet of laptop het netwerk <strong>Hotel-Guest</strong>.</li>
<li>Uw browser opent de aanmeldpagina. Gebeurt dat niet, open dan een webadres dat begint met <em>http://</em>.</li>
<li>Vul uw <strong>kamernummer</strong> en <strong>achternaam</strong> in zoals op de boeking en accepteer de voorwaarden.</li></ol>
<p>U blijft tot het uitchecken aangemeld op maximaal vier apparaten. Congresgasten gebruiken de code op hun badge.</p>`,
    tags: ['wifi', 'gasten', 'aanmelden'],
    services: ['Guest Wi-Fi'],
    author: 'incident',
    reviewInDays: 180,
  },
  {
    key: 'wifi-connect-da',
    translates: 'wifi-connect',
    type: 'how_to',
    audience: 'everyone',
    language: 'da',
    title: 'Forbind til gæsternes wifi',
    summary: 'Vælg netværket Hotel-Guest og log ind med værelsesnummer og efternavn.',
    body: `<p>Alle koncernens hoteller har gratis wifi på værelserne, i lobbyen, restauranten og spaen.</p>
<ol><li>Vælg netværket <strong>Hotel-Guest</strong> på din telefon, tablet eller bærbare.</li>
<li>Browseren åbner login-siden. Sker det ikke, så åbn en webadresse, der begynder med <em>http://</em>.</li>
<li>Indtast dit <strong>værelsesnummer</strong> og dit <strong>efternavn</strong> som på bookingen, og accepter vilkårene.</li></ol>
<p>Du forbliver logget ind på op til fire enheder indtil udtjekning. Konferencegæster bruger koden på deres navneskilt.</p>`,
    tags: ['wifi', 'gæster', 'login'],
    services: ['Guest Wi-Fi'],
    author: 'agent',
    reviewInDays: 180,
  },
  {
    key: 'wifi-login-page',
    type: 'troubleshooting',
    audience: 'everyone',
    language: 'en',
    title: 'The Wi-Fi sign-in page does not appear',
    summary: 'Connected to Hotel-Guest but no sign-in page? Open a plain http page or forget the network.',
    body: `<p>The sign-in page only appears when the browser tries to open an ordinary web page.</p>
<ul><li>Open <strong>http://neverssl.com</strong> (not https) in your browser: the sign-in page follows.</li>
<li>Switch off any VPN or private DNS setting (such as iCloud Private Relay) until you are signed in.</li>
<li>Still nothing? In the Wi-Fi settings choose <em>Forget this network</em>, then join Hotel-Guest again.</li></ul>
<p>If the page still does not appear, call reception: the desk can check that your room is checked in.</p>`,
    tags: ['wifi', 'sign-in', 'captive portal'],
    services: ['Guest Wi-Fi'],
    author: 'resolver',
    reviewInDays: 120,
  },
  {
    key: 'wifi-login-page-nl',
    translates: 'wifi-login-page',
    type: 'troubleshooting',
    audience: 'everyone',
    language: 'nl',
    title: 'De aanmeldpagina van de wifi verschijnt niet',
    summary: 'Verbonden met Hotel-Guest maar geen aanmeldpagina? Open een gewone http-pagina.',
    body: `<p>De aanmeldpagina verschijnt pas wanneer de browser een gewone webpagina probeert te openen.</p>
<ul><li>Open <strong>http://neverssl.com</strong> (niet https): daarna volgt de aanmeldpagina.</li>
<li>Zet een VPN of privé-DNS (zoals iCloud Private Relay) uit tot u bent aangemeld.</li>
<li>Nog steeds niets? Kies in de wifi-instellingen <em>Vergeet dit netwerk</em> en maak opnieuw verbinding.</li></ul>
<p>Verschijnt de pagina nog steeds niet, bel dan de receptie: die controleert of uw kamer is ingecheckt.</p>`,
    tags: ['wifi', 'aanmelden'],
    services: ['Guest Wi-Fi'],
    author: 'incident',
    reviewInDays: 120,
  },
  {
    key: 'east-wing',
    type: 'known_error',
    audience: 'customers',
    hotels: ['ALP'],
    language: 'en',
    title: 'Wi-Fi drops in the east wing of Hotel Alpenrose',
    summary:
      'Known error: access points in the east wing restart under load until their firmware is replaced.',
    body: `<p><strong>Symptom.</strong> Guests on floors 2–4 of the east wing lose the Wi-Fi for a minute or two, mostly in the evening.</p>
<p><strong>Cause.</strong> The access points there run a firmware version that restarts when more than 60 devices connect. The fix is planned with the next firmware change.</p>
<p><strong>Workaround.</strong> Reception can move a guest who needs a steady connection (video calls) to the west wing, or hand out a wired adapter from the front office. The network team can limit the east-wing access points to 5 GHz on request, which keeps them below the limit.</p>`,
    tags: ['wifi', 'known error', 'alpenrose'],
    services: ['Guest Wi-Fi'],
    author: 'resolver',
    reviewInDays: 60,
  },
  {
    key: 'till-blank',
    type: 'troubleshooting',
    audience: 'agents',
    language: 'en',
    title: 'Till prints blank receipts',
    summary: 'The thermal paper roll is in the wrong way round, or the print head needs cleaning.',
    body: `<p>Thermal printers print on one side of the paper only. A blank receipt almost always means the roll is loaded the wrong way round.</p>
<ol><li>Open the printer cover and turn the roll so the paper comes off the <strong>bottom</strong> of the roll.</li>
<li>Print a test receipt from the till's <em>Service → Printer</em> menu.</li>
<li>Still blank or faint: clean the print head with an alcohol swab, let it dry for a minute, print again.</li></ol>
<p>If the test receipt fails too, record an incident for <em>Point of sale</em> with the till number; the spare printer is in the back office.</p>`,
    tags: ['till', 'printer', 'receipts'],
    services: ['Point of sale'],
    author: 'agent',
    reviewInDays: 200,
  },
  {
    key: 'card-terminal-da',
    type: 'troubleshooting',
    audience: 'customers',
    language: 'da',
    title: 'Kortterminalen i restauranten svarer ikke',
    summary: 'Genstart terminalen og kontrollér forbindelsen til kassen, før du ringer til servicedesken.',
    body: `<p>Når kortterminalen viser <em>Ingen forbindelse</em> eller ikke reagerer:</p>
<ol><li>Hold tænd/sluk-knappen nede i ti sekunder, og vent til terminalen er startet igen (ca. et minut).</li>
<li>Kontrollér, at kassen viser terminalen som <strong>forbundet</strong> under <em>Betaling → Terminaler</em>.</li>
<li>Virker det stadig ikke, så tag imod betaling på baren indtil videre, og meld en hændelse på <em>Point of sale</em>.</li></ol>`,
    tags: ['kasse', 'betaling', 'terminal'],
    services: ['Point of sale'],
    author: 'incident',
    reviewInDays: 150,
  },
  {
    key: 'room-booking-da',
    type: 'how_to',
    audience: 'customers',
    language: 'da',
    title: 'Book et mødelokale',
    summary: 'Mødelokaler bookes i Conference room booking; udstyr vælges sammen med lokalet.',
    body: `<p>Hotellernes mødelokaler bookes i <strong>Conference room booking</strong> på intranettet.</p>
<ol><li>Vælg hotel, dato og antal deltagere; kun ledige lokaler vises.</li>
<li>Vælg udstyr (projektor, videokonference, flipover) – det klargøres sammen med lokalet.</li>
<li>Bekræft. Du får en kalenderinvitation, som du kan videresende til deltagerne.</li></ol>
<p>Afbestil senest 24 timer før, så lokalet kan bookes af andre.</p>`,
    tags: ['mødelokale', 'booking'],
    services: ['Conference room booking'],
    author: 'agent',
    reviewInDays: 240,
  },
  {
    key: 'room-booking-nl',
    translates: 'room-booking-da',
    type: 'how_to',
    audience: 'customers',
    language: 'nl',
    title: 'Een vergaderruimte boeken',
    summary: 'Vergaderruimtes boekt u in Conference room booking; apparatuur kiest u samen met de ruimte.',
    body: `<p>De vergaderruimtes van de hotels boekt u in <strong>Conference room booking</strong> op het intranet.</p>
<ol><li>Kies hotel, datum en aantal deelnemers; alleen vrije ruimtes worden getoond.</li>
<li>Kies de apparatuur (beamer, videoconferentie, flip-over): die wordt met de ruimte klaargezet.</li>
<li>Bevestig. U krijgt een agenda-uitnodiging die u aan de deelnemers kunt doorsturen.</li></ol>
<p>Annuleer uiterlijk 24 uur van tevoren, zodat anderen de ruimte kunnen boeken.</p>`,
    tags: ['vergaderruimte', 'boeken'],
    services: ['Conference room booking'],
    author: 'incident',
    reviewInDays: 240,
  },
  {
    key: 'intranet-password-nl',
    type: 'faq',
    audience: 'everyone',
    language: 'nl',
    title: 'Hoe stel ik een nieuw wachtwoord in voor het intranet?',
    summary: 'Via "Wachtwoord vergeten" op de aanmeldpagina, met de code uit de sms op uw werktelefoon.',
    body: `<p>Het intranet gebruikt uw account van <em>Directory and sign-in</em>.</p>
<ol><li>Kies op de aanmeldpagina <strong>Wachtwoord vergeten</strong> en vul uw e-mailadres van het werk in.</li>
<li>U krijgt een sms-code op uw werktelefoon; vul die in.</li>
<li>Kies een nieuw wachtwoord van minstens 14 tekens. Een zin van vier woorden werkt goed.</li></ol>
<p>Geen werktelefoon? Neem contact op met de servicedesk; die stuurt u een eenmalige link.</p>`,
    tags: ['wachtwoord', 'intranet', 'aanmelden'],
    services: ['Staff intranet', 'Directory and sign-in'],
    author: 'incident',
    reviewInDays: 300,
  },
  {
    key: 'shared-calendar',
    type: 'faq',
    audience: 'everyone',
    language: 'en',
    title: 'How do I open the front desk’s shared calendar?',
    summary: 'Add it in Outlook from the address book; you need membership of the front-desk group.',
    body: `<p>Each hotel's front desk keeps its shift plan and VIP arrivals in a shared calendar.</p>
<ol><li>In Outlook choose <em>Calendar → Add calendar → From address book</em>.</li>
<li>Search for <strong>Front desk</strong> followed by the hotel's name, e.g. <em>Front desk Alpenrose</em>.</li>
<li>If Outlook says you have no permission, ask your manager to add you to the front-desk group.</li></ol>`,
    tags: ['calendar', 'outlook', 'front desk'],
    services: ['E-mail and calendars'],
    author: 'agent',
    // past its review date: the mailbox migration may have changed the steps, and its owner is told
    reviewInDays: -20,
  },
  {
    key: 'move-reservation',
    type: 'how_to',
    audience: 'agents',
    language: 'en',
    title: 'Move a reservation to another room in the booking system',
    summary: 'Use Room move, never cancel and rebook: the rate, deposit and guest history stay with it.',
    body: `<p>When a guest must change rooms (a fault in the room, an upgrade), move the reservation:</p>
<ol><li>Open the reservation and choose <strong>Room move</strong>.</li>
<li>Pick the new room; the system shows only clean, vacant rooms of the same or a higher category.</li>
<li>Give the reason (it feeds the housekeeping report) and confirm. Key cards for the old room stop working at once.</li></ol>
<p>Do not cancel and rebook: the deposit and the online booking's reference would be lost.</p>`,
    tags: ['booking', 'reservation', 'room move'],
    services: ['Booking system'],
    author: 'resolver',
    reviewInDays: 200,
  },
  {
    key: 'conference-wifi',
    type: 'how_to',
    audience: 'customers',
    language: 'en',
    title: 'Wi-Fi codes for a conference',
    summary: 'Request one group code per event; it works for its days only, for all attendees.',
    body: `<p>For events of more than 20 attendees, ask the service desk for a group code at least three working days before the event.</p>
<p>Give the event's name, dates and the expected number of devices. The code is printed on the badges and works for the event's days only.</p>`,
    tags: ['wifi', 'conference'],
    services: ['Guest Wi-Fi', 'Conference room booking'],
    author: 'agent',
    inReview: true,
    reviewInDays: 180,
  },
];

export async function loadDemoKnowledge(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from articles limit 1`);
  if (done.rows.length) return;
  const refs = await ctx.tx.execute<{ kind: string; name: string; id: string }>(sql`
    select 'service' as kind, c.name, s.id from services s join cis c on c.id = s.ci_id
    union all select 'hotel', code, id from customers`);
  const id = (kind: string, name: string) => refs.rows.find((r) => r.kind === kind && r.name === name)?.id;
  const as = (who: string, roles: Role[]) => {
    const c = contextFor(ctx.tx, { kind: 'user', userId: people[who]!, label: who, roles }, null);
    const principal = principalOfActor(c.actor, roles);
    if (who === 'customer') principal.customerId = id('hotel', 'ALP') ?? null;
    return { ctx: c, as: principal };
  };
  const authors = {
    agent: as('agent', ['service_desk_agent']),
    resolver: as('resolver', ['resolver']),
    incident: as('incident', ['incident_manager', 'problem_manager']),
  };
  const approver = as('knowledge', ['knowledge_manager']);
  const today = dayOf(new Date());
  const made = new Map<string, { id: string; number: string }>();
  for (const a of articles) {
    const author = authors[a.author];
    const { key: _k, services, hotels, translates, author: _a, inReview, reviewInDays, ...input } = a;
    const article = await createArticle(author.ctx, author.as, {
      ...input,
      serviceIds: services.flatMap((s) => id('service', s) ?? []),
      customerIds: (hotels ?? []).flatMap((h) => id('hotel', h) ?? []),
      translationOf: translates ? made.get(translates)!.id : null,
      ownerId: people.knowledge,
      reviewBy: reviewInDays === undefined ? null : addDays(today, reviewInDays),
    });
    made.set(a.key, article);
    await transitionVersion(author.ctx, author.as, article.id, 1, { action: 'submit' });
    if (!inReview) await transitionVersion(approver.ctx, approver.as, article.id, 1, { action: 'approve' });
  }

  // the articles that helped with incidents: linked, and the login page one sent to the guest in a reply
  const item = async (title: string) =>
    (
      await ctx.tx.execute<{ number: string }>(
        sql`select number from work_items where title = ${title} order by created_at desc limit 1`,
      )
    ).rows[0]?.number;
  const agent = authors.agent;
  for (const [title, key, sent] of [
    ['Guests cannot reach the Wi-Fi login page', 'wifi-login-page', true],
    ['Wi-Fi drops in the east wing', 'east-wing', false],
    ['Till does not print receipts', 'till-blank', false],
    // the known-error article describes the problem behind the east wing's drops
    ['Guest Wi-Fi drops when the access points are busy', 'east-wing', false],
  ] as const) {
    const number = await item(title);
    if (number) await linkArticle(agent.ctx, agent.as, number, { article: made.get(key)!.id, sent });
  }

  // Cora of Hotel Alpenrose read some, rated them, and once found her answer before reporting
  const cora = as('customer', ['customer']);
  for (const key of ['wifi-connect', 'wifi-login-page', 'east-wing', 'wifi-login-page'])
    await countView(cora.ctx, cora.as, made.get(key)!.id);
  await giveFeedback(cora.ctx, cora.as, made.get('wifi-login-page')!.id, { helpful: true });
  await giveFeedback(cora.ctx, cora.as, made.get('east-wing')!.id, {
    helpful: false,
    comment: 'We need a date for the fix, not a workaround.',
  });
  await recordDeflection(cora.ctx, cora.as, {
    query: 'wifi login page',
    outcome: 'deflected',
    articleId: made.get('wifi-login-page')!.id,
  });
  await recordDeflection(cora.ctx, cora.as, { query: 'wifi drops east wing', outcome: 'reported' });
}
