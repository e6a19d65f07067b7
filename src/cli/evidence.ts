import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../kernel/config.ts';
import type { Db } from '../kernel/db/database.ts';
import {
  keelMaker,
  makeEvidencePack,
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
  opts: { period: ReturnType<typeof periodArgument>; out: string },
): Promise<number> {
  // whoever runs the shell is not who Keel knows: the pack is Keel's own, never a person's on the shell's word
  const maker = keelMaker('keel evidence export');
  // the file is written (beside its final name, then renamed) before the pack is recorded, so an unwritable
  // --out leaves no record of a pack nobody has; a failed record takes the written file away again
  const partial = path.join(path.dirname(opts.out), `.${path.basename(opts.out)}.${process.pid}.partial`);
  let written = false;
  const deliver = async (made: { zip: Uint8Array }) => {
    try {
      await writeFile(partial, made.zip);
      await rename(partial, opts.out);
      written = true;
    } catch (e) {
      await rm(partial, { force: true });
      throw new EvidenceUsageError(`cannot write ${opts.out}: ${(e as Error).message}`);
    }
  };
  const pack = await makeEvidencePack(db, maker, opts.period, null, deliver).catch(async (e) => {
    if (written) await rm(opts.out, { force: true });
    throw e;
  });
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

/** The exit code of a pack intact against its manifest that could not be checked against Keel's record. */
export const UNCHECKED_AGAINST_KEEL = 3;

/**
 * Checks a pack: against this Keel's record with a database, against its manifest alone when asked to
 * (`offline`). Without a database and not asked, the manifest alone is checked but the run does not pass
 * (exit 3): a rewritten manifest would otherwise go unnoticed by someone who thought Keel had been asked.
 */
export async function verifyPack(zip: Uint8Array, file: string, db?: Db, offline = false): Promise<number> {
  const v: Verification = await verifyEvidencePack(zip, db);
  const m = v.manifest;
  if (m) {
    console.log(
      `pack ${m.pack} for ${m.period.from}..${m.period.to}, made ${m.madeAt} by ${m.madeBy.name}${m.madeBy.email ? ` (${m.madeBy.email})` : ''}`,
    );
    console.log(`manifest SHA-256 ${v.manifestSha256}; ${m.files.length} files listed`);
  }
  if (!v.againstKeel) console.log('checked against its manifest only (no Keel database at hand)');
  if (v.ok && !v.againstKeel && !offline) {
    console.error(
      `${file}: intact against its own manifest, but NOT checked against Keel: no Keel database at hand (set DATABASE_URL or KEEL_DATA_DIR). Compare the manifest SHA-256 with the one Keel recorded at export, or pass --offline to accept a check against the manifest only.`,
    );
    return UNCHECKED_AGAINST_KEEL;
  }
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
