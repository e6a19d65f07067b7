import { beforeAll, describe, expect, it } from 'vitest';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

let k: TestKeel;
let ana: TestUser;
let ben: TestUser;
beforeAll(async () => {
  k = await testKeel();
  [ana, ben] = await Promise.all([k.user(['configuration_manager']), k.user(['internal_auditor'])]);
});

const save = (who: TestUser, name: string, query: string) =>
  k.app.inject({
    method: 'PUT',
    url: '/api/v1/saved-filters',
    headers: who.auth,
    payload: { list: 'cis', name, query },
  });
const mine = async (who: TestUser) =>
  (await k.app.inject({ url: '/api/v1/saved-filters?list=cis', headers: who.auth })).json().items as Array<{
    id: string;
    name: string;
    query: string;
  }>;

describe('saved filters', () => {
  it('belong to their person, are replaced by name, and are deleted only by their owner', async () => {
    expect((await save(ana, 'Live servers', 'class=server&status=live')).statusCode).toBe(200);
    await save(ana, 'live servers', 'class=server,virtual_machine&status=live');
    // an auditor writes nothing to the records, but keeps filters of their own
    expect((await save(ben, 'Retired', 'status=retired')).statusCode).toBe(200);
    const anas = await mine(ana);
    expect(anas).toEqual([
      expect.objectContaining({ name: 'live servers', query: 'class=server,virtual_machine&status=live' }),
    ]);
    expect((await mine(ben)).map((f) => f.name)).toEqual(['Retired']);
    const steal = await k.app.inject({
      method: 'DELETE',
      url: `/api/v1/saved-filters/${anas[0]!.id}`,
      headers: ben.auth,
    });
    expect(steal.statusCode).toBe(404);
    expect(
      (
        await k.app.inject({
          method: 'DELETE',
          url: `/api/v1/saved-filters/${anas[0]!.id}`,
          headers: ana.auth,
        })
      ).statusCode,
    ).toBe(204);
    expect(await mine(ana)).toEqual([]);
    const bad = await k.app.inject({
      method: 'PUT',
      url: '/api/v1/saved-filters',
      headers: ana.auth,
      payload: { list: 'planets', name: 'x', query: '' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('views shared with a group', () => {
  it('members of the group see it, others do not; only the owner may share with their own group', async () => {
    const manager = await k.user(['incident_manager']);
    const [a, b, outsider] = await Promise.all([
      k.user(['service_desk_agent']),
      k.user(['resolver']),
      k.user(['service_desk_agent']),
    ]);
    const group = (
      await k.app.inject({
        method: 'POST',
        url: '/api/v1/groups',
        headers: manager.auth,
        payload: { name: 'Night shift', memberIds: [a.id, b.id] },
      })
    ).json().id;
    const put = (who: TestUser, groupId: string | null) =>
      k.app.inject({
        method: 'PUT',
        url: '/api/v1/saved-filters',
        headers: who.auth,
        payload: { list: 'work-items', name: 'P1 tonight', query: 'queue=groups&priority=1', groupId },
      });
    const shared = await put(a, group);
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ groupName: 'Night shift', mine: true });
    const list = async (who: TestUser) =>
      (await k.app.inject({ url: '/api/v1/saved-filters?list=work-items', headers: who.auth })).json().items;
    expect(await list(b)).toEqual([
      expect.objectContaining({ name: 'P1 tonight', groupName: 'Night shift', mine: false }),
    ]);
    expect(await list(outsider)).toEqual([]);
    const refused = await put(outsider, group);
    expect(refused.json().errors).toEqual([{ field: 'groupId', message: 'must be a group you belong to' }]);
    const id = (await list(b))[0].id;
    expect(
      (await k.app.inject({ method: 'DELETE', url: `/api/v1/saved-filters/${id}`, headers: b.auth }))
        .statusCode,
    ).toBe(404);
  });
});
