import { sql } from 'drizzle-orm';
import type { Db } from '../../src/kernel/db/database.ts';
import type { Scale } from '../scales.ts';
import { pick, uid } from './sql.ts';

/**
 * The knowledge base beside the work items: `scale.articles` articles in English, Dutch and Danish (a
 * third each), titles made of a hotel-IT subject and a symptom so search and suggestions find some and not
 * others, of the four types. Audiences: 60% everyone, 25% customers (a fifth of those restricted to one
 * customer), 15% agents; 92% published (with their one published version), 4% drafts, 4% retired; a tenth
 * past their review date. Each article is about one service (article k: service k % services). The search
 * vector is the migration's trigger's, as Keel writes it.
 *
 * Ids: article k → uid('article', k), number KB-k.
 */
const subjects = {
  en: [
    'Guest Wi-Fi',
    'receipt printer',
    'card terminal',
    'booking system',
    'key card encoder',
    'VPN',
    'shared mailbox',
    'conference room projector',
    'laptop screen',
    'intranet password',
    'till',
    'invoice template',
  ],
  nl: [
    'gasten-wifi',
    'bonprinter',
    'pinautomaat',
    'boekingssysteem',
    'sleutelkaartcodeerder',
    'VPN',
    'gedeelde mailbox',
    'beamer in de vergaderzaal',
    'laptopscherm',
    'wachtwoord van het intranet',
    'kassa',
    'factuursjabloon',
  ],
  da: [
    'gæste-wifi',
    'bonprinter',
    'kortterminal',
    'bookingsystem',
    'nøglekortkoder',
    'VPN',
    'delt postkasse',
    'projektor i mødelokalet',
    'bærbar skærm',
    'adgangskode til intranettet',
    'kasse',
    'fakturaskabelon',
  ],
};
const symptoms = {
  en: [
    'does not connect',
    'is slow in the evening',
    'shows an error after the update',
    'prints blank pages',
    'needs a restart every morning',
    'sign-in fails',
    'how to set it up',
    'how to reset it',
  ],
  nl: [
    'maakt geen verbinding',
    'is traag in de avond',
    'geeft een foutmelding na de update',
    'drukt lege pagina’s af',
    'moet elke ochtend opnieuw worden gestart',
    'aanmelden mislukt',
    'hoe stel ik het in',
    'hoe zet ik het terug',
  ],
  da: [
    'forbinder ikke',
    'er langsom om aftenen',
    'viser en fejl efter opdateringen',
    'udskriver tomme sider',
    'skal genstartes hver morgen',
    'login fejler',
    'sådan sætter du det op',
    'sådan nulstiller du det',
  ],
};
const bodies = {
  en: 'Check the cable and the power first. Restart the device, wait a minute and try again. If it still fails, record an incident with the site and the device number; the service desk has spare devices.',
  nl: 'Controleer eerst de kabel en de stroom. Start het apparaat opnieuw, wacht een minuut en probeer het nog eens. Lukt het dan nog niet, meld een incident met de locatie en het apparaatnummer.',
  da: 'Kontrollér først kablet og strømmen. Genstart enheden, vent et minut og prøv igen. Virker det stadig ikke, så meld en hændelse med stedet og enhedens nummer.',
};

const arr = (xs: string[]) =>
  sql`array[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;

export async function generateArticles(db: Db, scale: Scale) {
  const N = scale.articles;
  const k = sql`k`;
  // the language of article k, and its words in that language
  const lang = sql`(array['en','nl','da'])[1 + k % 3]`;
  const inLang = (by: Record<'en' | 'nl' | 'da', string[]>, index: ReturnType<typeof sql>) =>
    sql`(case k % 3 when 0 then ${arr(by.en)} when 1 then ${arr(by.nl)} else ${arr(by.da)} end)[1 + ${index}]`;
  const subject = inLang(subjects, pick('art-subject', k, subjects.en.length));
  const symptom = inLang(symptoms, pick('art-symptom', k, symptoms.en.length));
  const body = sql`(case k % 3 when 0 then ${bodies.en} when 1 then ${bodies.nl} else ${bodies.da} end)`;
  await db.execute(sql`
    insert into articles (id, number, type, audience, language, state, tags, published_version, title, summary,
                          body, published_at, review_by, views, helpful, not_helpful, created_at, updated_at)
    select ${uid('article', k)}, 'KB-' || lpad(k::text, 6, '0'),
           (array['how_to','troubleshooting','faq','known_error'])[1 + ${pick('art-type', k, 4)}],
           case when a < 0.60 then 'everyone' when a < 0.85 then 'customers' else 'agents' end,
           ${lang},
           case when st < 0.92 then 'published' when st < 0.96 then 'draft' else 'retired' end,
           array[lower(split_part(subj, ' ', 1)), 'site-' || (k % 97)],
           case when st < 0.92 or st >= 0.96 then 1 end,
           initcap(left(subj, 1)) || substr(subj, 2) || ': ' || sym || ' (site ' || (k % 97) || ')',
           sym, '<p>' || ${body} || '</p>',
           case when st < 0.92 or st >= 0.96 then now() - make_interval(days => ${pick('art-age', k, 700)}) end,
           current_date + ${pick('art-review', k, 400)} - 40,
           ${pick('art-views', k, 500)}, ${pick('art-yes', k, 40)}, ${pick('art-no', k, 10)},
           now() - make_interval(days => 700), now() - make_interval(days => ${pick('art-upd', k, 700)})
      from (select k, bench_rand('art-aud' || k) as a, bench_rand('art-state' || k) as st,
                   ${subject} as subj, ${symptom} as sym
              from generate_series(1, ${N}) k) x`);
  await db.execute(sql`
    insert into article_versions (article_id, number, state, title, summary, body, published_at, created_at, updated_at)
    select id, 1, case state when 'published' then 'published' when 'retired' then 'published' else 'draft' end,
           title, summary, body, published_at, created_at, updated_at from articles`);
  await db.execute(sql`
    insert into article_services (article_id, service_id)
    select ${uid('article', k)}, ${uid('svc', sql`k % ${scale.services}`)} from generate_series(1, ${N}) k`);
  // a fifth of the articles for customers are for one customer only
  await db.execute(sql`
    insert into article_customers (article_id, customer_id)
    select a.id, ${uid('customer', sql`a.k % ${scale.agreements}`)}
      from (select id, substr(number, 4)::int as k from articles where audience = 'customers') a
     where bench_rand('art-restrict' || a.k) < 0.2`);
  await db.execute(sql`select setval('article_number_seq', ${N})`);
}
