import { sql } from 'drizzle-orm';
import type { Db } from '../../src/kernel/db/database.ts';
import { numberAfter } from '../../src/kernel/records/numbering.ts';
import type { Scale } from '../scales.ts';
import { estateLayout } from './estate.ts';
import { pick, uid } from './sql.ts';

const words = [
  'printer',
  'booking',
  'wifi',
  'mailbox',
  'till',
  'encoder',
  'vpn',
  'laptop',
  'screen',
  'password',
  'invoice',
  'calendar',
];

/** How many known errors a scale has: a problem manager's documented workarounds, not a knowledge base. */
export const knownErrorsOf = (scale: Scale) => Math.max(50, Math.round(scale.workItems / 2000));

/**
 * Known errors as problem management leaves them (docs/problems.md): problems in state known_error, each on
 * a service and a CI, with a cause and a workaround in English, Dutch or Danish, worded from the same words
 * as the generated incidents, so suggestions find some and rank them. Problem n has the id uid('prb', n).
 */
export async function generateKnownErrors(db: Db, scale: Scale) {
  const n = knownErrorsOf(scale);
  const { cis } = estateLayout(scale.cis, scale.services);
  await db.execute(sql`alter table work_items disable trigger work_items_changed`);
  await db.execute(sql`
    with g as (
      select g, (${sql.param(words)}::text[])[1 + ${pick('kew1', sql`g`, 12)}] as w1,
             (${sql.param(words)}::text[])[1 + ${pick('kew2', sql`g`, 12)}] as w2,
             (array['en','nl','da'])[1 + g % 3] as lang,
             now() - make_interval(days => ${pick('keage', sql`g`, 700)}) as created
        from generate_series(1, ${n}::int) g)
    insert into work_items (id, type, number, title, description, state, final, priority, service_id, language,
                            created_at, updated_at)
    select ${uid('prb', sql`g`)}, 'problem', 'PRB-' || lpad(g::text, 6, '0'),
           case lang when 'en' then initcap(w1) || ' fails when the ' || w2 || ' is busy'
                     when 'nl' then initcap(w1) || ' werkt niet als de ' || w2 || ' druk is'
                     else initcap(w1) || ' virker ikke når ' || w2 || ' er optaget' end,
           '<p>Seen at several sites.</p>', 'known_error', false, 3,
           ${uid('svc', sql`g % ${scale.services}`)}, lang, created, created + interval '5 days'
      from g`);
  await db.execute(sql`
    insert into problems (work_item_id, origin, symptoms, cause, workaround, workaround_public, known_error_at)
    select w.id, 'incidents', 'The ' || split_part(w.title, ' ', 1) || ' stops at several sites.',
           'A defect in the ' || split_part(w.title, ' ', 1) || ' firmware.',
           'Restart the ' || lower(split_part(w.title, ' ', 1)) || ' and clear its cache; then sign in again.',
           w.id::text < '8', w.created_at + interval '3 days'
      from work_items w where w.type = 'problem'`);
  await db.execute(sql`
    insert into problem_cis (work_item_id, ci_id)
    select ${uid('prb', sql`g`)}, ${uid('ci', pick('keci', sql`g`, cis))} from generate_series(1, ${n}::int) g
    on conflict do nothing`);
  await db.execute(sql`alter table work_items enable trigger work_items_changed`);
  await numberAfter(db, 'problem', n);
  return n;
}
