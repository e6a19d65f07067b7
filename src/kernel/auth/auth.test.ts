import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, testKeel } from '../../testing/harness.ts';

let k: TestKeel;
beforeAll(async () => {
  k = await testKeel();
});

describe('signing in', () => {
  it('a correct password gives 200, the person, and an HTTP-only session cookie', async () => {
    const u = await k.user(['service_desk_agent']);
    const { res } = await k.login(u.email);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: u.email, roles: ['service_desk_agent'], via: 'session' });
    const cookie = res.cookies.find((c) => c.name === 'keel_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
  });

  it('a wrong password is a 401 problem that does not tell which part was wrong', async () => {
    const u = await k.user(['resolver']);
    const { res } = await k.login(u.email, 'not the password');
    expect(res.statusCode).toBe(401);
    const p = problemOf(res);
    expect(p).toMatchObject({ status: 401, title: 'Not signed in' });
    expect(p.detail).toMatch(/e-mail address or password/);
    const unknown = await k.login('nobody@test.example', 'whatever-it-is');
    expect(problemOf(unknown.res).detail).toBe(p.detail);
  });

  it('malformed input is a 400 problem listing each field', async () => {
    const res = await k.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nope' } });
    expect(res.statusCode).toBe(400);
    const p = problemOf(res);
    expect(p.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: expect.any(String) },
        { field: 'password', message: expect.any(String) },
      ]),
    );
  });

  it('invalid JSON is a 400 problem, not a 500', async () => {
    const res = await k.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).status).toBe(400);
  });

  it('after five failures the address is locked with 429 and Retry-After, even for the right password', async () => {
    const u = await k.user(['resolver']);
    for (let i = 0; i < 5; i++) expect((await k.login(u.email, 'wrong password!')).res.statusCode).toBe(401);
    const locked = await k.login(u.email);
    expect(locked.res.statusCode).toBe(429);
    expect(Number(locked.res.headers['retry-after'])).toBeGreaterThan(0);
    expect(problemOf(locked.res).type).toBe('urn:keel:problem:rate-limited');
  });

  it('parallel guesses at one account are taken one at a time: no more than five get checked', async () => {
    const u = await k.user(['resolver']);
    const results = await Promise.all(Array.from({ length: 12 }, () => k.login(u.email, 'a wrong guess!')));
    const codes = results.map((r) => r.res.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(7);
  });

  it('each sign-in opens a new session and ends the one the browser presented', async () => {
    const u = await k.user(['resolver']);
    const first = await k.login(u.email);
    const again = await k.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: first.cookie },
      payload: { email: u.email, password: 'correct horse battery' },
    });
    const second = `keel_session=${again.cookies.find((c) => c.name === 'keel_session')!.value}`;
    expect(second).not.toBe(first.cookie);
    expect((await k.app.inject({ url: '/api/v1/me', headers: { cookie: first.cookie } })).statusCode).toBe(
      401,
    );
    expect((await k.app.inject({ url: '/api/v1/me', headers: { cookie: second } })).statusCode).toBe(200);
  });

  it('sessions are stored hashed, never as the cookie value', async () => {
    const u = await k.user(['resolver']);
    const { cookie } = await k.login(u.email);
    const value = cookie.split('=')[1]!;
    const rows = await k.db.execute(sql`select id from sessions where id = ${value}`);
    expect(rows.rows).toHaveLength(0);
  });

  it('passwords are stored with scrypt (memory-hard), never in clear', async () => {
    const u = await k.user(['resolver']);
    const rows = await k.db.execute<{ password_hash: string }>(
      sql`select password_hash from users where id = ${u.id}`,
    );
    expect(rows.rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});

describe('the session', () => {
  it('me tells who is signed in; logout ends the session', async () => {
    const u = await k.user(['incident_manager', 'resolver']);
    const { cookie, csrf } = await k.login(u.email);
    const me = await k.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ email: u.email, roles: ['incident_manager', 'resolver'] });
    const out = await k.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    const after = await k.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(problemOf(after).type).toBe('urn:keel:problem:unauthenticated');
  });

  it('the chosen language is remembered for the person', async () => {
    const u = await k.user(['customer']);
    const { cookie, csrf } = await k.login(u.email);
    const res = await k.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie, 'x-csrf-token': csrf, origin: 'http://localhost' },
      payload: { language: 'da' },
    });
    expect(res.statusCode).toBe(200);
    const relogin = await k.login(u.email);
    expect(relogin.res.json().language).toBe('da');
    const bad = await k.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { language: 'fr' },
    });
    expect(problemOf(bad).errors![0]!.field).toBe('language');
  });

  it('a browser write with the session cookie but without the CSRF token is refused', async () => {
    const u = await k.user(['customer']);
    const { cookie } = await k.login(u.email);
    const res = await k.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: { language: 'nl' },
    });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).detail).toMatch(/CSRF/);
  });

  it('every write with the session cookie needs the CSRF token, whatever other headers it has', async () => {
    const u = await k.user(['customer']);
    const { cookie, csrf } = await k.login(u.email);
    const patch = (headers: Record<string, string>) =>
      k.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: { cookie, ...headers },
        payload: { language: 'nl' },
      });
    // no Origin, no Sec-Fetch-Site: a form or script riding on the cookie must not get through either
    const without: Array<Record<string, string>> = [
      {},
      { 'x-csrf-token': 'not-the-token' },
      { 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of without) {
      const res = await patch(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(problemOf(res)).toMatchObject({ status: 403, detail: expect.stringMatching(/X-CSRF-Token/) });
    }
    expect((await patch({ 'x-csrf-token': csrf })).statusCode).toBe(200);
    const logout = await k.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(403);
    // an API token is not sent by browsers on their own, so it needs no CSRF token, even beside a cookie
    const withToken = await k.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { ...u.auth, cookie },
      payload: { language: 'da' },
    });
    expect(withToken.statusCode).toBe(200);
  });
});

describe('expiry', () => {
  it('an expired session or API token no longer signs anyone in', async () => {
    const u = await k.user(['resolver']);
    const { cookie } = await k.login(u.email);
    await k.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${u.id}`,
    );
    expect((await k.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await k.app.inject({ url: '/api/v1/me', headers: u.auth })).statusCode).toBe(200);
    await k.db.execute(
      sql`update api_tokens set expires_at = now() - interval '1 second' where user_id = ${u.id}`,
    );
    const res = await k.app.inject({ url: '/api/v1/me', headers: u.auth });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).detail).toMatch(/expired/);
  });
});

describe('first start without the demo', () => {
  it('setup creates the first administrator once, then refuses', async () => {
    const empty = await testKeel();
    const status = await empty.app.inject({ url: '/api/v1/setup' });
    expect(status.json()).toEqual({ needed: true });
    const weak = await empty.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { email: 'first@test.example', name: 'First', password: 'short' },
    });
    expect(problemOf(weak).errors).toEqual([
      { field: 'password', message: 'must be at least 10 characters' },
    ]);
    const ok = await empty.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { email: 'first@test.example', name: 'First', password: 'a long enough password' },
    });
    expect(ok.statusCode).toBe(201);
    const me = await empty.login('first@test.example', 'a long enough password');
    expect(me.res.json().roles).toEqual(['administrator']);
    const twice = await empty.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { email: 'second@test.example', name: 'Second', password: 'a long enough password' },
    });
    expect(twice.statusCode).toBe(409);
  });
});
