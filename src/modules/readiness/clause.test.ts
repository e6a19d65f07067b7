import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { clauseOf } from './clauses.ts';
import { evidenceRules } from './rules.ts';

/** One clause's readiness: judged as the readiness view judges it, running only that clause's rules. */
let k: TestKeel;
let head: TestUser;
const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

beforeAll(async () => {
  k = await testKeel();
  head = await k.user(['process_owner']);
  await k.db.execute(sql`insert into context_issues (kind, title, updated_at)
    values ('external', 'Hotel season peaks', ${ago(7)})`);
  await k.db.execute(sql`insert into own_requirements (code, title, source, reference, clause, evidence, review_months)
    values ('GDPR-30', 'Records of processing', 'legal', 'GDPR 30', '4.1', 'The register', 12),
           ('PCI-1', 'Card data', 'contract', 'PCI DSS', '8.1', 'The scan', 12)`);
});
afterEach(() => vi.restoreAllMocks());

/** Spies on every rule's evaluation, and gives the keys of the rules evaluated. */
const spyRules = () => {
  const spies = evidenceRules.map((r) => [r.key, vi.spyOn(r, 'evaluate')] as const);
  return () => spies.filter(([, s]) => s.mock.calls.length).map(([key]) => key);
};

describe('one clause', () => {
  it('is shown as in the readiness view, evaluating only its own rules and requirements', async () => {
    const whole = (await call('GET', '/api/v1/readiness', head)).json();
    const evaluated = spyRules();
    const res = await call('GET', '/api/v1/clauses/4.1', head);
    expect(res.statusCode, res.body).toBe(200);
    expect(evaluated().sort()).toEqual(
      [...clauseOf('4.1')!.rules].filter((key) => !evidenceRules.find((r) => r.key === key)?.notRun).sort(),
    );
    const expected = whole.clauses.find((c: { number: string }) => c.number === '4.1');
    expect(res.json()).toEqual(expected);
    expect(res.json().requirements.map((r: { code: string }) => r.code)).toEqual(['GDPR-30']);
    expect(res.json().rules.at(-1)).toMatchObject({ rule: 'own-requirements', total: 1 });
  });

  it('is judged after an applicability decision on its own rules only', async () => {
    const evaluated = spyRules();
    const res = await call(
      'PUT',
      '/api/v1/clauses/8.1/applicability',
      head,
      { applicable: false, justification: 'Not for this test' },
      { 'if-match': '"0"' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ number: '8.1', status: 'not_applicable', version: 1 });
    expect(res.json().requirements.map((r: { code: string }) => r.code)).toEqual(['PCI-1']);
    expect(evaluated().length).toBeGreaterThan(0);
    expect(evaluated().every((key) => clauseOf('8.1')!.rules.includes(key))).toBe(true);
    expect((await call('GET', '/api/v1/clauses/9.9', head)).statusCode).toBe(404);
  });
});
