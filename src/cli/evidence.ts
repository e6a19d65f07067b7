import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../kernel/config.ts';
import type { Db } from '../kernel/db/database.ts';
import {
  keelMaker,
  makeEvidencePack,
  makerByEmail,
  parsePeriod,
  type Verification,
  verifyEvidencePack,
} from '../modules/readiness/index.ts';

/**
 * `keel evidence export` and `keel evidence verify` (docs/check-and-act.md, "Evidence pack"): the same pack
 * the API makes, written to a file; and a pack checked against its manifest and, where this Keel's database
 * is at hand, against the record Keel kept of it and its audit chain.
 */
export class EvidenceUsageError extends Error {}

export function periodArgument(text: string | undefined) {
  if (!text) throw new EvidenceUsageError('--period is required, e.g. --period 2026-01-01..2026-12-31');
  const p = parsePeriod(text);
  if (!p.ok) throw new EvidenceUsageError(`--period: ${p.errors.join('; ')}`);
  return p.period;
}

export async function exportPack(
  db: Db,
  opts: { period: ReturnType<typeof periodArgument>; out: string; as?: string },
): Promise<number> {
  const maker = opts.as ? await makerByEmail(db, opts.as) : keelMaker('keel evidence export');
  const pack = await makeEvidencePack(db, maker, opts.period);
  await writeFile(opts.out, pack.zip);
  console.log(
    `evidence pack ${pack.id} for ${opts.period.from}..${opts.period.to} written to ${opts.out}: ${pack.manifest.files.length + 1} files, ${pack.zip.length} bytes`,
  );
  console.log(`manifest SHA-256 ${pack.manifestSha256}`);
  const h = pack.manifest.auditHead;
  console.log(
    h ? `audit head: entry ${h.id}, sequence ${h.seq}, hash ${h.hash}` : 'audit head: none sealed yet',
  );
  return 0;
}

/** Whether this Keel's database can be reached without making one: a URL, or an initialised data folder. */
export const databaseAtHand = (config: Config) =>
  !!config.databaseUrl || existsSync(path.join(config.dataDir, 'postgres', 'PG_VERSION'));

export async function readPack(file: string | undefined) {
  if (!file) throw new EvidenceUsageError('name the pack to verify, e.g. keel evidence verify pack.zip');
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    throw new EvidenceUsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

export async function verifyPack(zip: Uint8Array, file: string, db?: Db): Promise<number> {
  const v: Verification = await verifyEvidencePack(zip, db);
  const m = v.manifest;
  if (m) {
    console.log(
      `pack ${m.pack} for ${m.period.from}..${m.period.to}, made ${m.madeAt} by ${m.madeBy.name}${m.madeBy.email ? ` (${m.madeBy.email})` : ''}`,
    );
    console.log(`manifest SHA-256 ${v.manifestSha256}; ${m.files.length} files listed`);
  }
  if (!v.againstKeel) console.log('checked against its manifest only (no Keel database at hand)');
  if (v.ok) {
    console.log(
      v.againstKeel
        ? `${file}: intact, the manifest is the one this Keel recorded and its audit head is in the chain`
        : `${file}: intact`,
    );
    return 0;
  }
  console.error(`${file}: ${v.differences.length} difference${v.differences.length === 1 ? '' : 's'}`);
  for (const d of v.differences) console.error(`  ${d.path}: ${d.problem}`);
  return 1;
}
