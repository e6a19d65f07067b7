import { createHash } from 'node:crypto';
import { strFromU8, strToU8, type UnzipFileInfo, unzipSync, type Zippable, zipSync } from 'fflate';
import { z } from 'zod';

/**
 * The pack's manifest and the check of a pack against it, with no database: every file's path, size and
 * SHA-256, the period, who made it and when, and the audit chain's head at export. Tampering after export
 * shows as a file whose hash differs, a file added or missing, or a manifest that is not the one this Keel
 * recorded (`evidence_packs.manifest_sha256`, checked by verify.ts when a database is at hand).
 */
export const MANIFEST = 'manifest.json';
export const FORMAT = 'keel-evidence-pack/1';

const manifestFile = z.object({
  path: z.string().min(1),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestShape = z.object({
  format: z.literal(FORMAT),
  pack: z.uuid(),
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  madeAt: z.iso.datetime(),
  madeBy: z.object({ id: z.uuid().nullable(), name: z.string(), email: z.string().nullable() }),
  /** The newest sealed audit entry when the pack was made: its id, sequence number and hash. */
  auditHead: z.object({ id: z.string(), seq: z.string(), hash: z.string() }).nullable(),
  files: z.array(manifestFile),
});
export type Manifest = z.infer<typeof manifestShape>;

export type PackFile = { path: string; bytes: Uint8Array };

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Files already compressed (PDF streams are deflated by their writer): stored, not deflated again. */
const stored = /\.pdf$/;

/** The ZIP of the files and their manifest, which is written last and lists every other file. */
export function packZip(
  files: readonly PackFile[],
  meta: Omit<Manifest, 'format' | 'files'>,
): { zip: Uint8Array; manifest: Manifest; manifestSha256: string } {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
  const manifest: Manifest = {
    format: FORMAT,
    ...meta,
    files: sorted.map((f) => ({ path: f.path, size: f.bytes.length, sha256: sha256(f.bytes) })),
  };
  const manifestBytes = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  const mtime = new Date(meta.madeAt);
  const entries: Zippable = {};
  for (const f of sorted) entries[f.path] = [f.bytes, { level: stored.test(f.path) ? 0 : 6, mtime }];
  entries[MANIFEST] = [manifestBytes, { level: 6, mtime }];
  return { zip: zipSync(entries), manifest, manifestSha256: sha256(manifestBytes) };
}

export type Difference = { path: string; problem: string };

/** More than any pack Keel makes: a ZIP that says it unpacks to more is refused before it is unpacked. */
const MAX_UNPACKED = 4 * 1024 ** 3;

/**
 * A pack checked against its own manifest: each listed file present with its size and hash, no file that
 * is not listed, and a manifest that reads as one. Differences are given by path, in path order.
 */
export function checkPack(zip: Uint8Array): {
  manifest: Manifest | null;
  manifestSha256: string | null;
  differences: Difference[];
} {
  let files: Record<string, Uint8Array>;
  let declared = 0;
  // unzipping keeps the last entry of a name while other tools show the first: a name twice hides a file
  const seen = new Map<string, number>();
  try {
    files = unzipSync(zip, {
      filter: (f: UnzipFileInfo) => {
        seen.set(f.name, (seen.get(f.name) ?? 0) + 1);
        declared += f.originalSize;
        if (declared > MAX_UNPACKED) throw new Error('it unpacks to more than 4 GiB');
        return true;
      },
    });
  } catch (e) {
    return {
      manifest: null,
      manifestSha256: null,
      differences: [{ path: '(zip)', problem: `not a readable ZIP: ${(e as Error).message}` }],
    };
  }
  const twice: Difference[] = [...seen]
    .filter(([, n]) => n > 1)
    .map(([path, n]) => ({
      path,
      problem: n === 2 ? 'appears twice in the ZIP' : `appears ${n} times in the ZIP`,
    }));
  const raw = files[MANIFEST];
  if (twice.length && (!raw || seen.get(MANIFEST)! > 1)) {
    return { manifest: null, manifestSha256: raw ? sha256(raw) : null, differences: twice };
  }
  if (!raw) {
    return { manifest: null, manifestSha256: null, differences: [{ path: MANIFEST, problem: 'missing' }] };
  }
  const manifestSha256 = sha256(raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(raw));
  } catch {
    return { manifest: null, manifestSha256, differences: [{ path: MANIFEST, problem: 'is not JSON' }] };
  }
  const m = manifestShape.safeParse(parsed);
  if (!m.success) {
    const what = m.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ');
    return {
      manifest: null,
      manifestSha256,
      differences: [{ path: MANIFEST, problem: `is not a pack manifest: ${what}` }],
    };
  }
  const manifest = m.data;
  const differences: Difference[] = [...twice];
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (listed.has(f.path)) differences.push({ path: f.path, problem: 'listed twice in the manifest' });
    listed.add(f.path);
    const bytes = files[f.path];
    if (!bytes) differences.push({ path: f.path, problem: 'listed in the manifest but not in the pack' });
    else if (bytes.length !== f.size || sha256(bytes) !== f.sha256) {
      differences.push({
        path: f.path,
        problem: `changed: ${bytes.length} bytes with SHA-256 ${sha256(bytes)}, the manifest says ${f.size} bytes with ${f.sha256}`,
      });
    }
  }
  for (const path of Object.keys(files)) {
    if (path === MANIFEST || path.endsWith('/') || listed.has(path)) continue;
    differences.push({ path, problem: 'in the pack but not listed in the manifest' });
  }
  differences.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { manifest, manifestSha256, differences };
}
