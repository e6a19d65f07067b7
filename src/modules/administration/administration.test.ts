import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

let k: TestKeel;
let admin: TestUser;
let auditor: TestUser;
let agent: TestUser;

beforeAll(async () => {
  k = await testKeel();
  [admin, auditor, agent] = await Promise.all([
    k.user(['administrator']),
    k.user(['internal_auditor']),
    k.user(['service_desk_agent']),
  ]);
});

const createUser = (payload: object, who = admin) =>
  k.app.inject({ method: 'POST', url: '/api/v1/users', headers: who.auth, payload });

describe('user administration', () => {
  it('an administrator creates a user with roles who can then sign in', async () => {
    const res = await createUser({
      email: 'ana@test.example',
      name: 'Ana',
      password: 'a good long password',
      roles: ['resolver', 'problem_manager'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({
      email: 'ana@test.example',
      roles: ['problem_manager', 'resolver'],
      active: true,
      hasPassword: true,
    });
    expect((await k.login('ana@test.example', 'a good long password')).res.statusCode).toBe(200);
  });

  it('an invitation gives a one-time link; the link sets the password once', async () => {
    const res = await createUser({
      email: 'ben@test.example',
      name: 'Ben',
      roles: ['customer'],
      language: 'nl',
    });
    const link: string = res.json().invitationLink;
    expect(link).toMatch(/^\/set-password#token=/);
    const token = decodeURIComponent(link.split('token=')[1]!);
    const set = (password: string) =>
      k.app.inject({ method: 'POST', url: '/api/v1/auth/set-password', payload: { token, password } });
    expect(problemOf(await set('short')).errors).toEqual([
      { field: 'password', message: 'must be at least 10 characters' },
    ]);
    expect((await set('ben picks a passphrase')).statusCode).toBe(200);
    expect((await set('ben picks another one')).statusCode).toBe(400);
    expect((await k.login('ben@test.example', 'ben picks a passphrase')).res.json().language).toBe('nl');
  });

  it('duplicate e-mail (any case) is a 409 naming the field; unknown roles a 400', async () => {
    const dup = await createUser({ email: 'ANA@test.example', name: 'Ana again', roles: [] });
    expect(dup.statusCode).toBe(409);
    expect(problemOf(dup).errors).toEqual([{ field: 'email', message: 'is already in use' }]);
    const bad = await createUser({ email: 'x@test.example', name: 'X', roles: ['emperor'] });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors![0]!.field).toMatch(/^roles/);
  });

  it('deactivating signs the person out everywhere and blocks sign-in; changes need If-Match', async () => {
    const c = await createUser({
      email: 'cas@test.example',
      name: 'Cas',
      password: 'cas has a password',
      roles: ['resolver'],
    });
    const id = c.json().user.id;
    const { cookie } = await k.login('cas@test.example', 'cas has a password');
    const noMatch = await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: admin.auth,
      payload: { active: false },
    });
    expect(noMatch.statusCode).toBe(428);
    const read = await k.app.inject({ url: `/api/v1/users/${id}`, headers: admin.auth });
    const off = await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { ...admin.auth, 'if-match': read.headers.etag as string },
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await k.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await k.login('cas@test.example', 'cas has a password')).res.statusCode).toBe(401);
    const stale = await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { ...admin.auth, 'if-match': read.headers.etag as string },
      payload: { active: true },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('Keel keeps at least one active administrator', async () => {
    const fresh = await testKeel();
    const only = await fresh.user(['administrator']);
    const read = await fresh.app.inject({ url: `/api/v1/users/${only.id}`, headers: only.auth });
    const res = await fresh.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${only.id}`,
      headers: { ...only.auth, 'if-match': read.headers.etag as string },
      payload: { roles: ['resolver'] },
    });
    expect(res.statusCode).toBe(409);
  });

  it('a reset signs the person out and either sets the given password or returns a link', async () => {
    const c = await createUser({
      email: 'dora@test.example',
      name: 'Dora',
      password: 'dora old password',
      roles: ['resolver'],
    });
    const id = c.json().user.id;
    const { cookie } = await k.login('dora@test.example', 'dora old password');
    const set = await k.app.inject({
      method: 'POST',
      url: `/api/v1/users/${id}/password-reset`,
      headers: admin.auth,
      payload: { password: 'dora new password' },
    });
    expect(set.json()).toEqual({});
    expect((await k.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await k.login('dora@test.example', 'dora new password')).res.statusCode).toBe(200);
    const link = await k.app.inject({
      method: 'POST',
      url: `/api/v1/users/${id}/password-reset`,
      headers: admin.auth,
      payload: {},
    });
    expect(link.json().resetLink).toMatch(/^\/set-password#token=/);
    expect((await k.login('dora@test.example', 'dora new password')).res.statusCode).toBe(401);
  });

  it('a reset voids a link issued before it', async () => {
    const c = await createUser({ email: 'eli@test.example', name: 'Eli', roles: ['resolver'] });
    const first = decodeURIComponent(c.json().invitationLink.split('token=')[1]);
    await k.app.inject({
      method: 'POST',
      url: `/api/v1/users/${c.json().user.id}/password-reset`,
      headers: admin.auth,
      payload: { password: 'set by the administrator' },
    });
    const old = await k.app.inject({
      method: 'POST',
      url: '/api/v1/auth/set-password',
      payload: { token: first, password: 'someone else wins' },
    });
    expect(old.statusCode).toBe(400);
    expect((await k.login('eli@test.example', 'set by the administrator')).res.statusCode).toBe(200);
  });

  it('the internal auditor role stands alone', async () => {
    const res = await createUser({
      email: 'mixed@test.example',
      name: 'Mixed',
      roles: ['internal_auditor', 'resolver'],
    });
    expect(problemOf(res).errors).toEqual([
      { field: 'roles', message: 'the internal auditor role cannot be combined with other roles' },
    ]);
  });

  it('two simultaneous creations with one e-mail give one user and a 409 naming the field', async () => {
    const both = await Promise.all(
      [1, 2].map((i) => createUser({ email: 'twin@test.example', name: `Twin ${i}`, roles: [] })),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const lost = both.find((r) => r.statusCode === 409)!;
    expect(problemOf(lost).errors).toEqual([{ field: 'email', message: 'is already in use' }]);
  });

  it('lists users with search, role filter and paging', async () => {
    for (let i = 0; i < 5; i++)
      await createUser({ email: `page${i}@test.example`, name: `Pager ${i}`, roles: ['change_manager'] });
    const page = await k.app.inject({ url: '/api/v1/users?q=pager&limit=2&offset=2', headers: admin.auth });
    expect(page.json()).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(page.json().items.map((u: { name: string }) => u.name)).toEqual(['Pager 2', 'Pager 3']);
    const byRole = await k.app.inject({
      url: '/api/v1/users?role=change_manager&limit=200',
      headers: auditor.auth,
    });
    expect(byRole.json().total).toBe(5);
    const badLimit = await k.app.inject({ url: '/api/v1/users?limit=5000', headers: admin.auth });
    expect(problemOf(badLimit).errors![0]!.field).toBe('querystring.limit');
  });

  it('only administrators change users; the auditor reads; others are refused', async () => {
    expect((await createUser({ email: 'e@test.example', name: 'E', roles: [] }, agent)).statusCode).toBe(403);
    expect((await createUser({ email: 'e@test.example', name: 'E', roles: [] }, auditor)).statusCode).toBe(
      403,
    );
    expect((await k.app.inject({ url: '/api/v1/users', headers: auditor.auth })).statusCode).toBe(200);
    expect((await k.app.inject({ url: '/api/v1/users', headers: agent.auth })).statusCode).toBe(403);
  });
});

describe('API tokens', () => {
  it('an administrator creates a token for a machine; it is shown once and works as Bearer', async () => {
    const bot = await createUser({
      email: 'monitoring@test.example',
      name: 'Monitoring',
      roles: ['service_desk_agent'],
    });
    const res = await k.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: admin.auth,
      payload: { userId: bot.json().user.id, name: 'Zabbix', scopes: ['read'] },
    });
    expect(res.statusCode).toBe(201);
    const { token, apiToken } = res.json();
    expect(token).toMatch(/^keel_[\w-]{40,}$/);
    const me = await k.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ email: 'monitoring@test.example', via: 'token', scopes: ['read'] });
    const write = await k.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
      payload: { language: 'nl' },
    });
    expect(write.statusCode).toBe(403);
    const list = await k.app.inject({
      url: `/api/v1/api-tokens?userId=${bot.json().user.id}`,
      headers: admin.auth,
    });
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect(list.json().items[0]).toMatchObject({
      id: apiToken.id,
      name: 'Zabbix',
      prefix: token.slice(0, 12),
      userName: 'Monitoring',
      userEmail: 'monitoring@test.example',
    });
    const revoke = await k.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-tokens/${apiToken.id}`,
      headers: admin.auth,
    });
    expect(revoke.json().revokedAt).not.toBeNull();
    const after = await k.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('an unknown or malformed token is a 401 problem; an expiry in the past is refused', async () => {
    expect(
      (await k.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer keel_nope' } })).statusCode,
    ).toBe(401);
    expect((await k.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer' } })).statusCode).toBe(
      401,
    );
    const past = await k.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: admin.auth,
      payload: { userId: agent.id, name: 'old', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(problemOf(past).errors).toEqual([{ field: 'expiresAt', message: 'must be in the future' }]);
  });
});
