import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { strToU8 } from 'fflate';
import type { Actor } from '../../../kernel/access/actor.ts';
import { sealAudit } from '../../../kernel/audit/chain.ts';
import { actorOf, type Principal } from '../../../kernel/auth/principal.ts';
import { formatCsv } from '../../../kernel/csv/csv.ts';
import type { Db } from '../../../kernel/db/database.ts';
import { runCommand, systemActor } from '../../../kernel/db/tx.ts';
import { htmlToPdf } from '../../../kernel/documents/pdf.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { evidencePacks } from '../schema.ts';
import { fileStem } from './kinds.ts';
import { type Manifest, type PackFile, packZip } from './manifest.ts';
import { type Contents, clausePage, clausePath, csvPath, indexPage, pdfPath } from './pages.ts';
import type { Period } from './period.ts';
import { mayMakeEvidencePack } from './policy.ts';
import { readinessAt } from './readiness.ts';
import { nonconformitiesAndImprovements, reviews } from './sources/act.ts';
import { audits } from './sources/audits.ts';
import { governance } from './sources/governance.ts';
import { operations } from './sources/operations.ts';
import type { Document, Found, SourceContext } from './sources/types.ts';

/**
 * Making an evidence pack (docs/check-and-act.md, "Evidence pack"): the readiness view and the records of a
 * period read from one snapshot, written as HTML, CSV and PDF into a ZIP with a manifest of their hashes
 * tied to the audit chain's head, and the pack recorded with its audit entry.
 */
export type PackMaker = {
  /** Who the audit log and the manifest name. */
  actor: Actor;
  person: { id: string; name: string; email: string } | null;
  /** Whose reading of the records the pack holds: always one who reads every governance record. */
  reader: Principal;
};

const NOBODY = '00000000-0000-0000-0000-000000000000';

/** A signed-in person who may make packs: the API's caller. */
export const personMaker = (p: Principal): PackMaker => {
  if (!mayMakeEvidencePack(p)) {
    throw problems.forbidden(
      'Only internal auditors and the head of service management make evidence packs.',
    );
  }
  return { actor: actorOf(p), person: { id: p.userId, name: p.name, email: p.email }, reader: p };
};

/**
 * Keel itself (the command line, run by whoever runs Keel): the records read as an internal auditor reads
 * them, and the pack made by no person.
 */
export const keelMaker = (label: string): PackMaker => ({
  actor: systemActor(label),
  person: null,
  reader: {
    userId: NOBODY,
    email: '',
    name: label,
    language: 'en',
    roles: ['internal_auditor'],
    customerId: null,
    via: 'token',
    scopes: ['read'],
  },
});

/**
 * The instant a pack's readiness is judged at: the last millisecond of its period's last day (the period's
 * end is the midnight after it, which belongs to the next day; the API's `endOf` does the same), or now
 * while the period runs.
 */
export const packAt = (period: { end: Date }, now: Date) => {
  const last = new Date(period.end.getTime() - 1);
  return last < now ? last : now;
};

export type MadePack = { id: string; zip: Uint8Array; manifest: Manifest; manifestSha256: string };

/** Reads everything in one snapshot, so the pack's files agree with each other and with its audit head. */
async function readAll(db: Db, period: Period, reader: Principal, at: Date) {
  return db.transaction(
    async (tx) => {
      const head = await tx.execute<{ id: string | null; seq: string; hash: string }>(sql`
        select a.id::text, h.seq::text, h.hash from audit_head h left join audit_log a on a.seq = h.seq where h.id = 1`);
      const readiness = await readinessAt(tx, at);
      const c: SourceContext = { db: tx, period, reader, at };
      const found: Found[] = [];
      for (const source of [governance, audits, nonconformitiesAndImprovements, reviews, operations]) {
        found.push(await source(c));
      }
      const h = head.rows[0];
      return {
        head: h?.id ? { id: h.id, seq: h.seq, hash: h.hash } : null,
        readiness,
        tables: found.flatMap((f) => f.tables),
        documents: found.flatMap((f) => f.documents),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Document names made unique within their kind once made file-safe (two codes may differ only in case). */
function named(documents: Document[]) {
  const taken = new Set<string>();
  return documents.map((d) => {
    const stem = fileStem(d.name);
    let name = stem;
    for (let n = 2; taken.has(`${d.kind}/${name.toLowerCase()}`); n += 1) name = `${stem}-${n}`;
    taken.add(`${d.kind}/${name.toLowerCase()}`);
    return { ...d, name };
  });
}

// CSV files open in a spreadsheet with their letters intact (æ, ø, ë) only when they begin with a byte-order mark
const BOM = '\uFEFF';

export async function makeEvidencePack(
  db: Db,
  maker: PackMaker,
  period: Period,
  requestId: string | null = null,
  /** Hands the pack over (the command line writes its file) before it is recorded: a failure records nothing. */
  deliver?: (pack: MadePack) => Promise<void>,
): Promise<MadePack> {
  const id = randomUUID();
  const now = new Date();
  const at = packAt(period, now);
  // seal what can be sealed, so that the head the pack is tied to is as recent as it can be
  await sealAudit(db);
  const data = await readAll(db, period, maker.reader, at);

  const files: PackFile[] = [];
  const contents: Contents = { csv: new Map(), documents: new Map() };
  for (const t of data.tables) {
    files.push({ path: csvPath(t.kind), bytes: strToU8(BOM + formatCsv([t.header, ...t.rows])) });
    contents.csv.set(t.kind, t.rows.length);
  }
  for (const d of named(data.documents)) {
    const pdf = await htmlToPdf({
      title: d.title,
      subtitle: d.subtitle,
      html: d.html,
      footer: d.footer,
      language: d.language,
    });
    files.push({ path: pdfPath(d.kind, d.name), bytes: new Uint8Array(pdf) });
    contents.documents.set(d.kind, [...(contents.documents.get(d.kind) ?? []), d.name]);
  }
  const meta: Omit<Manifest, 'format' | 'files'> = {
    pack: id,
    period: { from: period.from, to: period.to },
    madeAt: now.toISOString(),
    madeBy: maker.person
      ? { id: maker.person.id, name: maker.person.name, email: maker.person.email }
      : { id: null, name: maker.actor.label, email: null },
    auditHead: data.head,
  };
  files.push({ path: 'index.html', bytes: strToU8(indexPage(data.readiness, contents, meta)) });
  for (const x of data.readiness.clauses) {
    files.push({ path: clausePath(x.number), bytes: strToU8(clausePage(x, contents, meta)) });
  }
  const made = packZip(files, meta);
  await deliver?.({ id, ...made });

  await runCommand(db, maker.actor, requestId, async (ctx) => {
    const row = {
      id,
      madeBy: maker.person?.id ?? null,
      madeAt: now,
      periodFrom: period.start,
      // the instant after the period's last day: records are selected up to, not including, it
      periodTo: period.end,
      manifestSha256: made.manifestSha256,
      auditHeadId: data.head?.id ?? null,
      auditHeadHash: data.head?.hash ?? null,
      files: made.manifest.files.length + 1,
      bytes: made.zip.length,
    };
    await ctx.tx.insert(evidencePacks).values(row);
    await ctx.audit({
      action: 'evidence_pack.made',
      recordType: 'evidence_pack',
      recordId: id,
      after: { ...row, period: meta.period, auditHeadSeq: data.head?.seq ?? null },
    });
  });
  return { id, ...made };
}
