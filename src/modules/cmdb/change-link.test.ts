import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

let k: TestKeel;
let cm: TestUser;
beforeAll(async () => {
  k = await testKeel();
  cm = await k.user(['configuration_manager']);
});

describe('CI history and change records', () => {
  it('records the change record with a CI change, links earlier entries later, and refuses unknown records', async () => {
    const change = (
      await k.app.inject({
        method: 'POST',
        url: '/api/v1/changes',
        headers: cm.auth,
        payload: { title: 'Add memory to esx-05', kind: 'standard', risk: 'low' },
      })
    ).json();
    expect(change.number).toBe('CHG-000001');
    const ci = (
      await k.app.inject({
        method: 'POST',
        url: '/api/v1/cis',
        headers: cm.auth,
        payload: { classKey: 'server', name: 'esx-05' },
      })
    ).json();
    const patch = (body: object, etag: string) =>
      k.app.inject({
        method: 'PATCH',
        url: `/api/v1/cis/${ci.id}`,
        headers: { ...cm.auth, 'if-match': etag },
        payload: body,
      });
    expect((await patch({ attributes: { memory_gb: 512 }, changeRef: 'chg-000001' }, '"1"')).statusCode).toBe(
      200,
    );
    const unknown = await patch({ attributes: { memory_gb: 768 }, changeRef: 'CHG-999999' }, '"2"');
    expect(problemOf(unknown).errors).toEqual([{ field: 'changeRef', message: 'no work item CHG-999999' }]);
    const history = (await k.app.inject({ url: `/api/v1/cis/${ci.id}/history`, headers: cm.auth })).json()
      .items;
    expect(history[0]).toMatchObject({
      field: 'attributes.memory_gb',
      newValue: 512,
      changeRef: 'CHG-000001',
    });
    const created = history.find((h: { field: string }) => h.field === 'created');
    expect(created.changeRef).toBeNull();
    const link = await k.app.inject({
      method: 'POST',
      url: `/api/v1/cis/${ci.id}/history/change-link`,
      headers: cm.auth,
      payload: { entryIds: [created.id], changeRef: 'CHG-000001' },
    });
    expect(link.json()).toEqual({ changeRef: 'CHG-000001', linked: 1 });
    const foreign = await k.app.inject({
      method: 'POST',
      url: `/api/v1/cis/${ci.id}/history/change-link`,
      headers: cm.auth,
      payload: { entryIds: [999999], changeRef: 'CHG-000001' },
    });
    expect(problemOf(foreign).errors![0]!.field).toBe('entryIds');
  });
});
