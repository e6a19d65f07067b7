import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobWorker } from '../../kernel/jobs/worker.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { allModules } from '../index.ts';

/**
 * Problem management through its API: recording (proactively and from incidents, nothing partial), the
 * lifecycle and its known-error rule, known-error suggestions in three languages, applying a workaround,
 * trend detection, problems from major-incident reviews, the fix closed by a change, who may see any of it,
 * and the KPIs. One file: the cases share services, CIs and people, and the KPIs count what they leave.
 */
let k: TestKeel;
let pm: TestUser;
let agent: TestUser;
let resolver: TestUser;
let incidentManager: TestUser;
let changeManager: TestUser;
let auditor: TestUser;
let head: TestUser;
let customer: TestUser;
let supplier: TestUser;
let wifi: string;
let pms: string;
let doors: string;
let keycards: string;
let laundry: string;
let wlc: string;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);

type View = {
  number: string;
  version: number;
  state: string;
  origin: string;
  incidents: Array<{ number: string; title: string; state: string }>;
  changes: Array<{ number: string; title: string; state: string }>;
  [k: string]: unknown;
};

async function problem(over: object = {}, who = pm): Promise<View> {
  const res = await post('/api/v1/problems', who, { title: 'Repeated outages to investigate', ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function incident(title: string, over: object = {}, who = agent) {
  const res = await post('/api/v1/incidents', who, { title, impact: 3, urgency: 3, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: string; id: string; version: number };
}

async function move(number: string, to: string, body: object = {}, who = pm) {
  const cur = await call('GET', `/api/v1/problems/${number}`, who);
  return call(
    'POST',
    `/api/v1/problems/${number}/transitions`,
    who,
    { to, ...body },
    { 'if-match': cur.headers.etag as string },
  );
}

async function drainJobs() {
  const worker = new JobWorker(k.db);
  for (const m of allModules) for (const [kind, h] of Object.entries(m.jobs ?? {})) worker.register(kind, h);
  return worker.drain();
}

const count = async (type: string) =>
  (await k.db.execute<{ n: number }>(sql`select count(*)::int as n from work_items where type = ${type}`))
    .rows[0]!.n;

beforeAll(async () => {
  k = await testKeel();
  [pm, agent, resolver, incidentManager, changeManager, auditor, head, customer, supplier] =
    await Promise.all([
      k.user(['problem_manager']),
      k.user(['service_desk_agent']),
      k.user(['resolver']),
      k.user(['incident_manager']),
      k.user(['change_manager']),
      k.user(['internal_auditor']),
      k.user(['process_owner']),
      k.user(['customer']),
      k.user(['supplier']),
    ]);
  const keeper = await k.user(['service_owner', 'configuration_manager']);
  const service = async (name: string) => {
    const res = await post('/api/v1/services', keeper, { name, status: 'live', criticality: 3 });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  [wifi, pms, doors, keycards, laundry] = [
    await service('Guest Wi-Fi'),
    await service('Property management'),
    await service('Door locks'),
    await service('Keycards'),
    await service('Laundry'),
  ];
  const ci = await post('/api/v1/cis', keeper, { classKey: 'server', name: 'wlc-01' });
  expect(ci.statusCode, ci.body).toBe(201);
  wlc = ci.json().id;
});

describe('recording a problem', () => {
  it('records a proactive problem in state new, with its analysis, service, CIs and abilities', async () => {
    const p = await problem({
      description: 'Seen on all floors',
      priority: 2,
      serviceId: wifi,
      ciIds: [wlc],
      symptoms: 'Guests lose the connection every few minutes',
      rcaMethod: 'five_whys',
      rcaAnalysis: 'Why? The controller reboots.\nWhy? Memory leak.',
      assigneeId: pm.id,
    });
    expect(p).toMatchObject({
      type: 'problem',
      state: 'new',
      origin: 'proactive',
      priority: 2,
      serviceName: 'Guest Wi-Fi',
      cis: [{ id: wlc, name: 'wlc-01' }],
      rcaMethod: 'five_whys',
      requesterId: null,
      customerId: null,
      incidents: [],
      changes: [],
      abilities: { manage: true, applyWorkaround: false, edit: true },
    });
    expect(p.number).toMatch(/^PRB-\d{6}$/);
    expect((p.transitions as Array<{ to: string }>).map((t) => t.to).sort()).toEqual([
      'cancelled',
      'investigation',
      'known_error',
      'resolved',
    ]);
    // the shared work-item route is not the way in: it names the problem's own
    const shared = await post('/api/v1/work-items', pm, { type: 'problem', title: 'x' });
    expect(problemOf(shared).errors).toEqual([
      { field: 'type', message: 'is recorded with POST /api/v1/problems' },
    ]);
  });

  it('records a problem from 7 incidents and links each caused_by it', async () => {
    const seven = [];
    for (let i = 1; i <= 7; i++) seven.push(await incident(`Room ${200 + i}: TV shows no channels`));
    const p = await problem({ title: 'TV head-end loses channels', incidents: seven.map((s) => s.number) });
    expect(p.origin).toBe('incidents');
    expect(p.incidents.map((i) => i.number)).toEqual(seven.map((s) => s.number).sort());
    const links = (await call('GET', `/api/v1/work-items/${seven[3]!.number}/links`, agent)).json();
    expect(links.items).toEqual([
      expect.objectContaining({
        kind: 'caused_by',
        from: seven[3]!.number,
        to: p.number,
        direction: 'outgoing',
      }),
    ]);
  });

  it('writes nothing when one incident named is wrong: a field error for each', async () => {
    const good = [await incident('Minibar sensor offline'), await incident('Minibar sensor offline again')];
    const change = await post('/api/v1/changes', resolver, { title: 'x', kind: 'normal', risk: 'low' });
    const before = await count('problem');
    const linksBefore = (await k.db.execute(sql`select count(*)::int as n from work_item_links`)).rows[0];
    const res = await post('/api/v1/problems', pm, {
      title: 'Minibar sensors',
      incidents: [good[0]!.number, 'INC-999999', good[1]!.number, change.json().number],
      serviceId: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(problemOf(res).errors).toEqual([
      { field: 'serviceId', message: 'does not exist' },
      { field: 'incidents.1', message: 'INC-999999 does not exist' },
      { field: 'incidents.3', message: `${change.json().number} is not an incident` },
    ]);
    expect(await count('problem')).toBe(before);
    expect((await k.db.execute(sql`select count(*)::int as n from work_item_links`)).rows[0]).toEqual(
      linksBefore,
    );
    const other = await problem({ title: 'Another problem' });
    const notIncident = await post('/api/v1/problems', pm, { title: 'x', incidents: [other.number] });
    expect(problemOf(notIncident).errors).toEqual([
      { field: 'incidents.0', message: `${other.number} is not an incident` },
    ]);
    expect(await count('problem')).toBe(before + 1);
  });

  it('edits with If-Match, refuses a stale version and a non-manager', async () => {
    const p = await problem();
    const patch = (body: object, etag: string, who = pm) =>
      call('PATCH', `/api/v1/problems/${p.number}`, who, body, { 'if-match': etag });
    const ok = await patch(
      { cause: 'Firmware 8.1 leaks memory', timeline: '09:00 first report' },
      `"${p.version}"`,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ cause: 'Firmware 8.1 leaks memory', version: p.version + 1 });
    expect((await patch({ cause: 'x' }, `"${p.version}"`)).statusCode).toBe(412);
    expect((await patch({ cause: 'x' }, `"${p.version + 1}"`, agent)).statusCode).toBe(403);
    const bad = await patch({ assigneeId: agent.id }, `"${p.version + 1}"`);
    expect(problemOf(bad).errors).toEqual([
      { field: 'assigneeId', message: 'is not an active problem manager' },
    ]);
  });
});

describe('the problem lifecycle', () => {
  it('becomes a known error only with a documented cause and workaround, from the input or as saved', async () => {
    const p = await problem({ title: 'Laundry chute sensor trips', serviceId: laundry });
    expect((await move(p.number, 'investigation')).statusCode).toBe(200);
    const neither = await move(p.number, 'known_error');
    expect(neither.statusCode).toBe(400);
    expect(problemOf(neither).errors!.map((e) => e.field)).toEqual(['cause', 'workaround']);
    const causeOnly = await move(p.number, 'known_error', { cause: 'Sensor firmware' });
    expect(problemOf(causeOnly).errors!.map((e) => e.field)).toEqual(['workaround']);
    // nothing of the refused attempt stayed
    const still = (await call('GET', `/api/v1/problems/${p.number}`, pm)).json();
    expect(still).toMatchObject({ state: 'investigation', cause: '', knownErrorAt: null });
    const cur = await call('GET', `/api/v1/problems/${p.number}`, pm);
    await call(
      'PATCH',
      `/api/v1/problems/${p.number}`,
      pm,
      { cause: 'Sensor firmware' },
      {
        'if-match': cur.headers.etag as string,
      },
    );
    const known = await move(p.number, 'known_error', {
      workaround: 'Reset the sensor at the chute',
      workaroundPublic: true,
    });
    expect(known.statusCode, known.body).toBe(200);
    expect(known.json()).toMatchObject({
      state: 'known_error',
      cause: 'Sensor firmware',
      workaround: 'Reset the sensor at the chute',
      workaroundPublic: true,
      abilities: { applyWorkaround: true },
    });
    expect(known.json().knownErrorAt).not.toBeNull();
    // a known error keeps its workaround
    const emptied = await call(
      'PATCH',
      `/api/v1/problems/${p.number}`,
      pm,
      { workaround: ' ' },
      {
        'if-match': known.headers.etag as string,
      },
    );
    expect(problemOf(emptied).errors).toEqual([
      { field: 'workaround', message: 'a known error keeps its documented cause and workaround' },
    ]);
  });

  it('refuses the wrong role: agents, resolvers and the auditor read but do not move problems', async () => {
    const p = await problem();
    for (const who of [agent, resolver, incidentManager]) {
      expect((await move(p.number, 'investigation', {}, who)).statusCode).toBe(403);
      expect((await post('/api/v1/problems', who, { title: 'x' })).statusCode).toBe(403);
      const read = await call('GET', `/api/v1/problems/${p.number}`, who);
      expect(read.statusCode).toBe(200);
      expect(read.json().transitions).toEqual([]);
      expect(read.json().abilities).toMatchObject({ manage: false, edit: false, comment: true });
    }
    const audit = await call('GET', `/api/v1/problems/${p.number}`, auditor);
    expect(audit.statusCode).toBe(200);
    expect(audit.json().abilities).toMatchObject({ manage: false, comment: false });
    expect((await move(p.number, 'investigation', {}, auditor)).statusCode).toBe(403);
  });

  it('resolves with a resolution, reopens, closes; cancelling needs a reason', async () => {
    const p = await problem();
    const noResolution = await move(p.number, 'resolved');
    expect(problemOf(noResolution).errors).toEqual([
      { field: 'resolution', message: 'is required to resolve' },
    ]);
    const resolved = await move(p.number, 'resolved', { resolution: 'Firmware 8.2 installed' });
    expect(resolved.json()).toMatchObject({ state: 'resolved', resolution: 'Firmware 8.2 installed' });
    expect(resolved.json().resolvedAt).not.toBeNull();
    const reopened = await move(p.number, 'investigation', { reason: 'Drops again' });
    expect(reopened.json()).toMatchObject({ state: 'investigation', resolvedAt: null });
    await move(p.number, 'resolved', { resolution: 'Firmware 8.3 installed' });
    const closed = await move(p.number, 'closed');
    expect(closed.json()).toMatchObject({ state: 'closed', final: true, transitions: [] });
    expect((await move(p.number, 'investigation')).statusCode).toBe(409);
    const other = await problem();
    const noReason = await move(other.number, 'cancelled');
    expect(problemOf(noReason).errors).toEqual([{ field: 'reason', message: 'is required to cancel' }]);
    expect((await move(other.number, 'cancelled', { reason: 'Duplicate of another' })).json().state).toBe(
      'cancelled',
    );
  });
});

/** A problem documented as a known error. */
async function knownError(title: string, workaround: string, over: object = {}) {
  const p = await problem({ title, cause: 'Found by the investigation', workaround, ...over });
  const res = await move(p.number, 'known_error');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as View;
}

describe('when a problem became a known error', () => {
  it('keeps the first moment when a reopened problem becomes a known error again', async () => {
    const p = await problem({ title: 'Minibar sensor miscounts' });
    const known = await move(p.number, 'known_error', { cause: 'Sensor drift', workaround: 'Count by hand' });
    expect(known.statusCode, known.body).toBe(200);
    const first = known.json().knownErrorAt as string;
    expect((await move(p.number, 'resolved', { resolution: 'Recalibrated' })).statusCode).toBe(200);
    expect((await move(p.number, 'investigation', { reason: 'Miscounts again' })).statusCode).toBe(200);
    const again = await move(p.number, 'known_error');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().knownErrorAt).toBe(first);
  });
});

describe('known errors', () => {
  const ke: Record<string, string> = {};
  beforeAll(async () => {
    ke.wifi = (
      await knownError(
        'Guest Wi-Fi drops connections every few minutes',
        'Forget the network on the device and connect to Guest-5G',
        { serviceId: wifi, language: 'en', ciIds: [wlc], workaroundPublic: true },
      )
    ).number;
    ke.printer = (
      await knownError(
        'Reception printer prints blank pages',
        'Replace the toner cartridge and print a test page',
        {
          serviceId: pms,
        },
      )
    ).number;
    ke.booking = (
      await knownError(
        'Booking screen slow when opening reservations',
        'Clear the browser cache and sign in again',
        {
          serviceId: pms,
        },
      )
    ).number;
    ke.wifiNl = (
      await knownError(
        'Wifi-verbinding valt steeds weg in de vergaderzaal',
        'Schakel de draadloze verbinding uit en weer in',
        {
          serviceId: wifi,
          language: 'nl',
        },
      )
    ).number;
    ke.login = (
      await knownError(
        'Wi-Fi login page does not open on guest phones',
        'Open neverssl.com in the browser to bring up the login page',
        {
          serviceId: wifi,
          language: 'en',
        },
      )
    ).number;
    ke.loginNl = (
      await knownError(
        'Inlogpagina van de gasten-wifi opent niet',
        'Open een willekeurige website zodat de inlogpagina verschijnt',
        {
          serviceId: wifi,
          language: 'nl',
        },
      )
    ).number;
    ke.doorDa2 = (
      await knownError('Døren låser ikke op med nøglekortet', 'Kod nøglekortet igen i receptionen', {
        serviceId: doors,
        language: 'da',
      })
    ).number;
    ke.doorDa = (
      await knownError(
        'Kortlæseren på døren virker ikke efter strømsvigt',
        'Nulstil kortlæseren med servicekortet',
        {
          serviceId: doors,
          language: 'da',
        },
      )
    ).number;
  });

  const suggest = async (q: string) => {
    const res = await call('GET', `/api/v1/known-errors?${q}`, agent);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Array<{ number: string; score: number; workaround: string }>;
  };

  it('lists known errors per service, most recently documented first', async () => {
    const all = await suggest(`serviceId=${wifi}`);
    expect(all.map((x) => x.number)).toEqual([ke.loginNl, ke.login, ke.wifiNl, ke.wifi]);
    expect(all[3]).toMatchObject({
      workaround: 'Forget the network on the device and connect to Guest-5G',
      score: null,
    });
  });

  const ranked = async (text: string, extra = '') =>
    (await suggest(`text=${encodeURIComponent(text)}${extra}`)).map((x) => x.number);

  it('suggests known errors for an English text, ranked; the service and CI lift the one on them', async () => {
    const text = 'Guest Wi-Fi connection drops and the login page does not open';
    // by text alone the login page's title holds more of the words than the dropping connection's
    expect(await ranked(text)).toEqual([ke.login, ke.wifi]);
    // on the Wi-Fi service and its controller, the known error on that CI comes first; the Dutch ones and
    // the other services' stay below the floor whatever bonus they get
    expect(await ranked(text, `&serviceId=${wifi}&ciIds=${wlc}`)).toEqual([ke.wifi, ke.login]);
    const scored = await suggest(`text=${encodeURIComponent(text)}&serviceId=${wifi}&ciIds=${wlc}`);
    expect(scored[0]!.score).toBeGreaterThan(scored[1]!.score);
    expect(scored[0]!.workaround).toBe('Forget the network on the device and connect to Guest-5G');
    expect(await ranked('Printer at reception prints empty pages')).toEqual([ke.printer]);
    // the same service with nothing in common is no suggestion
    expect(await ranked('Coffee machine broken', `&serviceId=${pms}`)).toEqual([]);
  });

  it('suggests in Dutch: the meeting-room connection first, then the login page', async () => {
    expect(
      await ranked('De wifi-verbinding in de vergaderzaal valt weg en de inlogpagina opent niet'),
    ).toEqual([ke.wifiNl, ke.loginNl]);
    expect(await ranked('Wifi verbinding valt weg bij de vergadering')).toEqual([ke.wifiNl]);
  });

  it('suggests in Danish: the card reader first, then the keycard', async () => {
    expect(await ranked('Døren kan ikke låses op, kortlæseren virker ikke')).toEqual([ke.doorDa, ke.doorDa2]);
    expect(await ranked('Nøglekortet virker ikke i døren', `&serviceId=${doors}`)).toEqual([
      ke.doorDa,
      ke.doorDa2,
    ]);
  });
  it('suggests by the title, language and workaround as edited', async () => {
    const edited = await knownError('Sauna heater reports phantom faults', 'Recalibrate the sauna heater', {
      language: 'en',
    });
    // words no other known error of this file uses (another test makes "Minibar sensor …" a known error)
    const before = 'Sauna heater reports phantom faults in the spa';
    expect(await ranked(before)).toEqual([edited.number]);
    const res = await call(
      'PATCH',
      `/api/v1/problems/${edited.number}`,
      pm,
      { title: 'Parkeerslagboom blijft dicht', language: 'nl', workaround: 'Open de slagbomen met de hand' },
      { 'if-match': `"${edited.version}"` },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(await ranked(before)).toEqual([]);
    expect((await ranked('De slagbomen van de parkeergarage blijven dicht'))[0]).toBe(edited.number);
    // the title alone (kept in the work item) is followed too
    const retitled = await call(
      'PATCH',
      `/api/v1/problems/${edited.number}`,
      pm,
      { title: 'Zwembadpomp maakt lawaai' },
      { 'if-match': `"${edited.version + 1}"` },
    );
    expect(retitled.statusCode, retitled.body).toBe(200);
    expect(await ranked('Parkeerslagboom blijft dicht')).toEqual([]);
    expect(await ranked('De zwembadpomp maakt veel lawaai')).toEqual([edited.number]);
  });

  it('applies a known error to an incident: the note, the link, and resolution code workaround', async () => {
    const inc = await incident('Wi-Fi drops in room 12', { serviceId: wifi });
    const apply = (body: object, who = agent, number = inc.number) =>
      post(`/api/v1/incidents/${number}/known-error`, who, body);
    const res = await apply({ problem: ke.wifi, note: 'public', resolve: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      incident: inc.number,
      problem: ke.wifi,
      linked: true,
      resolved: true,
      state: 'resolved',
    });
    const view = (await call('GET', `/api/v1/incidents/${inc.number}`, agent)).json();
    expect(view).toMatchObject({ state: 'resolved', resolutionCode: 'workaround' });
    expect(view.resolutionText).toContain('Forget the network on the device');
    const comments = (await call('GET', `/api/v1/work-items/${inc.number}/comments`, agent)).json().items;
    expect(comments).toContainEqual(
      expect.objectContaining({
        body: `Workaround (${ke.wifi}): Forget the network on the device and connect to Guest-5G`,
        internal: false,
      }),
    );
    const p = (await call('GET', `/api/v1/problems/${ke.wifi}`, agent)).json();
    expect(p.incidents).toContainEqual({
      number: inc.number,
      title: 'Wi-Fi drops in room 12',
      state: 'resolved',
    });
  });

  it('keeps a provider-only workaround internal, and applies only known errors', async () => {
    const inc = await incident('Printer prints blank pages', { serviceId: pms });
    const apply = (body: object, who = agent) =>
      post(`/api/v1/incidents/${inc.number}/known-error`, who, body);
    const pub = await apply({ problem: ke.printer, note: 'public' });
    expect(problemOf(pub).errors).toEqual([
      {
        field: 'note',
        message: `the workaround of ${ke.printer} is for the provider only: add it as internal`,
      },
    ]);
    const fresh = await problem({ title: 'Not yet known' });
    expect(problemOf(await apply({ problem: fresh.number, note: 'internal' })).errors![0]!.field).toBe(
      'problem',
    );
    expect(problemOf(await apply({ problem: 'PRB-999999', note: 'internal' })).errors![0]!.field).toBe(
      'problem',
    );
    expect((await apply({ problem: ke.printer, note: 'internal' }, customer)).statusCode).toBe(403);
    expect((await apply({ problem: ke.printer, note: 'internal' }, auditor)).statusCode).toBe(403);
    const internal = await apply({ problem: ke.printer, note: 'internal' });
    expect(internal.json()).toMatchObject({ linked: true, resolved: false, state: 'new' });
    const again = await apply({ problem: ke.printer, note: 'internal' });
    expect(again.json()).toMatchObject({ linked: false });
    const comments = (await call('GET', `/api/v1/work-items/${inc.number}/comments`, agent)).json().items;
    expect(comments.filter((c: { internal: boolean }) => c.internal)).toHaveLength(2);
    // nothing was written by the refused attempts
    expect(comments).toHaveLength(2);
  });

  it('resolves with an internal workaround without telling the requester the workaround', async () => {
    const inc = await incident('Reception printer prints blank pages again', {
      serviceId: pms,
      requesterId: customer.id,
    });
    const res = await post(`/api/v1/incidents/${inc.number}/known-error`, agent, {
      problem: ke.printer,
      note: 'internal',
      resolve: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ resolved: true });
    const seen = await call('GET', `/api/v1/incidents/${inc.number}`, customer);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({
      resolutionCode: 'workaround',
      resolutionText: `Resolved with a workaround (${ke.printer})`,
    });
    const theirs = await call('GET', `/api/v1/work-items/${inc.number}/comments`, customer);
    expect(JSON.stringify([seen.json(), theirs.json()])).not.toMatch(/toner/i);
    // the provider keeps the workaround in the internal note
    const ours = (await call('GET', `/api/v1/work-items/${inc.number}/comments`, agent)).json().items;
    expect(ours).toContainEqual(
      expect.objectContaining({ internal: true, body: expect.stringMatching(/toner/) }),
    );
  });
});

describe('trend detection', () => {
  it('keeps its settings for problem managers; everyone inside reads them', async () => {
    const settings = { minIncidents: 4, windowDays: 30, minSimilarity: 0.3 };
    expect((await call('PUT', '/api/v1/problem-settings', agent, settings)).statusCode).toBe(403);
    const bad = await call('PUT', '/api/v1/problem-settings', pm, { ...settings, minIncidents: 1 });
    expect(problemOf(bad).errors![0]!.field).toBe('minIncidents');
    const put = await call('PUT', '/api/v1/problem-settings', pm, settings);
    expect(put.statusCode, put.body).toBe(200);
    expect((await call('GET', '/api/v1/problem-settings', agent)).json()).toMatchObject(settings);
  });

  it('proposes exactly the expected candidate, and never a dismissed one again', async () => {
    const encoder = [
      await incident('Keycard encoder fails at the front desk', { serviceId: keycards }),
      await incident('Keycard encoder failing at front desk again', { serviceId: keycards }),
      await incident('Front desk keycard encoder fails', { serviceId: keycards }),
      await incident('Keycard encoder at the front desk fails to write cards', { serviceId: keycards }),
    ];
    // on the same service but nothing alike, and alike but too few on another service
    await incident('Guest asks for extra pillows', { serviceId: keycards });
    await incident('Invoice printer jammed', { serviceId: keycards });
    for (let i = 0; i < 3; i++) await incident('Laundry dryer overheats', { serviceId: laundry });
    expect((await post('/api/v1/problem-candidates/detect', agent)).statusCode).toBe(403);
    const detected = await post('/api/v1/problem-candidates/detect', pm);
    expect(detected.statusCode, detected.body).toBe(200);
    const items = detected.json().items as Array<{
      id: string;
      title: string;
      serviceName: string;
      incidents: Array<{ number: string }>;
    }>;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      serviceName: 'Keycards',
      state: 'open',
      title: 'Keycard encoder fails at the front desk',
    });
    expect(items[0]!.incidents.map((i) => i.number)).toEqual(encoder.map((e) => e.number));
    const queue = (await call('GET', '/api/v1/problem-candidates', agent)).json().items;
    expect(queue.map((c: { id: string }) => c.id)).toEqual([items[0]!.id]);
    const notes = (await call('GET', '/api/v1/notifications', pm)).json().items;
    expect(notes.map((n: { text: string }) => n.text)).toContain(
      'Possible problem: 4 similar incidents on Keycards (Keycard encoder fails at the front desk).',
    );
    const dismiss = (body: object, who = pm) =>
      post(`/api/v1/problem-candidates/${items[0]!.id}/dismiss`, who, body);
    expect((await dismiss({ reason: 'x' }, agent)).statusCode).toBe(403);
    expect(problemOf(await dismiss({ reason: ' ' })).errors![0]!.field).toBe('reason');
    const dismissed = await dismiss({ reason: 'The encoder is being replaced anyway' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({
      state: 'dismissed',
      reason: 'The encoder is being replaced anyway',
    });
    expect((await dismiss({ reason: 'again' })).statusCode).toBe(409);
    // the dismissed incidents are still alike, and one more like them is too few on its own
    await incident('Keycard encoder fails at the front desk once more', { serviceId: keycards });
    expect((await post('/api/v1/problem-candidates/detect', pm)).json().items).toEqual([]);
    expect((await call('GET', '/api/v1/problem-candidates', pm)).json().items).toEqual([]);
  });

  it('accepting a candidate records a problem (origin trend) with its incidents linked', async () => {
    const fourth = await incident('Laundry dryer overheats again', { serviceId: laundry });
    const [candidate] = (await post('/api/v1/problem-candidates/detect', pm)).json().items;
    expect(candidate).toMatchObject({ serviceName: 'Laundry', title: 'Laundry dryer overheats' });
    expect(candidate.incidents).toHaveLength(4);
    // a service retired since the candidate was proposed: a 409 saying so, not a field error on a field
    // the request never sent
    await k.db.execute(sql`update services set status = 'retired' where id = ${laundry}`);
    const retired = await post(`/api/v1/problem-candidates/${candidate.id}/accept`, pm);
    expect(retired.statusCode).toBe(409);
    expect(problemOf(retired).detail).toMatch(/service of this candidate \(Laundry\) has been retired/);
    await k.db.execute(sql`update services set status = 'live' where id = ${laundry}`);
    const accepted = await post(`/api/v1/problem-candidates/${candidate.id}/accept`, pm);
    expect(accepted.statusCode, accepted.body).toBe(201);
    const p = accepted.json() as View;
    expect(p).toMatchObject({
      origin: 'trend',
      title: 'Laundry dryer overheats',
      serviceName: 'Laundry',
      assigneeId: pm.id,
    });
    expect(p.incidents.map((i) => i.number)).toContain(fourth.number);
    expect(p.incidents).toHaveLength(4);
    expect((await post(`/api/v1/problem-candidates/${candidate.id}/accept`, pm)).statusCode).toBe(409);
    const decided = (await call('GET', '/api/v1/problem-candidates?state=accepted,dismissed', pm)).json()
      .items;
    expect(decided.map((c: { state: string; problem: string | null }) => [c.state, c.problem])).toEqual([
      ['accepted', p.number],
      ['dismissed', null],
    ]);
    expect((await post('/api/v1/problem-candidates/detect', pm)).json().items).toEqual([]);
  });
});

describe('problems from major incidents', () => {
  async function reviewedMajor(title: string, rootCauseKnown: boolean) {
    const inc = await incident(title, { serviceId: wifi, ciIds: [wlc] });
    const declared = await call('PUT', `/api/v1/incidents/${inc.number}/major`, incidentManager, {
      ownerId: incidentManager.id,
      reason: 'All floors',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    const cur = await call('GET', `/api/v1/incidents/${inc.number}`, agent);
    const resolved = await call(
      'POST',
      `/api/v1/incidents/${inc.number}/transitions`,
      agent,
      { to: 'resolved', resolutionCode: 'fixed', resolutionText: 'Controller restarted' },
      { 'if-match': cur.headers.etag as string },
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    const done = await call(
      'PATCH',
      `/api/v1/incidents/${inc.number}/review`,
      incidentManager,
      {
        summary: 'Wi-Fi down on all floors for an hour',
        rootCause: 'Not found: the controller restarted by itself',
        improvements: 'Monitor the controller',
        rootCauseKnown,
        complete: true,
      },
      { 'if-match': '"1"' },
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().review).toMatchObject({ state: 'completed', rootCauseKnown });
    return inc;
  }

  const fromReviews = async () =>
    (
      await k.db.execute<{ number: string }>(
        sql`select w.number from problems p join work_items w on w.id = p.work_item_id where p.origin = 'major_incident'`,
      )
    ).rows.map((r) => r.number);

  it('a review whose root cause is unknown opens a problem linked to the incident, once', async () => {
    const known = await reviewedMajor('Wi-Fi down on all floors', true);
    const unknown = await reviewedMajor('Wi-Fi down on all floors again', false);
    expect(await drainJobs()).toBeGreaterThan(0);
    const opened = await fromReviews();
    expect(opened).toHaveLength(1);
    const p = (await call('GET', `/api/v1/problems/${opened[0]}`, pm)).json() as View;
    expect(p).toMatchObject({
      origin: 'major_incident',
      state: 'new',
      serviceName: 'Guest Wi-Fi',
      cis: [{ id: wlc, name: 'wlc-01' }],
      title: `Root cause of major incident ${unknown.number}: Wi-Fi down on all floors again`,
      symptoms: 'Wi-Fi down on all floors for an hour',
      rcaAnalysis: 'Not found: the controller restarted by itself',
    });
    expect(p.incidents.map((i) => i.number)).toEqual([unknown.number]);
    expect(p.incidents.map((i) => i.number)).not.toContain(known.number);
    const notes = (await call('GET', '/api/v1/notifications', pm)).json().items;
    expect(notes.map((n: { text: string }) => n.text)).toContain(
      `Problem ${p.number} was recorded from ${unknown.number}: ${p.title}`,
    );
    // the job once more (a retry) records nothing new
    await k.db.execute(sql`
      insert into jobs (kind, payload) values ('problems.from-review', ${JSON.stringify({ workItemId: unknown.id })}::jsonb)`);
    await drainJobs();
    expect(await fromReviews()).toHaveLength(1);
  });
});

describe('the fix raised as a change', () => {
  it('finds the open problems a change fixes, and tells their owner when the change is closed', async () => {
    const p = await problem({ title: 'Controller firmware leaks memory', assigneeId: pm.id });
    const c = await post('/api/v1/changes', resolver, {
      title: 'Upgrade the Wi-Fi controller firmware',
      kind: 'normal',
      risk: 'low',
      plannedStart: new Date(Date.now() + 86_400_000).toISOString(),
      plannedEnd: new Date(Date.now() + 90_000_000).toISOString(),
      implementationPlan: 'Upgrade in the night window',
      backoutPlan: 'Reinstall 8.1',
    });
    expect(c.statusCode, c.body).toBe(201);
    const change = c.json().number as string;
    const linked = await post(`/api/v1/work-items/${p.number}/links`, pm, {
      to: change,
      kind: 'resolved_by',
    });
    expect(linked.statusCode, linked.body).toBe(201);
    const view = (await call('GET', `/api/v1/problems/${p.number}`, agent)).json() as View;
    expect(view.changes).toEqual([
      { number: change, title: 'Upgrade the Wi-Fi controller firmware', state: 'new' },
    ]);
    const fixedBy = async () =>
      (await call('GET', `/api/v1/problems?fixedBy=${change.toLowerCase()}&open=true`, resolver))
        .json()
        .items.map((x: { number: string }) => x.number);
    expect(await fixedBy()).toEqual([p.number]);
    const step = async (to: string, who: TestUser, body: object = {}) => {
      const cur = await call('GET', `/api/v1/changes/${change}`, who);
      const res = await call(
        'POST',
        `/api/v1/changes/${change}/transitions`,
        who,
        { to, ...body },
        {
          'if-match': cur.headers.etag as string,
        },
      );
      expect(res.statusCode, res.body).toBe(200);
    };
    await step('assessment', resolver);
    await step('approved', changeManager);
    await step('implementing', resolver);
    await step('review', resolver, { outcome: 'successful' });
    await drainJobs();
    const told = async () =>
      (await call('GET', '/api/v1/notifications', pm))
        .json()
        .items.filter((n: { text: string }) => n.text.startsWith(`The fix for problem ${p.number} is in`));
    expect(await told()).toEqual([]);
    await step('closed', changeManager);
    await drainJobs();
    expect((await told()).map((n: { text: string; link: string }) => [n.text, n.link])).toEqual([
      [
        `The fix for problem ${p.number} is in: change ${change} was closed. Resolve the problem? Controller firmware leaks memory`,
        `/work-items/${p.number}`,
      ],
    ]);
    // the offer stands until the problem is resolved
    expect(await fixedBy()).toEqual([p.number]);
    expect((await move(p.number, 'resolved', { resolution: `Fixed by ${change}` })).statusCode).toBe(200);
    // resolved is not final (it may be reopened or closed), but there is nothing left to offer
    expect(await fixedBy()).toEqual([]);
    expect(
      (await call('GET', `/api/v1/problems?fixedBy=${change}&state=resolved`, resolver))
        .json()
        .items.map((x: { number: string }) => x.number),
    ).toEqual([p.number]);
  });
});

describe('nobody outside the provider', () => {
  it('customers and suppliers are refused every problem route, and do not find a problem anywhere', async () => {
    const p = await problem({ title: 'Secret problem' });
    const [candidate] = (await call('GET', '/api/v1/problem-candidates?state=accepted', pm)).json().items;
    const inc = await incident('My room has no Wi-Fi', {}, agent);
    const routes: Array<[string, string, object?]> = [
      ['GET', '/api/v1/problems'],
      ['POST', '/api/v1/problems', { title: 'x' }],
      ['GET', `/api/v1/problems/${p.number}`],
      ['PATCH', `/api/v1/problems/${p.number}`, { title: 'x' }],
      ['POST', `/api/v1/problems/${p.number}/transitions`, { to: 'investigation' }],
      ['GET', '/api/v1/known-errors'],
      ['GET', '/api/v1/known-errors?text=wifi'],
      ['POST', `/api/v1/incidents/${inc.number}/known-error`, { problem: p.number, note: 'public' }],
      ['GET', '/api/v1/problem-candidates'],
      ['POST', `/api/v1/problem-candidates/${candidate.id}/accept`, {}],
      ['POST', `/api/v1/problem-candidates/${candidate.id}/dismiss`, { reason: 'x' }],
      ['POST', '/api/v1/problem-candidates/detect'],
      ['GET', '/api/v1/problem-settings'],
      ['PUT', '/api/v1/problem-settings', { minIncidents: 5, windowDays: 30, minSimilarity: 0.3 }],
    ];
    for (const who of [customer, supplier]) {
      for (const [method, url, body] of routes) {
        const res = await call(method, url, who, body, { 'if-match': '"1"' });
        expect([403, 404], `${method} ${url}`).toContain(res.statusCode);
        expect(res.body).not.toContain('Secret problem');
      }
      for (const url of [
        `/api/v1/work-items/${p.number}`,
        `/api/v1/work-items/${p.number}/comments`,
        `/api/v1/work-items/${p.number}/links`,
      ])
        expect((await call('GET', url, who)).statusCode, url).toBe(404);
      const listed = (await call('GET', '/api/v1/work-items?limit=200', who)).json();
      expect(JSON.stringify(listed)).not.toContain(p.number);
    }
  });
});

describe('KPIs for objectives', () => {
  const objective = async (code: string, kpi: string, target = 10) => {
    const res = await post('/api/v1/objectives', head, {
      code,
      title: kpi,
      businessGoal: 'Fewer repeat incidents',
      ownerId: head.id,
      target,
      deadline: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
      measurement: { kind: 'kpi', kpi },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { unit: string; direction: string; current: { value: number | null } };
  };
  const figure = async (q: ReturnType<typeof sql>) =>
    Number((await k.db.execute<{ v: number }>(q)).rows[0]!.v);

  it('counts open problems, their age and the share that are known errors, as the problems stand', async () => {
    // one problem recorded ten days ago, to give the open ones an age
    const old = await problem({ title: 'Old problem' });
    await k.db.execute(
      sql`update work_items set created_at = now() - interval '10 days' where number = ${old.number}`,
    );
    const open = await figure(sql`select count(*)::int as v from work_items
                                   where type = 'problem' and state in ('new', 'investigation', 'known_error')`);
    const known = await figure(
      sql`select count(*)::int as v from work_items where type = 'problem' and state = 'known_error'`,
    );
    const age =
      await figure(sql`select avg(extract(epoch from now() - created_at)) / 86400 as v from work_items
                                  where type = 'problem' and state in ('new', 'investigation', 'known_error')`);
    expect(open).toBeGreaterThan(10);
    expect(await objective('OBJ-PRB-OPEN', 'open_problems')).toMatchObject({
      unit: 'count',
      direction: 'at_most',
      current: { value: open },
    });
    const ages = await objective('OBJ-PRB-AGE', 'problem_age_days');
    expect(ages.unit).toBe('days');
    expect(ages.current.value).toBeCloseTo(age, 1);
    expect(age).toBeGreaterThan(0.4);
    expect((await objective('OBJ-PRB-KE', 'known_errors_with_workaround', 50)).current.value).toBe(
      Math.round((1000 * known) / open) / 10,
    );
  });

  it('counts the incidents resolved in the period with a known error or an article', async () => {
    // resolved this period: two with a known error (Wi-Fi; the printer's, internal), two major incidents
    // (one linked to a problem from its review that is no known error)
    const resolved = await figure(
      sql`select count(*)::int as v from incidents where resolved_at is not null`,
    );
    expect(resolved).toBe(4);
    expect((await objective('OBJ-INC-KE', 'incidents_resolved_by_known_error', 50)).current.value).toBe(50);
    // an article linked to one of the others by the time it was resolved counts it too; one linked to
    // the last after it was resolved does not (it did not help resolve it)
    await k.db.execute(sql`
      with a as (insert into articles (number, type, audience, language, title)
                 values ('KB-000001', 'troubleshooting', 'agents', 'en', 'Restart the controller') returning id)
      insert into article_links (article_id, work_item_id, linked_at)
      select a.id, w.id, case when w.title = 'Wi-Fi down on all floors' then i.resolved_at - interval '1 minute'
                              else i.resolved_at + interval '1 minute' end
        from a, work_items w join incidents i on i.work_item_id = w.id
       where w.title in ('Wi-Fi down on all floors', 'Wi-Fi down on all floors again') and w.type = 'incident'`);
    expect((await objective('OBJ-INC-KE2', 'incidents_resolved_by_known_error', 50)).current.value).toBe(75);
  });
});
