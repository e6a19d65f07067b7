import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

let k: TestKeel;
let admin: TestUser;
let id: string;
beforeAll(async () => {
  k = await testKeel();
  admin = await k.user(['administrator']);
  const res = await k.app.inject({
    method: 'POST',
    url: '/api/v1/customers',
    headers: admin.auth,
    payload: { code: 'ETG', name: 'Hotel Etag' },
  });
  expect(res.headers.etag).toBe('"1"');
  id = res.json().id;
});

const rename = (name: string, ifMatch?: string) =>
  k.app.inject({
    method: 'PATCH',
    url: `/api/v1/customers/${id}`,
    headers: { ...admin.auth, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
    payload: { name },
  });

describe('If-Match (RFC 9110 13.1.1: strong comparison, * matches any current representation)', () => {
  it('a write without If-Match is refused with 428', async () => {
    expect(problemOf(await rename('A')).status).toBe(428);
  });

  it('the strong ETag last read is accepted, and a stale one refused with 412', async () => {
    const ok = await rename('Hotel Etag 2', '"1"');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(problemOf(await rename('Hotel Etag 3', '"1"')).status).toBe(412);
  });

  it('a weak ETag never matches, even with the current version', async () => {
    const res = await rename('Weak', 'W/"2"');
    expect(problemOf(res).status).toBe(412);
  });

  it('* matches whatever version the record has now', async () => {
    const res = await rename('Any version', '*');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe('Any version');
    expect(res.headers.etag).toBe('"3"');
  });

  it('in a list, weak tags do not count, and Keel matches the one strong tag', async () => {
    expect(problemOf(await rename('Weak listed', 'W/"3", "1"')).status).toBe(412);
    const listed = await rename('Listed', 'W/"1", "3"');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(problemOf(await rename('Two', '"4", "1"')).errors).toEqual([
      { field: 'headers.if-match', message: 'must name one version: the ETag you last read, or *' },
    ]);
  });

  it('* on a record that does not exist is still a 404', async () => {
    const res = await k.app.inject({
      method: 'PATCH',
      url: '/api/v1/customers/00000000-0000-4000-8000-000000000000',
      headers: { ...admin.auth, 'if-match': '*' },
      payload: { name: 'Nobody' },
    });
    expect(problemOf(res).status).toBe(404);
  });

  it('an If-Match that is no entity tag is a 400 naming the header', async () => {
    const res = await rename('Junk', 'version 4');
    expect(problemOf(res).errors).toEqual([
      { field: 'headers.if-match', message: 'must be an entity tag such as "4", a list of them, or *' },
    ]);
  });
});
