import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, testKeel } from '../../testing/harness.ts';
import { caller, type Organisation, organisation } from './audits.fixture.ts';

/** The independence refusal (422) speaks the caller's language: their own where Keel has it, else English. */
let k: TestKeel;
let o: Organisation;
let http: ReturnType<typeof caller>;

beforeAll(async () => {
  k = await testKeel();
  o = await organisation(k);
  http = caller(k);
});

const audit = (over: object = {}) => ({
  title: 'Change management audit',
  scopeProcesses: ['change'],
  leadAuditorId: o.auditor.id,
  plannedStart: '2026-03-02',
  plannedEnd: '2026-03-04',
  ...over,
});
const speaks = (language: string) =>
  k.db.execute(sql`update users set language = ${language} where id = ${o.top.id}`);

describe('independence messages', () => {
  it.each([
    [
      'nl',
      /is eigenaar van het proces Change management \(change\) en kan het niet auditen\./,
      /als Change coordinator en kan het niet auditen\./,
    ],
    [
      'da',
      /ejer processen Change management \(change\) og kan ikke auditere den\./,
      /som Change coordinator og kan ikke auditere den\./,
    ],
    [
      'en',
      /owns the process Change management \(change\) and cannot audit it\./,
      /as Change coordinator and cannot audit it\./,
    ],
    // a language Keel does not speak falls back to English
    [
      'fr',
      /owns the process Change management \(change\) and cannot audit it\./,
      /as Change coordinator and cannot audit it\./,
    ],
  ])('are in %s', async (language, owner, responsible) => {
    await speaks(language);
    const res = await http.post(
      '/api/v1/audits',
      o.top,
      audit({ leadAuditorId: o.responsible.id, teamIds: [o.changeOwner.id] }),
    );
    expect(res.statusCode, res.body).toBe(422);
    const p = problemOf(res);
    expect(p.errors).toEqual([
      { field: 'leadAuditorId', message: expect.stringMatching(responsible) },
      { field: 'teamIds.0', message: expect.stringMatching(owner) },
    ]);
    expect(p.detail).toMatch(owner);
  });

  it('are in the language of whoever changes the plan, not of whoever made it', async () => {
    await speaks('en');
    const made = await http.post('/api/v1/audits', o.top, audit());
    expect(made.statusCode, made.body).toBe(201);
    await speaks('da');
    const res = await http.patch(`/api/v1/audits/${made.json().id}`, o.top, { teamIds: [o.changeOwner.id] });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors).toEqual([
      { field: 'teamIds.0', message: expect.stringMatching(/ejer processen Change management/) },
    ]);
  });
});
