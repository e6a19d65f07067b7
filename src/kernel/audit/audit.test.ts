import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealEverything, type TestKeel, testKeel } from '../../testing/harness.ts';
import { runCommand, systemActor } from '../db/tx.ts';
import { appendAudit } from './append.ts';
import { sealAudit, verifyAudit } from './chain.ts';

let k: TestKeel;
beforeAll(async () => {
  k = await testKeel();
});

const write = (n: number) =>
  runCommand(k.db, systemActor('test'), `req-${n}`, (ctx) =>
    ctx.audit({
      action: 'test.written',
      recordType: 'test',
      recordId: String(n),
      after: { n, secret: { password: 'x' } },
    }),
  );

describe('the audit log', () => {
  it('an entry commits with its command, and vanishes with it when the command fails', async () => {
    await write(1);
    await expect(
      runCommand(k.db, systemActor('test'), 'req-fail', async (ctx) => {
        await ctx.audit({ action: 'test.failed', recordType: 'test', recordId: 'x' });
        throw new Error('the command fails after auditing');
      }),
    ).rejects.toThrow();
    const rows = await k.db.execute<{ action: string; request_id: string; after: unknown }>(
      sql`select action, request_id, after from audit_log where record_type = 'test'`,
    );
    expect(rows.rows.map((r) => r.action)).toEqual(['test.written']);
    expect(rows.rows[0]!.request_id).toBe('req-1');
    // secrets never reach the log
    expect(rows.rows[0]!.after).toEqual({ n: 1, secret: {} });
  });

  it('an API write records actor, action, record, before/after and request id', async () => {
    const admin = await k.user(['administrator']);
    const res = await k.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...admin.auth, 'x-request-id': 'trace-42' },
      payload: { email: 'audited@test.example', name: 'Audited', roles: ['resolver'] },
    });
    expect(res.statusCode).toBe(201);
    const rows = await k.db.execute<Record<string, unknown>>(
      sql`select actor_id, actor_label, action, record_type, record_id, after, request_id from audit_log where request_id = 'trace-42'`,
    );
    expect(rows.rows[0]).toMatchObject({
      actor_id: admin.id,
      actor_label: admin.email,
      action: 'user.created',
      record_type: 'user',
      record_id: res.json().user.id,
      request_id: 'trace-42',
    });
  });

  it('concurrent writers are all sealed into one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => write(100 + i)));
    // a writer still in flight while the sealer runs is sealed later, never skipped
    // (a command writes its entries when its work is done; this one writes its entry, then works on)
    const slow = runCommand(k.db, systemActor('slow'), 'slow', async (ctx) => {
      await appendAudit(ctx.tx, ctx.actor, ctx.requestId, {
        action: 'test.slow',
        recordType: 'test',
        recordId: 'slow',
      });
      await new Promise((r) => setTimeout(r, 300));
    });
    await new Promise((r) => setTimeout(r, 50));
    await write(200);
    await sealAudit(k.db);
    const during = await k.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where seq is null`,
    );
    await slow;
    await sealEverything(k.db);
    const after = await verifyAudit(k.db);
    expect(after.ok).toBe(true);
    expect(after.unsealed).toBe(0);
    expect(during.rows[0]!.n).toBeGreaterThanOrEqual(1);
    const seqs = await k.db.execute<{ seq: number }>(sql`select seq from audit_log order by seq`);
    expect(seqs.rows.map((r) => r.seq)).toEqual(seqs.rows.map((_, i) => i + 1));
  });

  it("keeps a command's entries in the order it made them, each as it was when made; none if it fails", async () => {
    const record = { state: 'draft' };
    await runCommand(k.db, systemActor('order'), 'req-order', async (ctx) => {
      await ctx.audit({ action: 'test.first', recordType: 'test', recordId: 'o', after: record });
      record.state = 'approved';
      await ctx.audit({ action: 'test.second', recordType: 'test', recordId: 'o', after: record });
    });
    await runCommand(k.db, systemActor('order'), 'req-failed', async (ctx) => {
      await ctx.audit({ action: 'test.failed', recordType: 'test', recordId: 'o' });
      throw new Error('the command fails after auditing');
    }).catch(() => {});
    const rows = await k.db.execute<{ action: string; after: { state: string } | null; request_id: string }>(
      sql`select action, after, request_id from audit_log where record_id = 'o' order by id`,
    );
    expect(rows.rows.map((r) => [r.action, r.after?.state])).toEqual([
      ['test.first', 'draft'],
      ['test.second', 'approved'],
    ]);
  });

  it('verify reports entries not yet sealed', async () => {
    await sealEverything(k.db);
    await write(300);
    const r = await verifyAudit(k.db);
    expect(r.unsealed).toBe(1);
    await sealAudit(k.db);
  });
});

describe('tampering behind Keel’s back', () => {
  it('an edited entry is caught, with its sequence number', async () => {
    await sealEverything(k.db);
    await k.db.execute(sql`update audit_log set action = 'test.innocent' where seq = 3`);
    const r = await verifyAudit(k.db);
    expect(r).toMatchObject({ ok: false, seq: '3' });
    if (!r.ok) expect(r.problem).toMatch(/altered/);
  });

  it('a deleted entry is caught, and so is a deleted newest entry', async () => {
    const fresh = await testKeel();
    for (let i = 0; i < 5; i++) {
      await runCommand(fresh.db, systemActor('t'), null, (ctx) =>
        ctx.audit({ action: 'x', recordType: 't', recordId: String(i) }),
      );
    }
    await sealEverything(fresh.db);
    expect((await verifyAudit(fresh.db)).ok).toBe(true);
    await fresh.db.execute(sql`delete from audit_log where seq = 5`);
    const tail = await verifyAudit(fresh.db);
    expect(tail.ok).toBe(false);
    if (!tail.ok) expect(tail.problem).toMatch(/newest entries were removed/);
    await fresh.db.execute(sql`delete from audit_log where seq = 2`);
    const middle = await verifyAudit(fresh.db);
    expect(middle).toMatchObject({ ok: false, seq: '3' });
    if (!middle.ok) expect(middle.problem).toMatch(/sequence 2 is missing/);
  });
});
