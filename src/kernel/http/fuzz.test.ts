/**
 * A fuzz test generated from Keel's own OpenAPI document: for every operation, requests with path, query and
 * body drawn from the operation's declared schemas (and now and then from anything at all), sent as an
 * administrator and as a customer. Keel must never answer 5xx, every error must be an RFC 9457 problem, and a
 * write it refuses must change no row (row counts of every table, the audit log among them, before and after).
 * Seeded and bounded: the same requests every run (KEEL_FUZZ_SEED picks others), a few thousand in all.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { staffRoles } from '../access/roles.ts';
import { createApiToken, createUser } from '../auth/users.ts';
import { runCommand, systemActor } from '../db/tx.ts';

const seed = Number(process.env.KEEL_FUZZ_SEED ?? 20_230_023);
/** Requests per operation and person, and one more for each of its parameters (up to six more). */
const perOperation = 5;

// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema as the OpenAPI document holds it, walked loosely
type Schema = Record<string, any>;
type Parameter = { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};

let k: TestKeel;
let admin: TestUser;
let customer: TestUser;
const ids: string[] = [];
const numbers: string[] = [];

/**
 * Values the generator draws a UUID or a work-item number from: mostly records that exist (those made before
 * and those found in answers along the way), some not.
 */
const uuid = () =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() });
const itemNumber = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...numbers) },
    { weight: 1, arbitrary: fc.constantFrom('INC-000000', 'REQ-999999', 'X', '') },
  );
const day = () =>
  fc.oneof(
    fc.date({
      min: new Date('1899-06-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    // the edges of what Keel computes with, where a day's reckoning leaves four-digit years
    fc.constantFrom(
      ...['2026-01-01', '1900-01-01', '9998-12-31', '9999-12-31', '0001-01-01'].map(
        (d) => new Date(`${d}T00:00:00Z`),
      ),
    ),
  );

/** An arbitrary for values of a JSON Schema (as zod writes them: no $ref), bounded in depth and size. */
function valuesOf(s: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || typeof s !== 'object' || depth > 5) return fc.constant(null);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const union = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (union) return union.length ? fc.oneof(...union.map((x) => valuesOf(x, depth + 1))) : fc.constant(null);
  if (s.allOf) return valuesOf(s.allOf[0], depth + 1);
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => valuesOf({ ...s, type }, depth)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.oneof(
        fc.integer({ min: s.minimum ?? -5, max: Math.min(s.maximum ?? 50, 1e9) }),
        fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER),
      );
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 100 }));
    case 'array':
      return fc.array(valuesOf(s.items, depth + 1), {
        minLength: Math.min(s.minItems ?? 0, 3),
        maxLength: Math.max(Math.min(s.maxItems ?? 3, 3), Math.min(s.minItems ?? 0, 3)),
      });
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const record = fc.record(
        Object.fromEntries(Object.entries(props).map(([name, p]) => [name, valuesOf(p, depth + 1)])),
        { requiredKeys: (s.required ?? []).filter((r: string) => r in props) },
      );
      if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        const key = s.propertyNames
          ? valuesOf({ type: 'string', ...s.propertyNames }, depth + 1)
          : fc.string();
        return fc
          .tuple(
            record,
            fc.dictionary(key as fc.Arbitrary<string>, valuesOf(s.additionalProperties, depth + 1), {
              maxKeys: 3,
            }),
          )
          .map(([a, b]) => ({ ...b, ...a }));
      }
      return record;
    }
    case 'string': {
      if (s.format === 'uuid') return uuid();
      if (s.format === 'date') return day().map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'date-time') return day().map((d) => d.toISOString());
      if (s.format === 'email') return fc.oneof(fc.emailAddress(), fc.constant('customer@fuzz.example'));
      if (s.pattern) {
        const matching = fc.stringMatching(new RegExp(s.pattern));
        return s.maxLength ? matching.filter((v) => v.length <= s.maxLength) : matching;
      }
      const maxLength = Math.min(s.maxLength ?? 40, 300);
      return fc.oneof(
        fc.string({ minLength: Math.min(s.minLength ?? 0, maxLength), maxLength }),
        fc.string({ unit: 'binary', maxLength: Math.min(maxLength, 20) }),
        itemNumber(),
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Now and then anything at all instead of what the schema asks, so validation is fuzzed too. */
const orAnything = (a: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });

/** Ids found in the answers of a collection (`/api/v1/agreements` → `agreements`), for its `{id}` routes. */
const idsOf = new Map<string, string[]>();

function pathValue(p: Parameter, path: string) {
  if (p.name === 'number' || p.name === 'ref') return itemNumber();
  const collection = new RegExp(`/([^/{}]+)/\\{${p.name}\\}`).exec(path)?.[1];
  const known = collection ? idsOf.get(collection) : undefined;
  if (known?.length) {
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: uuid() });
  }
  if (p.schema?.format === 'uuid') return uuid();
  return fc.oneof(valuesOf(p.schema), fc.string({ minLength: 1, maxLength: 10 }), uuid());
}

type Request = { method: string; url: string; payload?: unknown; write: boolean; ifMatch?: string };

function requestsFor(path: string, method: string, op: Operation): fc.Arbitrary<Request> {
  const params = op.parameters ?? [];
  const inPath = params.filter((p) => p.in === 'path');
  const inQuery = params.filter((p) => p.in === 'query');
  const json = op.requestBody?.content['application/json']?.schema;
  return fc
    .record({
      path: fc.tuple(...inPath.map((p) => pathValue(p, path))),
      query: fc.tuple(...inQuery.map((p) => fc.option(orAnything(valuesOf(p.schema)), { nil: undefined }))),
      body: json
        ? fc.option(orAnything(valuesOf(json)), { nil: undefined, freq: 8 })
        : fc.constant(undefined),
      ifMatch: fc.constantFrom(undefined, '*', '*', '"1"', 'W/"1"'),
    })
    .map(({ path: values, query, body, ifMatch }) => {
      let url = path;
      inPath.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, encodeURIComponent(String(values[i] ?? '')) || '_');
      });
      const search = new URLSearchParams();
      inQuery.forEach((p, i) => {
        const v = query[i];
        if (v === undefined) return;
        for (const one of Array.isArray(v) ? v : [v]) {
          search.append(p.name, typeof one === 'object' ? JSON.stringify(one) : String(one));
        }
      });
      const q = search.toString();
      return {
        method: method.toUpperCase(),
        url: q ? `${url}?${q}` : url,
        payload: body,
        write: !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()),
        ifMatch,
      };
    });
}

/**
 * Takes the ids and work-item numbers an answer names into the pools, and the ids a collection's answer names
 * into that collection's. Not the ids of the two people and their tokens: the fuzz would revoke its own
 * sign-in and send the rest of its requests unheard.
 */
const ownIds = new Set<string>();
function harvest(body: string, path: string) {
  const found = (body.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []).filter(
    (v) => !ownIds.has(v),
  );
  const collection = /\/([^/{}]+)$/.exec(path)?.[1];
  const own = collection ? (idsOf.get(collection) ?? []) : [];
  if (collection) idsOf.set(collection, own);
  for (const [values, pool, max] of [
    [found, ids, 300],
    [found, own, 30],
    [body.match(/\b[A-Z]{2,5}-\d{6}\b/g) ?? [], numbers, 100],
  ] as const) {
    for (const v of values) if (pool.length < max && !pool.includes(v)) pool.push(v);
  }
}

/** Tables a refused request writes on purpose: a failed sign-in counts towards its throttle. */
const keptOnRefusal = new Set(['login_throttle']);

/** Rows in every table of Keel's schema, in one query: what a refused write must leave as it was. */
let countAll = '';
async function rowCounts(): Promise<Record<string, number>> {
  const r = await k.db.$client.query<Record<string, number>>(countAll);
  return r.rows[0]!;
}

beforeAll(async () => {
  k = await testKeel();
  // the administrator holds every staff role, so that the fuzz reaches past access into every command
  admin = await k.user([...staffRoles]);
  const post = async (url: string, payload: object) => {
    const res = await k.app.inject({ method: 'POST', url, headers: admin.auth, payload });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const org = await post('/api/v1/customers', { code: 'FZZ', name: 'Hotel Fuzz' });
  const other = await post('/api/v1/customers', { code: 'OTH', name: 'Hotel Other' });
  customer = await runCommand(k.db, systemActor('test'), null, async (ctx) => {
    const { user } = await createUser(ctx, {
      email: 'customer@fuzz.example',
      name: 'Fuzz Customer',
      password: 'correct horse battery',
      roles: ['customer'],
      customerId: org.id,
    });
    const { token } = await createApiToken(ctx, { userId: user.id, name: 'fuzz', scopes: ['read', 'write'] });
    return { id: user.id, email: user.email, token, auth: { authorization: `Bearer ${token}` } };
  });
  const service = await post('/api/v1/services', { name: 'Fuzzed booking', status: 'live' });
  const incident = await post('/api/v1/incidents', {
    title: 'Fuzz me',
    impact: 3,
    urgency: 3,
    customerId: org.id,
    requesterId: customer.id,
  });
  const elsewhere = await post('/api/v1/incidents', {
    title: 'Not hers',
    impact: 2,
    urgency: 2,
    customerId: other.id,
  });
  const calendar = await post('/api/v1/calendars', {
    name: 'Fuzz hours',
    timeZone: 'Europe/Zurich',
    week: {},
  });
  const sla = await post('/api/v1/agreements', {
    kind: 'sla',
    name: 'Fuzz SLA',
    customerId: org.id,
    calendarId: calendar.id,
    serviceIds: [service.id],
    targets: [{ metric: 'resolution', priority: 1, minutes: 240 }],
  });
  ids.push(org.id, other.id, service.id, incident.id, elsewhere.id, calendar.id, sla.id);
  numbers.push(incident.number, elsewhere.number);
  const own = await k.db.$client.query<{ id: string }>(
    'select id from users where id = any($1) union all select id from api_tokens where user_id = any($1)',
    [[admin.id, customer.id]],
  );
  for (const r of own.rows) ownIds.add(r.id);
  const tables = await k.db.$client.query<{ name: string }>(
    "select tablename as name from pg_tables where schemaname = 'public' order by 1",
  );
  countAll = `select ${tables.rows.map((t) => `(select count(*)::int from "${t.name}") as "${t.name}"`).join(', ')}`;
});

describe('Keel under requests generated from its OpenAPI document', () => {
  it('answers no 5xx, every error as problem+json, and a refused write changes no row', async () => {
    const doc = k.app.swagger() as unknown as {
      paths: Record<string, Record<string, Operation>>;
    };
    const findings: string[] = [];
    const statuses: Record<number, number> = {};
    let sent = 0;
    for (const [who, user] of [
      ['administrator', admin],
      ['customer', customer],
    ] as const) {
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          // a live stream never ends; its refusals are tested with the other routes of the live module
          if (op.responses['200']?.content?.['text/event-stream']) continue;
          const requests = fc.sample(requestsFor(path, method, op), {
            seed: seed + sent,
            numRuns: perOperation + Math.min(6, op.parameters?.length ?? 0),
          });
          for (const r of requests) {
            sent += 1;
            const before = r.write ? await rowCounts() : null;
            const res = await k.app.inject({
              method: r.method as 'GET',
              url: r.url,
              headers: {
                ...user.auth,
                ...(r.write && r.ifMatch ? { 'if-match': r.ifMatch } : {}),
                ...(r.payload === undefined ? {} : { 'content-type': 'application/json' }),
              },
              ...(r.payload === undefined ? {} : { payload: JSON.stringify(r.payload) }),
            });
            const what = `${who} ${r.method} ${r.url} ${JSON.stringify(r.payload)?.slice(0, 300)}`;
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
            if (res.statusCode < 300) harvest(res.body, path);
            if (res.statusCode >= 500) findings.push(`${res.statusCode} ${what}`);
            if (
              res.statusCode >= 400 &&
              !String(res.headers['content-type']).startsWith('application/problem+json')
            ) {
              findings.push(`${res.statusCode} not problem+json (${res.headers['content-type']}): ${what}`);
            }
            if (before && res.statusCode >= 400) {
              const after = await rowCounts();
              const changed = Object.keys(after).filter(
                (t) => after[t] !== before[t] && !keptOnRefusal.has(t),
              );
              if (changed.length) findings.push(`${res.statusCode} wrote ${changed.join(', ')}: ${what}`);
            }
          }
        }
      }
    }
    if (process.env.KEEL_FUZZ_VERBOSE) console.log(sent, statuses);
    expect(sent).toBeGreaterThan(2000);
    expect(findings).toEqual([]);
  }, 120_000);
});
