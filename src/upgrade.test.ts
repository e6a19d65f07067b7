import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAudit } from './kernel/audit/chain.ts';
import { loadConfig } from './kernel/config.ts';
import { type Db, migrate, openDatabase } from './kernel/db/database.ts';
import { applyMigrations, migrationFiles } from './kernel/db/migrations.ts';
import { buildApp } from './kernel/http/app.ts';
import { allModules } from './modules/index.ts';
import { withDatabase } from './testing/global-setup.ts';
import { sealEverything } from './testing/harness.ts';

/**
 * An upgrade keeps the data: a database made by the previous release's schema, with rows written in that
 * schema's own terms (plain SQL, not today's code), migrates to the current schema and Keel works on it.
 *
 * Keel has no release tags yet, so "the previous release" is a migration level named here. Move it forward
 * when a release is cut; the SQL below is then rewritten against that level's schema. At 0022 the migrations
 * after it turn timestamps into dates (0023), move work item numbering to sequences (0024), copy item columns
 * into the clocks (0027) and build the service level counts from the clocks (0029): each is checked below.
 */
const PREVIOUS_RELEASE = '0022_plan_notes';

const token = 'keel_upgrade-test-token-0123456789';
const ids = {
  agent: '00000000-0000-4000-8000-000000000001',
  calendar: '00000000-0000-4000-8000-000000000002',
  agreement: '00000000-0000-4000-8000-000000000003',
  ci: '00000000-0000-4000-8000-000000000004',
  service: '00000000-0000-4000-8000-000000000005',
  item: '00000000-0000-4000-8000-000000000006',
  clock: '00000000-0000-4000-8000-000000000007',
  objective: '00000000-0000-4000-8000-000000000008',
};
const createdAt = '2026-01-15T09:30:00Z';

// the previous release's schema, written to as that release wrote it
const previousReleaseData = `
insert into users (id, email, name) values ('${ids.agent}', 'agent@upgrade.example', 'Una Upgrade');
insert into user_roles (user_id, role) values
  ('${ids.agent}', 'service_desk_agent'), ('${ids.agent}', 'service_level_manager'), ('${ids.agent}', 'process_owner');
insert into api_tokens (user_id, name, token_hash, prefix, scopes)
  values ('${ids.agent}', 'upgrade', '${createHash('sha256').update(token).digest('hex')}', '${token.slice(0, 12)}', '{read,write}');
insert into business_calendars (id, name, time_zone, week)
  values ('${ids.calendar}', 'Always', 'Europe/Amsterdam',
          '{"1":[{"start":"00:00","end":"24:00"}],"2":[{"start":"00:00","end":"24:00"}],"3":[{"start":"00:00","end":"24:00"}],"4":[{"start":"00:00","end":"24:00"}],"5":[{"start":"00:00","end":"24:00"}],"6":[{"start":"00:00","end":"24:00"}],"7":[{"start":"00:00","end":"24:00"}]}');
insert into cis (id, class_key, name) values ('${ids.ci}', 'business_service', 'Guest Wi-Fi');
insert into services (id, ci_id) values ('${ids.service}', '${ids.ci}');
insert into agreements (id, kind, name, calendar_id) values ('${ids.agreement}', 'sla', 'Guest services', '${ids.calendar}');
insert into agreement_services (agreement_id, service_id) values ('${ids.agreement}', '${ids.service}');
insert into work_item_counters (type, last) values ('incident', 41)
  on conflict (type) do update set last = excluded.last;
insert into work_items (id, type, number, title, state, priority, requester_id, service_id, created_by, created_at)
  values ('${ids.item}', 'incident', 'INC-000041', 'Wi-Fi down in the east wing', 'new', 2,
          '${ids.agent}', '${ids.service}', '${ids.agent}', '${createdAt}');
insert into incidents (work_item_id, impact, urgency, agreement_id) values ('${ids.item}', 2, 2, '${ids.agreement}');
insert into sla_clocks (id, work_item_id, metric, agreement_id, priority, state, deadline)
  values ('${ids.clock}', '${ids.item}', 'resolution', '${ids.agreement}', 2, 'running', '2026-01-15T17:30:00Z');
insert into objectives (id, code, title, owner_id, target, direction, unit, deadline, measurement)
  values ('${ids.objective}', 'OBJ-1', 'Answer guests fast', '${ids.agent}', 95, 'at_least', '%',
          '2026-03-31T00:00:00Z', '{"kind":"recorded"}');
insert into audit_log (actor_id, actor_label, action, record_type, record_id, after)
  values ('${ids.agent}', 'Una Upgrade', 'incident.created', 'incident', '${ids.item}', '{"number":"INC-000041"}');
`;

let admin: pg.Client;
let db: Db;
const name = `keel_t_upgrade_${Date.now()}`;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  db = openDatabase(withDatabase(inject('pgAdminUrl'), name), { max: 3 });
  const files = migrationFiles();
  const level = files.findIndex((m) => m.tag === PREVIOUS_RELEASE);
  expect(level, `${PREVIOUS_RELEASE} is one of the migrations`).toBeGreaterThanOrEqual(0);
  const client = await db.$client.connect();
  try {
    await client.query('begin');
    await applyMigrations(client, files.slice(0, level + 1));
    await client.query(previousReleaseData);
    await client.query('commit');
  } finally {
    client.release();
  }
});
afterAll(async () => {
  await db?.$client.end();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

describe(`upgrading a database of the previous release (${PREVIOUS_RELEASE})`, () => {
  it('migrates to the current schema, keeps every row and Keel works on it', async () => {
    await migrate(db);
    const applied = await db.$client.query('select count(*)::int as n from drizzle.__drizzle_migrations');
    expect(applied.rows[0].n).toBe(migrationFiles().length);

    // 0023: a deadline keeps its UTC day as a date
    const objective = await db.$client.query(`select deadline::text as d from objectives where id = $1`, [
      ids.objective,
    ]);
    expect(objective.rows[0].d).toBe('2026-03-31');
    // 0027: the clock carries its item's time of recording, type and service
    const clock = await db.$client.query(
      `select recorded_at, item_type, service_id from sla_clocks where id = $1`,
      [ids.clock],
    );
    expect(clock.rows[0]).toEqual({
      recorded_at: new Date(createdAt),
      item_type: 'incident',
      service_id: ids.service,
    });
    // 0029: the service level counts were built from the clocks already there
    const counts = await db.$client.query(
      `select sum(n)::int as n from sla_clock_counts where agreement_id = $1`,
      [ids.agreement],
    );
    expect(counts.rows[0].n).toBe(1);

    const app = await buildApp({
      keel: { db, config: loadConfig({ KEEL_DATA_DIR: '.keel-test/unused', KEEL_LOG_LEVEL: 'silent' }) },
      modules: allModules,
      logger: false,
    });
    try {
      const auth = { authorization: `Bearer ${token}` };
      const read = await app.inject({ url: '/api/v1/incidents/INC-000041', headers: auth });
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toMatchObject({ number: 'INC-000041', title: 'Wi-Fi down in the east wing' });
      // 0024: numbering goes on after the last number the previous release gave out
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: auth,
        payload: { title: 'After the upgrade', impact: 3, urgency: 3 },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().number).toBe('INC-000042');
      const obj = await app.inject({ url: `/api/v1/objectives/${ids.objective}`, headers: auth });
      expect(obj.statusCode, obj.body).toBe(200);
      expect(obj.json()).toMatchObject({ code: 'OBJ-1', deadline: '2026-03-31' });
      const report = await app.inject({
        url: `/api/v1/agreements/${ids.agreement}/report?from=2026-01-01&to=2026-01-31`,
        headers: auth,
      });
      expect(report.statusCode, report.body).toBe(200);
    } finally {
      await app.close();
    }

    // the previous release's audit entry and the new ones seal into one intact chain
    await sealEverything(db);
    const v = await verifyAudit(db);
    expect(v).toMatchObject({ ok: true, unsealed: 0 });
    expect(v.sealed).toBeGreaterThanOrEqual(2);
  });
});

describe('the migrations’ order', () => {
  it('dates every migration after the one before it, so an upgrade applies each new one', () => {
    // drizzle applies only migrations dated after the last one a database holds: a new migration dated
    // before an applied one would be skipped on upgrade without a word
    const dates = migrationFiles().map((m) => m.createdAt);
    const late = dates.flatMap((d, i) => (i > 0 && d <= dates[i - 1]! ? [migrationFiles()[i]!.tag] : []));
    expect(late).toEqual([]);
  });
});
