import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Db } from '../db/database.ts';

/**
 * The audit chain. Writers append unsealed rows concurrently; the sealer walks behind them and gives each
 * row the next sequence number and hash = SHA-256(previous hash + the row's canonical content).
 *
 * A row is sealed only once every transaction that could still commit a row with a smaller id has ended:
 * rows whose writing transaction id is below the oldest running transaction (pg_snapshot_xmin). So a slow
 * writer's row is never skipped, only sealed later, and the order of the chain is the order of sealing.
 */
const GENESIS = '0'.repeat(64);
const SEALER_LOCK = 7210002;

type Row = {
  id: string;
  seq: string | null;
  at_us: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  record_type: string;
  record_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: string | null;
  hash: string | null;
};

const columns = `id::text, seq::text, (extract(epoch from at) * 1000000)::bigint::text as at_us, actor_id, actor_label,
  action, record_type, record_id, before, after, request_id, prev_hash, hash`;

/** JSON with sorted keys, so a value read back from jsonb hashes the same as when it was sealed. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, seq: string, r: Row): string {
  const body = canonical({
    seq,
    id: r.id,
    at: r.at_us,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    before: r.before,
    after: r.after,
    requestId: r.request_id,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Seals what can be sealed now; returns how many rows it sealed. Safe to run from several processes. */
export async function sealAudit(db: Db, batch = 5000): Promise<number> {
  const client: pg.PoolClient = await db.$client.connect();
  let sealed = 0;
  try {
    for (;;) {
      await client.query('begin');
      try {
        const lock = await client.query('select pg_try_advisory_xact_lock($1) as ok', [SEALER_LOCK]);
        if (!lock.rows[0].ok) {
          await client.query('rollback');
          return sealed;
        }
        const head = await client.query('select seq::text, hash from audit_head where id = 1');
        let seq = BigInt(head.rows[0]?.seq ?? 0);
        let prev: string = head.rows[0]?.hash ?? GENESIS;
        const { rows } = await client.query<Row>(
          `select ${columns} from audit_log
            where seq is null and tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by audit_log.id limit $1`,
          [batch],
        );
        if (rows.length === 0) {
          await client.query('rollback');
          return sealed;
        }
        const ids: string[] = [];
        const seqs: string[] = [];
        const prevs: string[] = [];
        const hashes: string[] = [];
        for (const r of rows) {
          seq += 1n;
          const h = entryHash(prev, seq.toString(), r);
          ids.push(r.id);
          seqs.push(seq.toString());
          prevs.push(prev);
          hashes.push(h);
          prev = h;
        }
        await client.query(
          `update audit_log a set seq = v.seq, prev_hash = v.prev, hash = v.hash
             from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) as v(id, seq, prev, hash)
            where a.id = v.id`,
          [ids, seqs, prevs, hashes],
        );
        await client.query(
          `insert into audit_head (id, seq, hash, sealed_at) values (1, $1, $2, now())
           on conflict (id) do update set seq = excluded.seq, hash = excluded.hash, sealed_at = now()`,
          [seq.toString(), prev],
        );
        await client.query('commit');
        sealed += rows.length;
        if (rows.length < batch) return sealed;
      } catch (e) {
        await client.query('rollback').catch(() => {});
        throw e;
      }
    }
  } finally {
    client.release();
  }
}

export type VerifyResult =
  | { ok: true; sealed: number; unsealed: number; headHash: string }
  | { ok: false; sealed: number; unsealed: number; problem: string; seq: string | null; id: string | null };

/** Walks the chain in order and reports the first entry that was changed, removed or inserted. */
export async function verifyAudit(db: Db, batch = 10_000): Promise<VerifyResult> {
  const client = await db.$client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const unsealed = Number(
      (await client.query('select count(*)::int as n from audit_log where seq is null')).rows[0].n,
    );
    const head = (await client.query('select seq::text, hash from audit_head where id = 1')).rows[0] as
      | { seq: string; hash: string }
      | undefined;
    let expectedSeq = 1n;
    let prev = GENESIS;
    let checked = 0;
    const fail = (problem: string, r: Row | null) => ({
      ok: false as const,
      sealed: checked,
      unsealed,
      problem,
      seq: r?.seq ?? null,
      id: r?.id ?? null,
    });
    for (;;) {
      const { rows } = await client.query<Row>(
        `select ${columns} from audit_log where audit_log.seq >= $1 order by audit_log.seq limit $2`,
        [expectedSeq.toString(), batch],
      );
      for (const r of rows) {
        if (BigInt(r.seq!) !== expectedSeq) {
          return fail(`entry with sequence ${expectedSeq} is missing (next present is ${r.seq})`, r);
        }
        if (r.prev_hash !== prev) return fail(`entry ${r.seq} does not follow the entry before it`, r);
        if (entryHash(prev, r.seq!, r) !== r.hash) return fail(`entry ${r.seq} was altered after sealing`, r);
        prev = r.hash!;
        expectedSeq += 1n;
        checked += 1;
      }
      if (rows.length < batch) break;
    }
    const last = (expectedSeq - 1n).toString();
    if (!head && checked > 0) return fail('the chain head record is missing', null);
    if (head && (head.seq !== last || head.hash !== prev)) {
      return fail(
        `the chain ends at ${last} but was sealed up to ${head.seq}: newest entries were removed`,
        null,
      );
    }
    return { ok: true, sealed: checked, unsealed, headHash: prev };
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}
