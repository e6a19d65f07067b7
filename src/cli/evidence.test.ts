import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealEverything, type TestKeel, testKeel } from '../testing/harness.ts';

/** `keel evidence export` and `keel evidence verify`, run as a person runs them. */
const run = promisify(execFile);
const node = path.resolve('node_modules/.bin/node');
const keel = path.resolve('src/cli/keel.ts');

async function cli(args: string[], env: Record<string, string>) {
  try {
    // a variable given as '' is left out, as if never set
    const all = Object.entries({ ...process.env, KEEL_LOG_LEVEL: 'warn', ...env }).filter(
      ([, v]) => v !== '',
    );
    const r = await run(node, [keel, ...args], {
      env: Object.fromEntries(all),
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

let k: TestKeel;
let env: Record<string, string>;
const dir = mkdtempSync(path.join(os.tmpdir(), 'keel-evidence-'));
const pack = path.join(dir, 'pack.zip');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  k = await testKeel();
  env = { DATABASE_URL: k.url };
  await k.user(['process_owner']);
  await sealEverything(k.db);
});

describe('keel evidence', () => {
  it('has --help for both commands', async () => {
    for (const c of [
      ['evidence', 'export'],
      ['evidence', 'verify'],
    ]) {
      const r = await cli([...c, '--help'], env);
      expect(r.code, c.join(' ')).toBe(0);
      expect(r.stdout).toContain(`keel -- ${c.join(' ')}`);
    }
  });

  it('export writes the pack of a period, recorded as made by Keel itself', async () => {
    const r = await cli(['evidence', 'export', '--period', '2026-01-01..2026-12-31', '--out', pack], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^evidence pack [0-9a-f-]{36} for 2026-01-01\.\.2026-12-31 written to .*pack\.zip: \d+ files, \d+ bytes$/m,
    );
    expect(r.stdout).toMatch(/^audit head: entry \d+, sequence \d+, hash [0-9a-f]{64}$/m);
    const files = unzipSync(new Uint8Array(readFileSync(pack)));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['index.html', 'manifest.json', 'records/policies.csv']),
    );
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest.madeBy).toEqual({ id: null, name: 'keel evidence export', email: null });
    const row = await k.db.execute<{ made_by: string | null }>(
      sql`select made_by from evidence_packs where id = ${manifest.pack}`,
    );
    expect(row.rows).toEqual([{ made_by: null }]);
  });

  it('verify exits 0 on the pack as made, against this Keel and offline', async () => {
    const r = await cli(['evidence', 'verify', pack], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'intact, the manifest is the one this Keel recorded and its audit head is in the chain',
    );
    const offline = await cli(['evidence', 'verify', pack, '--offline'], env);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain('checked against its manifest only');
  });

  it('verify without a database at hand exits 3 unless --offline, printing the manifest SHA-256', async () => {
    const recorded = (
      await k.db.execute<{ sha: string }>(
        sql`select manifest_sha256 as sha from evidence_packs order by made_at desc limit 1`,
      )
    ).rows[0]!.sha;
    const nowhere = { DATABASE_URL: '', KEEL_DATA_DIR: path.join(dir, 'no-keel-here') };
    const r = await cli(['evidence', 'verify', pack], nowhere);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain(`manifest SHA-256 ${recorded};`);
    expect(r.stderr).toContain('NOT checked against Keel: no Keel database at hand');
    const offline = await cli(['evidence', 'verify', pack, '--offline'], nowhere);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain(`manifest SHA-256 ${recorded};`);
  });

  it('verify exits 1 naming the file edited after export', async () => {
    const files = unzipSync(new Uint8Array(readFileSync(pack)));
    files['index.html'] = strToU8(strFromU8(files['index.html']!).replace('Readiness', 'Readyness'));
    const edited = path.join(dir, 'edited.zip');
    writeFileSync(edited, zipSync(files));
    for (const args of [[edited], [edited, '--offline']]) {
      const r = await cli(['evidence', 'verify', ...args], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /edited\.zip: 1 difference\n {2}index\.html: changed: \d+ bytes with SHA-256 [0-9a-f]{64}, the manifest says/,
      );
    }
  });

  it('names what is wrong with its arguments', async () => {
    const bad = await cli(['evidence', 'export', '--period', '2026-12-31..2026-01-01', '--out', pack], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--period: to must not be before from');
    const none = await cli(['evidence', 'export', '--out', pack], env);
    expect(none.stderr).toContain('--period is required');
    const missing = await cli(['evidence', 'verify', path.join(dir, 'nowhere.zip')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });

  it('export names no person: --as is not an option', async () => {
    const auditor = await k.user(['internal_auditor']);
    const r = await cli(
      ['evidence', 'export', '--period', '2026-01-01..2026-03-31', '--out', pack, '--as', auditor.email],
      env,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--as/);
  });

  it('export to a folder it cannot write records no pack', async () => {
    const count = async () =>
      (await k.db.execute<{ n: number }>(sql`select count(*)::int as n from evidence_packs`)).rows[0]!.n;
    const before = await count();
    const out = path.join(dir, 'no-such-folder', 'pack.zip');
    const r = await cli(['evidence', 'export', '--period', '2026-01-01..2026-03-31', '--out', out], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write ${out}`);
    expect(await count()).toBe(before);
  });
});
