import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

let k: TestKeel;
let cm: TestUser;
let agent: TestUser;
let auditor: TestUser;

beforeAll(async () => {
  k = await testKeel();
  [cm, agent, auditor] = await Promise.all([
    k.user(['configuration_manager']),
    k.user(['service_desk_agent']),
    k.user(['internal_auditor']),
  ]);
});

const post = (url: string, payload: object, who = cm) =>
  k.app.inject({ method: 'POST', url, headers: who.auth, payload });
const ci = async (classKey: string, name: string, extra: object = {}) =>
  (await post('/api/v1/cis', { classKey, name, status: 'live', ...extra })).json();
const relate = (sourceId: string, typeKey: string, targetId: string) =>
  post('/api/v1/ci-relationships', { sourceId, targetId, typeKey });

describe('licence compliance', () => {
  it('shows entitlements against installations: over-use, under-use and balance', async () => {
    const office = await ci('licence', 'Office suite', {
      attributes: { entitlements: 2, metric: 'per install', vendor: 'Acme' },
    });
    const pos = await ci('licence', 'POS client', { attributes: { entitlements: 5, metric: 'per install' } });
    await ci('licence', 'Mail suite', { attributes: { entitlements: 50, metric: 'per user' } });
    for (let i = 1; i <= 3; i++) {
      const inst = await ci('software_install', `Office on PC-${i}`);
      await relate(inst.id, 'licensed_by', office.id);
    }
    const retired = await ci('software_install', 'Office on PC-old', { status: 'live' });
    await relate(retired.id, 'licensed_by', office.id);
    await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/cis/${retired.id}`,
      headers: { ...cm.auth, 'if-match': '"1"' },
      payload: { status: 'retired' },
    });
    const till = await ci('software_install', 'POS on till 1');
    await relate(till.id, 'licensed_by', pos.id);
    const res = await k.app.inject({ url: '/api/v1/licences/compliance', headers: auditor.auth });
    expect(res.json().items).toEqual([
      // a per-user licence is not judged by installations
      expect.objectContaining({
        name: 'Mail suite',
        entitlements: 50,
        installations: 0,
        position: 'not_measured',
      }),
      expect.objectContaining({
        name: 'Office suite',
        entitlements: 2,
        installations: 3,
        balance: 1,
        position: 'over',
        vendor: 'Acme',
      }),
      expect.objectContaining({
        name: 'POS client',
        entitlements: 5,
        installations: 1,
        balance: -4,
        position: 'under',
      }),
    ]);
  });
});

describe('configuration verification', () => {
  it('plans an audit of a class, records findings, completes it and reports accuracy', async () => {
    const a = await ci('server', 'srv-a');
    const b = await ci('server', 'srv-b');
    await ci('server', 'srv-c');
    const plan = await post('/api/v1/ci-audits', {
      title: 'Q4 server check',
      classKey: 'server',
      plannedFor: '2026-12-01',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const audit = plan.json();
    expect(audit).toMatchObject({ state: 'planned', items: 3, checked: 0, accuracy: null });
    const check = (ciId: string, body: object, who = cm) =>
      k.app.inject({
        method: 'PUT',
        url: `/api/v1/ci-audits/${audit.id}/items/${ciId}`,
        headers: who.auth,
        payload: body,
      });
    expect((await check(a.id, { result: 'match' })).statusCode).toBe(200);
    const vague = await check(b.id, { result: 'mismatch' });
    expect(problemOf(vague).errors).toEqual([
      { field: 'discrepancy', message: 'say what differs from the record' },
      { field: 'followUp', message: 'say what will be done (e.g. correct the record, raise a change)' },
    ]);
    expect(
      (
        await check(b.id, {
          result: 'mismatch',
          discrepancy: 'Has 128 GB, record says 64',
          followUp: 'Correct the record',
        })
      ).statusCode,
    ).toBe(200);
    expect((await check(a.id, { result: 'match' }, agent)).statusCode).toBe(403);
    const early = await k.app.inject({
      method: 'POST',
      url: `/api/v1/ci-audits/${audit.id}/complete`,
      headers: { ...cm.auth, 'if-match': '"2"' },
    });
    expect(problemOf(early).errors).toEqual([{ field: 'items', message: '1 CI(s) are not checked yet' }]);
    const third = audit.ciItems.find((i: { name: string }) => i.name === 'srv-c');
    await check(third.ciId, { result: 'match' });
    const done = await k.app.inject({
      method: 'POST',
      url: `/api/v1/ci-audits/${audit.id}/complete`,
      headers: { ...cm.auth, 'if-match': '"2"' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      state: 'completed',
      checked: 3,
      matches: 2,
      mismatches: 1,
      openFollowUps: 1,
      accuracy: 66.7,
    });
    expect((await check(a.id, { result: 'mismatch', discrepancy: 'x', followUp: 'y' })).statusCode).toBe(409);
    expect((await check(b.id, { followUpDone: true })).statusCode).toBe(200);
    const one = await k.app.inject({ url: `/api/v1/ci-audits/${audit.id}`, headers: auditor.auth });
    expect(one.json().ciItems.find((i: { ciId: string }) => i.ciId === b.id)).toMatchObject({
      result: 'mismatch',
      discrepancy: 'Has 128 GB, record says 64',
      followUp: 'Correct the record',
      followUpDone: true,
    });
    const list = await k.app.inject({ url: '/api/v1/ci-audits', headers: auditor.auth });
    expect(list.json().items[0]).toMatchObject({
      title: 'Q4 server check',
      accuracy: 66.7,
      openFollowUps: 0,
      completedAt: expect.any(String),
    });
  });

  it('samples across all CIs in use, and refuses a plan with neither class nor sample', async () => {
    const sample = await post('/api/v1/ci-audits', {
      title: 'Spot check',
      sampleSize: 2,
      plannedFor: '2026-12-02',
    });
    expect(sample.json().items).toBe(2);
    const none = await post('/api/v1/ci-audits', { title: 'Nothing', plannedFor: '2026-12-02' });
    expect(problemOf(none).errors).toEqual([
      { field: 'sampleSize', message: 'audit a class, or give a sample size (or both)' },
    ]);
    const cancel = await k.app.inject({
      method: 'POST',
      url: `/api/v1/ci-audits/${sample.json().id}/cancel`,
      headers: { ...cm.auth, 'if-match': '"1"' },
    });
    expect(cancel.json().state).toBe('cancelled');
  });
});

describe('relationship endpoints', () => {
  it('lists relationships of a CI and of a type, cursor-paged, and removes one with history on both sides', async () => {
    const app = await ci('application', 'rel-app');
    const dbs = [];
    for (let i = 0; i < 3; i++)
      dbs.push(await ci('database', `rel-db-${i}`, { attributes: { engine: 'PostgreSQL' } }));
    for (const d of dbs) await relate(app.id, 'depends_on', d.id);
    const page1 = await k.app.inject({
      url: `/api/v1/ci-relationships?ciId=${app.id}&limit=2`,
      headers: agent.auth,
    });
    const page2 = await k.app.inject({
      url: `/api/v1/ci-relationships?ciId=${app.id}&limit=2&cursor=${page1.json().nextCursor}`,
      headers: agent.auth,
    });
    expect(page1.json().items).toHaveLength(2);
    expect(page2.json().items).toHaveLength(1);
    expect(page2.json().nextCursor).toBeNull();
    const byType = await k.app.inject({
      url: '/api/v1/ci-relationships?type=licensed_by',
      headers: agent.auth,
    });
    expect(byType.json().items.length).toBeGreaterThan(0);
    const gone = page2.json().items[0];
    expect(
      (await k.app.inject({ method: 'DELETE', url: `/api/v1/ci-relationships/${gone.id}`, headers: cm.auth }))
        .statusCode,
    ).toBe(204);
    expect(
      (await k.app.inject({ method: 'DELETE', url: `/api/v1/ci-relationships/${gone.id}`, headers: cm.auth }))
        .statusCode,
    ).toBe(404);
    const hist = await k.app.inject({ url: `/api/v1/cis/${gone.targetId}/history`, headers: agent.auth });
    expect(hist.json().items[0]).toMatchObject({ field: 'relationship.removed', newValue: null });
    const types = await k.app.inject({ url: '/api/v1/ci-relationship-types', headers: agent.auth });
    expect(types.json().items.find((t: { key: string }) => t.key === 'runs_on')).toEqual({
      key: 'runs_on',
      forward: { en: 'runs on', nl: 'draait op', da: 'kører på' },
      reverse: { en: 'hosts', nl: 'host', da: 'hoster' },
    });
  });
});
