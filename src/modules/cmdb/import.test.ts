import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../kernel/csv/csv.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

let k: TestKeel;
let cm: TestUser;
let agent: TestUser;

beforeAll(async () => {
  k = await testKeel();
  [cm, agent] = await Promise.all([k.user(['configuration_manager']), k.user(['service_desk_agent'])]);
});

const upload = (url: string, csv: string, query = '', who = cm) =>
  k.app.inject({
    method: 'POST',
    url: `${url}${query}`,
    headers: { ...who.auth, 'content-type': 'text/csv' },
    payload: csv,
  });

const servers = [
  'Class,Host,Asset tag,Status,RAM (GB),Cores,Notes',
  'server,srv-pos-01,A-100,live,32,8,till back office',
  'server,srv-mail-01,A-101,live,64,16,',
  'site,Hotel Alpenrose,S-1,live,,,',
].join('\n');
const mapping = encodeURIComponent(
  JSON.stringify({
    Class: 'classKey',
    Host: 'name',
    'Asset tag': 'externalId',
    Status: 'status',
    'RAM (GB)': 'attributes.memory_gb',
    Cores: 'attributes.cpu_cores',
    Notes: 'description',
  }),
);

describe('CSV import of CIs', () => {
  it('a dry run reports each row and writes nothing', async () => {
    const res = await upload('/api/v1/cis/import', servers, `?dryRun=true&mapping=${mapping}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, created: 3, updated: 0, failed: 0 });
    expect(res.json().rows.map((r: { row: number; action: string }) => [r.row, r.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'create'],
    ]);
    const list = await k.app.inject({ url: '/api/v1/cis?class=server', headers: agent.auth });
    expect(list.json().items).toEqual([]);
  });

  it('imports with a column mapping, then a second import of the same file changes nothing', async () => {
    const first = await upload('/api/v1/cis/import', servers, `?dryRun=false&mapping=${mapping}`);
    expect(first.json()).toMatchObject({ dryRun: false, created: 3 });
    const ci = (await k.app.inject({ url: '/api/v1/cis?q=srv-pos', headers: agent.auth })).json().items[0];
    expect(ci).toMatchObject({
      externalId: 'A-100',
      status: 'live',
      attributes: { memory_gb: 32, cpu_cores: 8 },
      description: 'till back office',
    });
    const again = await upload('/api/v1/cis/import', servers, `?dryRun=false&mapping=${mapping}`);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const changed = servers.replace('srv-mail-01,A-101,live,64', 'srv-mail-01,A-101,live,128');
    const update = await upload('/api/v1/cis/import', changed, `?dryRun=false&mapping=${mapping}`);
    expect(update.json()).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const hist = await k.app.inject({
      url: `/api/v1/cis/${update.json().rows[1].id}/history`,
      headers: agent.auth,
    });
    expect(hist.json().items[0]).toMatchObject({
      field: 'attributes.memory_gb',
      oldValue: 64,
      newValue: 128,
    });
  });

  it('bad rows are reported with their row and field, and nothing at all is written', async () => {
    const csv = [
      'classKey,name,status,attributes.cpu_cores,location,owner',
      'server,srv-new-1,live,4,Hotel Alpenrose,',
      'server,srv-new-2,flying,lots,Nowhere,nobody@test.example',
      'spaceship,x,live,,,',
      'server,srv-new-1,live,4,,',
    ].join('\n');
    const res = await upload('/api/v1/cis/import', csv, '?dryRun=false');
    expect(res.statusCode).toBe(400);
    const p = problemOf(res);
    expect(p.detail).toMatch(/2 of 4 rows have errors; nothing was imported/);
    expect(p.errors).toEqual(
      expect.arrayContaining([
        { field: 'rows.3.status', message: expect.stringContaining('must be one of') },
        { field: 'rows.3.location', message: 'no site named "Nowhere"' },
        { field: 'rows.3.owner', message: 'no user with e-mail nobody@test.example' },
        { field: 'rows.3.attributes.cpu_cores', message: 'must be a whole number' },
        { field: 'rows.4.classKey', message: 'unknown CI class "spaceship"' },
      ]),
    );
    // row 5 repeats row 2's key within the same file: the second is an update of the first, not an error
    expect(p.errors!.some((e) => e.field.startsWith('rows.5.'))).toBe(false);
    const none = await k.app.inject({ url: '/api/v1/cis?q=srv-new', headers: agent.auth });
    expect(none.json().items).toEqual([]);
    const dry = await upload('/api/v1/cis/import', csv, '?dryRun=true');
    expect(dry.json().rows.map((r: { action: string }) => r.action)).toEqual([
      'create',
      'error',
      'error',
      'unchanged',
    ]);
  });

  it('rows the database would refuse are row errors too: impossible dates, new CIs without a name, long names', async () => {
    const csv = [
      'classKey,name,externalId,purchaseDate',
      'server,srv-feb,F-1,2024-02-30',
      'server,,NEW-1,',
      `server,${'x'.repeat(301)},,`,
      "application,'=SUM(A1),,",
    ].join('\n');
    const res = await upload('/api/v1/cis/import', csv, '?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res.json().rows.map((r: { errors: Array<{ field: string }> }) => r.errors.map((e) => e.field)),
    ).toEqual([['rows.2.purchaseDate'], ['rows.3.name'], ['rows.4.name'], []]);
    // the quote the export puts before a formula-like cell is taken off again
    expect(res.json().rows[3]).toMatchObject({ action: 'create', key: 'application =SUM(A1)' });
  });

  it('a key that belongs to a CI of another class is refused for that row', async () => {
    // A-100 is a server (imported above); a row claiming it for a site must not turn it into one
    const res = await upload(
      '/api/v1/cis/import',
      'classKey,name,externalId\nsite,Somewhere,A-100',
      '?dryRun=true',
    );
    expect(res.json().rows[0]).toMatchObject({
      action: 'error',
      errors: [{ field: 'rows.2.classKey', message: 'external id A-100 belongs to a server' }],
    });
  });

  it('unknown columns, bad mapping and broken CSV stop before any row', async () => {
    const unknown = await upload('/api/v1/cis/import', 'classKey,name,colour\nserver,a,red');
    expect(problemOf(unknown).errors).toEqual([
      { field: 'columns.colour', message: 'unknown column "colour"; map it to a field or to "ignore"' },
    ]);
    const ignored = await upload(
      '/api/v1/cis/import',
      'classKey,name,colour\nserver,a,red',
      `?mapping=${encodeURIComponent('{"colour":"ignore"}')}`,
    );
    expect(ignored.statusCode).toBe(200);
    const badMapping = await upload('/api/v1/cis/import', 'classKey,name\nserver,a', '?mapping=nope');
    expect(problemOf(badMapping).errors![0]!.field).toBe('querystring.mapping');
    const broken = await upload('/api/v1/cis/import', 'classKey,name\nserver,"unclosed');
    expect(problemOf(broken).errors![0]!.message).toMatch(/not valid CSV/);
    const empty = await upload('/api/v1/cis/import', '');
    expect(empty.statusCode).toBe(400);
    expect((await upload('/api/v1/cis/import', servers, '', agent)).statusCode).toBe(403);
  });

  it('relationships import by key, idempotently', async () => {
    const csv = [
      'sourceClass,source,type,targetClass,target',
      'server,srv-pos-01,located_at,site,Hotel Alpenrose',
      ',A-101,located_at,,S-1',
    ].join('\n');
    const res = await upload('/api/v1/ci-relationships/import', csv, '?dryRun=false');
    expect(res.json()).toMatchObject({ created: 2, failed: 0 });
    const again = await upload('/api/v1/ci-relationships/import', csv, '?dryRun=false');
    expect(again.json()).toMatchObject({ created: 0, unchanged: 2 });
    const bad = await upload(
      '/api/v1/ci-relationships/import',
      `${csv}\nserver,ghost,located_at,site,Hotel Alpenrose`,
      '?dryRun=true',
    );
    expect(bad.json().rows[2]).toMatchObject({
      action: 'error',
      errors: [{ field: 'rows.4.source', message: 'no CI "ghost" of class server' }],
    });
  });

  it('exports a filtered list to CSV that imports back unchanged', async () => {
    const res = await k.app.inject({ url: '/api/v1/cis/export?class=server', headers: agent.auth });
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual(
      expect.arrayContaining(['classKey', 'name', 'externalId', 'attributes.memory_gb']),
    );
    expect(rows.slice(1).map((r) => r[1])).toEqual(['srv-mail-01', 'srv-pos-01']);
    const back = await upload('/api/v1/cis/import', res.body, '?dryRun=false');
    expect(back.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 0 });
  });
});
