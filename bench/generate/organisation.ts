import { sql } from 'drizzle-orm';
import type { Db } from '../../src/kernel/db/database.ts';
import type { Scale } from '../scales.ts';
import type { Estate } from './estate.ts';
import { uid } from './sql.ts';

/**
 * The people and agreements around the estate: customers (one per agreement), their users, agents in
 * groups (each agent in two), a service level manager, the services (the estate's business-service CIs,
 * live, each with a catalogue item), two business calendars, and one SLA per customer covering every
 * fourth service, with response, resolution and fulfilment targets per priority.
 *
 * Ids: customer c → uid('customer', c), user u → uid('user', u), agent a → uid('agent', a), group →
 * uid('group', g), service s → uid('svc', s), agreement c → uid('sla', c), catalogue item → uid('cat', s).
 * Customer user u (1-based) belongs to customer u % agreements; the SLA of customer c covers the services
 * s with s % 4 = c % 4.
 */
export async function generateOrganisation(db: Db, scale: Scale, estate: Estate) {
  const { agreements: C, agents: A, groups: G, customerUsers: U, services: S } = scale;
  await db.execute(sql`
    insert into customers (id, code, name)
    select ${uid('customer', sql`c`)}, 'C' || lpad(c::text, 3, '0'), 'Customer ' || c from generate_series(0, ${C - 1}) c`);
  await db.execute(sql`
    insert into users (id, email, name, language, customer_id)
    select ${uid('user', sql`u`)}, 'user' || u || '@customer' || (u % ${C}) || '.example', 'User ' || u,
           (array['en','nl','da'])[1 + u % 3], ${uid('customer', sql`u % ${C}`)}
      from generate_series(1, ${U}) u`);
  await db.execute(sql`
    insert into user_roles (user_id, role) select ${uid('user', sql`u`)}, 'customer' from generate_series(1, ${U}) u`);
  await db.execute(sql`
    insert into users (id, email, name, language)
    select ${uid('agent', sql`a`)}, 'agent' || a || '@keel-bench.example', 'Agent ' || a, (array['en','nl','da'])[1 + a % 3]
      from generate_series(1, ${A}) a
    union all select ${uid('slm', 1)}, 'slm@keel-bench.example', 'Service Level Manager', 'en'`);
  await db.execute(sql`
    insert into user_roles (user_id, role)
    select ${uid('agent', sql`a`)}, (array['service_desk_agent','resolver'])[1 + (a % 4 = 0)::int] from generate_series(1, ${A}) a
    union all select ${uid('slm', 1)}, 'service_level_manager'`);
  await db.execute(sql`
    insert into groups (id, name) select ${uid('group', sql`g`)}, 'Group ' || g from generate_series(0, ${G - 1}) g`);
  await db.execute(sql`
    insert into group_members (group_id, user_id)
    select ${uid('group', sql`(a + k) % ${G}`)}, ${uid('agent', sql`a`)}
      from generate_series(1, ${A}) a, generate_series(0, 1) k`);
  const [ba] = estate.ranges.business_service!;
  await db.execute(sql`
    insert into services (id, ci_id, status, criticality, published)
    select ${uid('svc', sql`s`)}, ${uid('ci', sql`${ba}::int + s`)}, 'live', 1 + s % 5, true from generate_series(0, ${S - 1}) s`);
  await db.execute(sql`
    insert into service_customers (service_id, customer_id)
    select ${uid('svc', sql`s`)}, ${uid('customer', sql`c`)}
      from generate_series(0, ${S - 1}) s, generate_series(0, ${C - 1}) c where s % 4 = c % 4`);
  await db.execute(sql`
    insert into catalogue_items (id, code, service_id, texts)
    select ${uid('cat', sql`s`)}, 'ITEM-' || s, ${uid('svc', sql`s`)},
           jsonb_build_object('en', jsonb_build_object('name', 'Access to service ' || (s + 1), 'description', 'Ask for access.'))
      from generate_series(0, ${S - 1}) s`);
  const office = { start: '08:00', end: '18:00' };
  const allDay = { start: '00:00', end: '24:00' };
  await db.execute(sql`
    insert into business_calendars (id, name, time_zone, week) values
      (${uid('cal', 0)}, 'Around the clock', 'UTC', ${JSON.stringify(Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [allDay]])))}::jsonb),
      (${uid('cal', 1)}, 'Office hours', 'Europe/Copenhagen', ${JSON.stringify(Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [office]])))}::jsonb)`);
  await db.execute(sql`
    insert into agreements (id, kind, name, customer_id, calendar_id, status)
    select ${uid('sla', sql`c`)}, 'sla', 'SLA Customer ' || c, ${uid('customer', sql`c`)}, ${uid('cal', sql`c % 2`)}, 'active'
      from generate_series(0, ${C - 1}) c`);
  await db.execute(sql`
    insert into agreement_services (agreement_id, service_id)
    select ${uid('sla', sql`c`)}, ${uid('svc', sql`s`)}
      from generate_series(0, ${C - 1}) c, generate_series(0, ${S - 1}) s where s % 4 = c % 4`);
  // minutes per priority 1..5
  await db.execute(sql`
    insert into agreement_targets (agreement_id, metric, priority, minutes)
    select ${uid('sla', sql`c`)}, m.metric, p, (m.minutes)[p]
      from generate_series(0, ${C - 1}) c, generate_series(1, 5) p,
           (values ('response', array[15, 30, 60, 240, 480]), ('resolution', array[240, 480, 1440, 2880, 5760]),
                   ('fulfilment', array[480, 1440, 2880, 5760, 7200])) m(metric, minutes)`);
}
