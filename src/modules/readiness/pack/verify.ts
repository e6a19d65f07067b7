import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../kernel/db/database.ts';
import { checkPack, type Difference, MANIFEST, type Manifest } from './manifest.ts';

export type Verification = {
  ok: boolean;
  manifest: Manifest | null;
  manifestSha256: string | null;
  /** Whether the pack was also checked against this Keel's record of it and its audit chain. */
  againstKeel: boolean;
  differences: Difference[];
};

/**
 * `keel evidence verify`: the pack against its manifest, and, given the database of the Keel that made it,
 * the manifest against the one Keel recorded when it made the pack (so a manifest rewritten to match edited
 * files is caught too) and the audit head it names against the audit chain.
 */
export async function verifyEvidencePack(zip: Uint8Array, db?: Queryable): Promise<Verification> {
  const checked = checkPack(zip);
  const differences = [...checked.differences];
  const { manifest, manifestSha256 } = checked;
  if (db && manifest) {
    const recorded = await db.execute<{ manifest_sha256: string }>(
      sql`select manifest_sha256 from evidence_packs where id = ${manifest.pack}`,
    );
    const row = recorded.rows[0];
    if (!row) {
      differences.push({ path: MANIFEST, problem: `this Keel made no pack ${manifest.pack}` });
    } else if (row.manifest_sha256 !== manifestSha256) {
      differences.push({
        path: MANIFEST,
        problem: `changed: its SHA-256 is ${manifestSha256}, this Keel recorded ${row.manifest_sha256}`,
      });
    }
    if (manifest.auditHead) {
      const h = manifest.auditHead;
      const entry = /^\d{1,18}$/.test(h.id)
        ? (
            await db.execute<{ seq: string | null; hash: string | null }>(
              sql`select seq::text, hash from audit_log where id = ${h.id}::bigint`,
            )
          ).rows[0]
        : undefined;
      if (!entry) {
        differences.push({
          path: MANIFEST,
          problem: `audit head entry ${h.id} is not in this Keel's audit log`,
        });
      } else if (entry.seq !== h.seq || entry.hash !== h.hash) {
        differences.push({
          path: MANIFEST,
          problem: `audit head entry ${h.id} is sealed as sequence ${entry.seq} with hash ${entry.hash}, the manifest says ${h.seq} with ${h.hash}`,
        });
      }
    }
  }
  return {
    ok: differences.length === 0,
    manifest,
    manifestSha256,
    againstKeel: !!db && !!manifest,
    differences,
  };
}
