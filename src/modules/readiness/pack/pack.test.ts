import { sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  problemOf,
  sealEverything,
  type TestKeel,
  type TestUser,
  testKeel,
} from '../../../testing/harness.ts';
import { readinessFor } from '../queries.ts';
import { escapeHtml, statusWords } from './html.ts';
import { MANIFEST, type Manifest, sha256 } from './manifest.ts';
import { brokenLinks, seedCheckAndAct, text, unzip } from './testing.ts';
import { verifyEvidencePack } from './verify.ts';

/** The evidence pack over HTTP: who may make one, what it holds, and that tampering with it shows. */
let k: TestKeel;
let auditor: TestUser;
let head: TestUser;
let top: TestUser;
let agent: TestUser;
let customer: TestUser;

const make = (who: TestUser | null, payload: object) =>
  k.app.inject({
    method: 'POST',
    url: '/api/v1/evidence-packs',
    headers: who ? who.auth : {},
    payload,
  });
const year = { from: '2026-01-01', to: '2026-12-31' };

beforeAll(async () => {
  k = await testKeel();
  [auditor, head, top, agent, customer] = await Promise.all([
    k.user(['internal_auditor']),
    k.user(['process_owner']),
    k.user(['top_management']),
    k.user(['service_desk_agent']),
    k.user(['customer']),
  ]);
  const post = (url: string, who: TestUser, payload: object = {}) =>
    k.app.inject({ method: 'POST', url, headers: who.auth, payload });
  const policy = await post('/api/v1/policies', head, {
    identifier: 'POL-SM-01',
    title: 'Service management policy',
    kind: 'service_management',
    ownerId: head.id,
    approverRoles: ['top_management'],
    audience: { everyone: true },
    body: '<p>We deliver the services agreed with our customers.</p>',
  });
  expect(policy.statusCode, policy.body).toBe(201);
  const id = policy.json().id;
  await post(`/api/v1/policies/${id}/submit`, head);
  expect((await post(`/api/v1/policies/${id}/decisions`, top, { approved: true })).statusCode).toBe(200);
  expect((await post(`/api/v1/policies/${id}/publish`, head)).statusCode).toBe(200);
  await seedCheckAndAct(k, auditor, head);
  await sealEverything(k.db);
});

describe('who may make an evidence pack', () => {
  it('internal auditors and the head of service management; nobody else, customers least of all', async () => {
    for (const who of [customer, agent, top]) {
      const res = await make(who, year);
      expect(res.statusCode, who.email).toBe(403);
      problemOf(res);
    }
    expect((await make(null, year)).statusCode).toBe(401);
    expect((await make(head, year)).statusCode).toBe(200);
  });

  it('refuses a period that is no period, naming the field, and records nothing', async () => {
    const before = (await k.db.execute<{ n: number }>(sql`select count(*)::int as n from evidence_packs`))
      .rows[0]!.n;
    const cases: Array<[object, string]> = [
      [{ from: '2026-12-31', to: '2026-01-01' }, 'to'],
      [{ from: '2026-02-30', to: '2026-12-31' }, 'from'],
      [{ from: '2026-01-01' }, 'to'],
      [{ from: '2010-01-01', to: '2026-12-31' }, 'to'],
    ];
    for (const [body, field] of cases) {
      const res = await make(auditor, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toContain(field);
    }
    const after = (await k.db.execute<{ n: number }>(sql`select count(*)::int as n from evidence_packs`))
      .rows[0]!.n;
    expect(after).toBe(before);
  });
});

describe('an evidence pack', () => {
  let zip: Buffer;
  let files: Record<string, Uint8Array>;
  let manifest: Manifest;
  let packId: string;

  beforeAll(async () => {
    const res = await make(auditor, year);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="keel-evidence-2026-01-01-2026-12-31.zip"',
    );
    zip = res.rawPayload;
    files = unzip(zip);
    manifest = JSON.parse(text(files, MANIFEST));
    packId = String(res.headers['x-keel-evidence-pack']);
  });

  it('opens, and every file but the manifest is listed in it with its size and SHA-256', () => {
    const inZip = Object.keys(files)
      .filter((p) => p !== MANIFEST)
      .sort();
    expect(manifest.files.map((f) => f.path)).toEqual(inZip);
    for (const f of manifest.files) {
      expect(f.size, f.path).toBe(files[f.path]!.length);
      expect(f.sha256, f.path).toBe(sha256(files[f.path]!));
    }
    expect(manifest).toMatchObject({
      format: 'keel-evidence-pack/1',
      pack: packId,
      period: year,
      madeBy: { id: auditor.id, email: auditor.email },
    });
  });

  it('holds the index, a page per clause, the registers as CSV and the documents as PDF', () => {
    const paths = Object.keys(files);
    expect(paths).toContain('index.html');
    for (const kind of [
      'policies',
      'policy-decisions',
      'policy-acknowledgements',
      'objectives',
      'objective-measurements',
      'risks',
      'audit-programmes',
      'audits',
      'findings',
      'nonconformities',
      'corrective-actions',
      'improvements',
      'management-reviews',
      'review-decisions',
      'review-actions',
      'sla-reports',
      'changes',
      'cmdb-audits',
      'report-distributions',
    ]) {
      expect(paths, kind).toContain(`records/${kind}.csv`);
    }
    expect(paths).toContain('records/policies/POL-SM-01-v1.pdf');
    expect(paths).toContain('records/audits/AUD-2026-01.pdf');
    expect(paths).toContain('records/management-reviews/MR-2026-1.pdf');
    for (const p of paths.filter((x) => x.endsWith('.pdf'))) {
      expect(strToText(files[p]!.slice(0, 5)), p).toBe('%PDF-');
    }
    const policies = text(files, 'records/policies.csv');
    // a byte-order mark first, so spreadsheets read the letters of nl and da right
    expect([...files['records/policies.csv']!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(policies).toMatch(/^identifier,title,kind/);
    expect(policies).toContain('POL-SM-01,Service management policy,service_management');
    // a title with quotes and a comma stays one field; a cell that looks like a formula stays text
    expect(text(files, 'records/nonconformities.csv')).toContain(
      '"Emergency change approved afterwards, ""by phone"", not recorded"',
    );
    expect(text(files, 'records/corrective-actions.csv')).toContain("'=Train the CAB");
    expect(text(files, 'records/findings.csv')).toContain('F-2026-001,AUD-2026-01,minor_nc,8.5.1');
  });

  it('shows the readiness of every clause of the register, each on a page of its own', async () => {
    const r = await readinessFor(k.db, { at: new Date(manifest.madeAt), lang: 'en' });
    expect(r.clauses.length).toBeGreaterThan(30);
    const index = text(files, 'index.html');
    expect(index).toContain(`<b>${r.figure}%</b>`);
    for (const c of r.clauses) {
      expect(index, c.number).toContain(`<a href="clauses/${c.number}.html">`);
      const page = text(files, `clauses/${c.number}.html`);
      expect(page, c.number).toContain(`<span class="status ${c.status}">${statusWords[c.status]}</span>`);
      for (const rule of c.rules) expect(page, `${c.number} ${rule.rule}`).toContain(escapeHtml(rule.text));
    }
    // the audit and the review seeded are filed under their clauses' pages
    expect(text(files, 'clauses/9.2.html')).toContain('href="../records/audits/AUD-2026-01.pdf"');
    expect(text(files, 'clauses/9.3.html')).toContain('href="../records/management-reviews/MR-2026-1.pdf"');
    expect(text(files, 'clauses/10.1.html')).toContain('href="../records/nonconformities.csv"');
  });

  it('links only to files inside it, every one of which is there', () => {
    expect(brokenLinks(files)).toEqual([]);
    const index = text(files, 'index.html');
    expect(index).toContain('href="records/policies/POL-SM-01-v1.pdf"');
    expect(index).toContain('href="records/audits.csv"');
    expect(index).not.toContain('<script>');
    expect(index).toContain(manifest.auditHead!.hash);
  });

  it('is tied to the sealed audit chain, recorded, and its making is in the audit log', async () => {
    const entry = await k.db.execute<{ seq: string; hash: string }>(
      sql`select seq::text, hash from audit_log where id = ${manifest.auditHead!.id}::bigint`,
    );
    expect(entry.rows[0]).toEqual({ seq: manifest.auditHead!.seq, hash: manifest.auditHead!.hash });
    const row = await k.db.execute<Record<string, unknown>>(sql`
      select made_by, period_from, period_to, manifest_sha256, audit_head_id, audit_head_hash, files, bytes
        from evidence_packs where id = ${packId}`);
    expect(row.rows[0]).toMatchObject({
      made_by: auditor.id,
      manifest_sha256: sha256(files[MANIFEST]!),
      audit_head_id: manifest.auditHead!.id,
      audit_head_hash: manifest.auditHead!.hash,
      files: manifest.files.length + 1,
      bytes: zip.length,
    });
    const audit = await k.db.execute<{ action: string; actor_id: string }>(
      sql`select action, actor_id from audit_log where record_type = 'evidence_pack' and record_id = ${packId}`,
    );
    expect(audit.rows).toEqual([{ action: 'evidence_pack.made', actor_id: auditor.id }]);
  });

  it('verifies as it is, alone and against this Keel', async () => {
    expect(await verifyEvidencePack(new Uint8Array(zip))).toMatchObject({ ok: true, differences: [] });
    expect(await verifyEvidencePack(new Uint8Array(zip), k.db)).toMatchObject({
      ok: true,
      againstKeel: true,
      differences: [],
    });
  });

  it('shows every file changed, added or removed after export, by path', async () => {
    const edited = { ...files };
    edited['records/risks.csv'] = strToU8(`${text(files, 'records/risks.csv')}RISK-X,risk,Forged\r\n`);
    edited['records/extra.csv'] = strToU8('a,b\r\n');
    delete edited['records/changes.csv'];
    const v = await verifyEvidencePack(zipSync(edited));
    expect(v.ok).toBe(false);
    expect(v.differences.map((d) => [d.path, d.problem.split(':')[0]])).toEqual([
      ['records/changes.csv', 'listed in the manifest but not in the pack'],
      ['records/extra.csv', 'in the pack but not listed in the manifest'],
      ['records/risks.csv', 'changed'],
    ]);
  });

  it('shows a manifest rewritten to match edited files, and an audit head not in the chain, against this Keel', async () => {
    const edited = { ...files };
    edited['records/risks.csv'] = strToU8('code\r\nnothing to see\r\n');
    const forged: Manifest = {
      ...manifest,
      files: manifest.files.map((f) =>
        f.path === 'records/risks.csv'
          ? { ...f, size: edited[f.path]!.length, sha256: sha256(edited[f.path]!) }
          : f,
      ),
    };
    edited[MANIFEST] = strToU8(JSON.stringify(forged));
    expect((await verifyEvidencePack(zipSync(edited))).ok).toBe(true);
    const v = await verifyEvidencePack(zipSync(edited), k.db);
    expect(v.differences).toEqual([
      {
        path: MANIFEST,
        problem: expect.stringMatching(/^changed: its SHA-256 is [0-9a-f]{64}, this Keel recorded/),
      },
    ]);
    edited[MANIFEST] = strToU8(
      JSON.stringify({ ...manifest, auditHead: { ...manifest.auditHead!, hash: 'f'.repeat(64) } }),
    );
    const head = await verifyEvidencePack(zipSync(edited), k.db);
    expect(head.differences.map((d) => d.problem)).toContainEqual(
      expect.stringMatching(/^audit head entry \d+ is sealed as sequence \d+ with hash/),
    );
  });

  it('shows a ZIP that is none, and one without a manifest', async () => {
    expect((await verifyEvidencePack(strToU8('not a zip'))).differences[0]).toMatchObject({ path: '(zip)' });
    const { [MANIFEST]: _, ...rest } = files;
    expect((await verifyEvidencePack(zipSync(rest))).differences).toEqual([
      { path: MANIFEST, problem: 'missing' },
    ]);
  });
});

const strToText = (b: Uint8Array) => Buffer.from(b).toString('latin1');
