import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

/**
 * Service requests through the API: the catalogue a customer sees, forms checked per field type, approvals
 * all-of and any-of, fulfilment tasks, the request closing when they are done, rating, and what a customer
 * may never read. One file on purpose (about 530 lines): the cases order from the same catalogue items,
 * forms and approvers, as a service desk's day would.
 */
let k: TestKeel;
let keeper: TestUser;
let agent: TestUser;
let owner: TestUser;
let manager: TestUser;
let alice: TestUser; // a customer of Alpenrose, whose manager is `manager`
let bob: TestUser; // a customer of Alpenrose without a manager
let eve: TestUser; // a customer of another hotel
let alpenrose: string;
let serviceId: string;
let deskGroup: string;
let siteId: string;
const items: Record<string, string> = {};

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, payload: object, who = keeper) => call('POST', url, who, payload);
const get = (url: string, who = agent) => call('GET', url, who);

type Request = {
  number: string;
  state: string;
  version: number;
  approvals: Array<{ id: number; kind: string; decision: string; mine: boolean; comment: string }>;
  tasks: Array<{ number: string; state: string; group: string | null; instructions: string }>;
  answers: Array<{ key: string; label: string; value: unknown; shown: string }>;
  clocks: Array<{ metric: string; state: string; pausedFor: string | null }>;
  rating: { score: number; comment: string } | null;
  transitions: Array<{ name: string }>;
};

async function order(item: string, answers: object, who: TestUser = alice): Promise<Request> {
  const res = await post('/api/v1/requests', { catalogueItemId: items[item], answers }, who);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const read = async (number: string, who: TestUser = agent): Promise<Request> =>
  (await get(`/api/v1/requests/${number}`, who)).json();
async function taskMove(number: string, name: string, body: object = {}) {
  const cur = await get(`/api/v1/work-items/${number}`);
  const res = await call('POST', `/api/v1/work-items/${number}/transitions/${name}`, agent, body, {
    'if-match': cur.headers.etag as string,
  });
  expect(res.statusCode, res.body).toBe(200);
}
async function requestMove(number: string, to: string, who: TestUser, body: object = {}) {
  const cur = await get(`/api/v1/requests/${number}`, who);
  return call(
    'POST',
    `/api/v1/requests/${number}/transitions`,
    who,
    { to, ...body },
    {
      'if-match': cur.headers.etag as string,
    },
  );
}
const decide = (number: string, id: number, who: TestUser, decision: string, comment?: string) =>
  call('POST', `/api/v1/requests/${number}/approvals/${id}`, who, { decision, comment });

beforeAll(async () => {
  k = await testKeel();
  [keeper, agent, owner, manager, alice, bob, eve] = await Promise.all([
    k.user(['service_owner', 'service_level_manager', 'incident_manager', 'configuration_manager']),
    k.user(['service_desk_agent']),
    k.user(['service_owner']),
    k.user(['customer']),
    k.user(['customer']),
    k.user(['customer']),
    k.user(['customer']),
  ]);
  alpenrose = (await post('/api/v1/customers', { code: 'ALP', name: 'Hotel Alpenrose' })).json().id;
  const other = (await post('/api/v1/customers', { code: 'EDW', name: 'Hotel Edelweiss' })).json().id;
  await k.db.execute(
    sql`update users set customer_id = ${alpenrose} where id in (${alice.id}, ${bob.id}, ${manager.id})`,
  );
  await k.db.execute(sql`update users set customer_id = ${other} where id = ${eve.id}`);
  await k.db.execute(sql`update users set manager_id = ${manager.id} where id = ${alice.id}`);
  const svc = await post('/api/v1/services', {
    name: 'Workplace',
    status: 'live',
    criticality: 3,
    ownerId: owner.id,
    customerIds: [alpenrose, other],
    published: true,
    catalogue: {
      en: { name: 'Workplace', description: 'Laptops, accounts and software' },
      da: { name: 'Arbejdsplads', description: 'Bærbare, konti og software' },
    },
  });
  expect(svc.statusCode, svc.body).toBe(201);
  serviceId = svc.json().id;
  deskGroup = (await post('/api/v1/groups', { name: 'Desk', memberIds: [agent.id] }, keeper)).json().id;
  siteId = (await post('/api/v1/cis', { classKey: 'site', name: 'Alpenrose Zermatt' })).json().id;
  const calendarId = (
    await post('/api/v1/calendars', {
      name: 'Always',
      timeZone: 'UTC',
      week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
    })
  ).json().id;
  const sla = await post('/api/v1/agreements', {
    kind: 'sla',
    name: 'Alpenrose workplace',
    customerId: alpenrose,
    calendarId,
    status: 'active',
    serviceIds: [serviceId],
    targets: [{ metric: 'fulfilment', priority: 3, minutes: 2880 }],
  });
  expect(sla.statusCode, sla.body).toBe(201);

  const label = (en: string, da?: string) => ({ en, ...(da ? { da } : {}) });
  const make = async (code: string, body: object) => {
    const res = await post('/api/v1/catalogue-items', {
      code,
      serviceId,
      texts: { en: { name: code, description: `Order ${code}` } },
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    items[code] = res.json().id;
  };
  await make('new-laptop', {
    texts: {
      en: { name: 'New laptop', description: 'A laptop for a colleague' },
      da: { name: 'Ny bærbar', description: 'En bærbar til en kollega' },
    },
    form: [
      { key: 'for_whom', label: label('For whom', 'Til hvem'), type: 'user', required: true },
      {
        key: 'model',
        label: label('Model', 'Model'),
        type: 'choice',
        required: true,
        options: [
          { value: 'light', label: label('Light', 'Let') },
          { value: 'power', label: label('Powerful', 'Kraftig') },
        ],
      },
      { key: 'needed_by', label: label('Needed by'), type: 'date', min: '2026-01-01' },
      { key: 'screens', label: label('Extra screens'), type: 'number', min: 0, max: 3, integer: true },
      { key: 'site', label: label('Site'), type: 'ci', ciClass: 'site' },
      { key: 'notes', label: label('Notes'), type: 'text', maxLength: 200 },
    ],
    tasks: [
      {
        title: 'Prepare the laptop',
        instructions: 'Image with the hotel build; BitLocker on.',
        groupId: deskGroup,
      },
      { title: 'Hand it over', instructions: 'Get a signature on the handover form.', groupId: deskGroup },
    ],
  });
  await make('software', {
    form: [{ key: 'product', label: label('Product'), type: 'text', required: true }],
    approval: { mode: 'all', approvers: [{ kind: 'manager' }, { kind: 'service_owner' }] },
    tasks: [{ title: 'Install', groupId: deskGroup }],
  });
  await make('guest-wifi-voucher', {
    approval: {
      mode: 'any',
      approvers: [
        { kind: 'role', role: 'service_desk_agent' },
        { kind: 'person', userId: owner.id },
      ],
    },
  });
  await make('edelweiss-only', { customerIds: [other] });
});

describe('the catalogue and its items', () => {
  it("a customer sees what their organisation may order, in their language, with each item's form", async () => {
    await k.db.execute(sql`update users set language = 'da' where id = ${alice.id}`);
    const cat = (await get('/api/v1/catalogue', alice)).json().items;
    const workplace = cat.find((s: { id: string }) => s.id === serviceId);
    expect(workplace.name).toBe('Arbejdsplads');
    const codes = workplace.requestItems.map((i: { code: string }) => i.code);
    expect(codes).toEqual(['guest-wifi-voucher', 'new-laptop', 'software']);
    const laptop = workplace.requestItems.find((i: { code: string }) => i.code === 'new-laptop');
    expect(laptop).toMatchObject({ name: 'Ny bærbar', needsApproval: false });
    expect(laptop.form[1]).toMatchObject({
      key: 'model',
      label: 'Model',
      options: [
        { value: 'light', label: 'Let' },
        { value: 'power', label: 'Kraftig' },
      ],
    });
    await k.db.execute(sql`update users set language = 'en' where id = ${alice.id}`);
    // an item offered to another hotel only is not in Alpenrose's catalogue, and cannot be ordered
    const edelweiss = (await get('/api/v1/catalogue', eve)).json().items[0].requestItems;
    expect(edelweiss.map((i: { code: string }) => i.code)).toContain('edelweiss-only');
    const refused = await post(
      '/api/v1/requests',
      { catalogueItemId: items['edelweiss-only'], answers: {} },
      alice,
    );
    expect(problemOf(refused).errors).toEqual([
      { field: 'catalogueItemId', message: "is not in the requester's catalogue (or is no longer offered)" },
    ]);
  });

  it("offers a person field's choices from the orderer's organisation only, a CI field's from its class", async () => {
    const choices = async (key: string, q: string, who = alice) =>
      get(`/api/v1/catalogue-items/${items['new-laptop']}/fields/${key}/choices?q=${q}`, who);
    const people = (await choices('for_whom', 'test customer'))
      .json()
      .items.map((p: { value: string }) => p.value);
    expect(people).toEqual(expect.arrayContaining([alice.id, bob.id, manager.id]));
    expect(people).not.toContain(eve.id);
    expect(people).not.toContain(agent.id);
    const staffView = (await choices('for_whom', 'test', agent))
      .json()
      .items.map((p: { value: string }) => p.value);
    expect(staffView).toEqual(expect.arrayContaining([eve.id, agent.id]));
    expect((await choices('site', 'zermatt')).json().items).toEqual([
      { value: siteId, label: 'Alpenrose Zermatt' },
    ]);
    expect((await choices('model', '')).statusCode).toBe(404);
    const elsewhere = await get(`/api/v1/catalogue-items/${items['edelweiss-only']}/fields/x/choices`, alice);
    expect(elsewhere.statusCode).toBe(404);
  });

  it('refuses item definitions that cannot work, naming each field', async () => {
    const res = await post('/api/v1/catalogue-items', {
      code: 'new-laptop',
      serviceId,
      texts: { en: { name: 'Broken', description: '' } },
      form: [{ key: 'a', label: { en: 'A' }, type: 'choice', options: [] }],
      approval: { mode: 'all', approvers: [] },
      tasks: [{ title: 'x', groupId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(problemOf(res).errors).toEqual([
      { field: 'form.0.options', message: 'a choice needs options' },
      { field: 'approval.approvers', message: '"all" approval needs at least one approver' },
      { field: 'tasks.0.groupId', message: 'no such group' },
      { field: 'code', message: 'is already in use' },
    ]);
    expect(
      (
        await post(
          '/api/v1/catalogue-items',
          { code: 'x', serviceId, texts: { en: { name: 'x', description: '' } } },
          agent,
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe('ordering', () => {
  it('checks every answer by its field type and writes nothing when any is wrong', async () => {
    const before = await k.db.execute<{ n: number }>(sql`select count(*)::int as n from work_items`);
    const res = await post(
      '/api/v1/requests',
      {
        catalogueItemId: items['new-laptop'],
        answers: {
          model: 'huge',
          needed_by: '2025-12-31',
          screens: 4,
          site: serviceId,
          for_whom: eve.id,
          colour: 'red',
        },
      },
      alice,
    );
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors).toEqual([
      { field: 'answers.colour', message: 'is not a field of this form' },
      { field: 'answers.model', message: 'must be one of: light, power' },
      { field: 'answers.needed_by', message: 'must not be before 2026-01-01' },
      { field: 'answers.screens', message: 'must be at most 3' },
      { field: 'answers.for_whom', message: "must be a person of the requester's organisation" },
      { field: 'answers.site', message: 'no such configuration item' },
    ]);
    const after = await k.db.execute<{ n: number }>(sql`select count(*)::int as n from work_items`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('without approval it goes to fulfilment: tasks in the group queue, the request fulfilled when they are done, then confirmed and rated', async () => {
    const req = await order('new-laptop', {
      for_whom: bob.id,
      model: 'light',
      needed_by: '2026-12-01',
      screens: '2',
      site: siteId,
      notes: ' Left-handed mouse ',
    });
    expect(req.number).toMatch(/^REQ-\d{6}$/);
    expect(req.state).toBe('in_fulfilment');
    const bobName = (await k.db.execute<{ name: string }>(sql`select name from users where id = ${bob.id}`))
      .rows[0]!.name;
    expect(req.answers.map((a) => [a.key, a.shown])).toEqual([
      ['for_whom', bobName],
      ['model', 'Light'],
      ['needed_by', '2026-12-01'],
      ['screens', '2'],
      ['site', 'Alpenrose Zermatt'],
      ['notes', 'Left-handed mouse'],
    ]);
    expect(req.answers.find((a) => a.key === 'screens')!.value).toBe(2);
    // the requester sees the tasks' progress, not the desk's instructions
    expect(req.tasks.map((t) => [t.state, t.instructions])).toEqual([
      ['open', ''],
      ['open', ''],
    ]);
    const desk = await read(req.number);
    expect(desk.tasks.map((t) => [t.group, t.instructions])).toEqual([
      ['Desk', 'Image with the hotel build; BitLocker on.'],
      ['Desk', 'Get a signature on the handover form.'],
    ]);
    expect(desk.clocks).toMatchObject([{ metric: 'fulfilment', state: 'running' }]);
    // the tasks are in the desk's queue, and the customer can read neither them nor their list entries
    const queue = (await get(`/api/v1/work-items?queue=all&groupId=${deskGroup}&limit=50`)).json().items;
    expect(queue.map((r: { number: string }) => r.number)).toEqual(
      expect.arrayContaining(desk.tasks.map((t) => t.number)),
    );
    expect((await get(`/api/v1/work-items/${desk.tasks[0]!.number}`, alice)).statusCode).toBe(404);
    const task = (await get(`/api/v1/tasks/${desk.tasks[0]!.number}`)).json();
    expect(task).toMatchObject({
      request: { number: req.number, title: 'New laptop' },
      instructions: 'Image with the hotel build; BitLocker on.',
    });
    expect((await get(`/api/v1/tasks/${desk.tasks[0]!.number}`, alice)).statusCode).toBe(404);
    expect((await get(`/api/v1/tasks/${req.number}`)).statusCode).toBe(404);

    // nobody fulfils it by hand while tasks are open
    const early = await requestMove(req.number, 'fulfilled', agent);
    expect(early.statusCode).toBe(409);
    await taskMove(desk.tasks[0]!.number, 'start');
    await taskMove(desk.tasks[0]!.number, 'complete');
    expect((await read(req.number)).state).toBe('in_fulfilment');
    await taskMove(desk.tasks[1]!.number, 'complete');
    const done = await read(req.number, alice);
    expect(done.state).toBe('fulfilled');
    expect(done.clocks).toMatchObject([{ metric: 'fulfilment', state: 'paused', pausedFor: 'fulfilled' }]);

    // only the requester rates; rating confirms and closes; once
    const rate = (who: TestUser, body: object) => post(`/api/v1/work-items/${req.number}/rating`, body, who);
    expect((await rate(agent, { score: 5 })).statusCode).toBe(403);
    expect(problemOf(await rate(alice, { score: 6 })).errors).toEqual([
      { field: 'score', message: 'must be 1 to 5' },
    ]);
    const rated = await rate(alice, { score: 4, comment: 'Quick, but the mouse was right-handed.' });
    expect(rated.statusCode, rated.body).toBe(201);
    const closed = await read(req.number, alice);
    expect(closed.state).toBe('closed');
    expect(closed.rating).toMatchObject({ score: 4, comment: 'Quick, but the mouse was right-handed.' });
    expect(closed.clocks[0]!.state).toBe('stopped');
    expect((await rate(alice, { score: 5 })).statusCode).toBe(409);
  });

  it('the requester may refuse a fulfilment with a reason; cancelling cancels the open tasks', async () => {
    const req = await order('new-laptop', { for_whom: alice.id, model: 'power' });
    const tasks = (await read(req.number)).tasks;
    await taskMove(tasks[0]!.number, 'complete');
    await taskMove(tasks[1]!.number, 'cancel', { reason: 'Handed over at the desk already' });
    expect((await read(req.number)).state).toBe('fulfilled');
    expect(problemOf(await requestMove(req.number, 'in_fulfilment', alice)).errors).toEqual([
      { field: 'reason', message: 'is required to refuse' },
    ]);
    const refused = await requestMove(req.number, 'in_fulfilment', alice, {
      reason: 'No charger in the box',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json().clocks[0]).toMatchObject({ state: 'running' });

    const other = await order('new-laptop', { for_whom: alice.id, model: 'light' });
    const cancelled = await requestMove(other.number, 'cancelled', alice, {
      reason: 'Colleague did not start',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().tasks.map((t: { state: string }) => t.state)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('approvals', () => {
  it("all-of: the requester's manager and the service owner must both approve; fulfilment starts after", async () => {
    const req = await order('software', { product: 'Adobe Acrobat' });
    expect(req.state).toBe('awaiting_approval');
    expect(req.approvals.map((a) => [a.kind, a.decision])).toEqual([
      ['manager', 'pending'],
      ['service_owner', 'pending'],
    ]);
    expect(req.tasks).toEqual([]);
    expect(req.clocks).toEqual([]);
    // the manager (a customer-side person) reads it and finds it among their approvals
    const mine = (await get('/api/v1/approvals', manager)).json().items;
    expect(mine.map((a: { number: string }) => a.number)).toEqual([req.number]);
    const seen = await read(req.number, manager);
    expect(seen.approvals.map((a) => a.mine)).toEqual([true, false]);
    const [m, o] = seen.approvals;
    expect((await decide(req.number, o!.id, manager, 'approved')).statusCode).toBe(403);
    expect((await decide(req.number, m!.id, manager, 'approved')).statusCode).toBe(200);
    expect((await read(req.number)).state).toBe('awaiting_approval');
    expect((await decide(req.number, m!.id, manager, 'approved')).statusCode).toBe(409);
    const approved = (await decide(req.number, o!.id, owner, 'approved')).json() as Request;
    expect(approved.state).toBe('in_fulfilment');
    expect(approved.tasks).toHaveLength(1);
    expect(approved.clocks).toMatchObject([{ metric: 'fulfilment', state: 'running' }]);
  });

  it('all-of: one rejection (with its reason) rejects; the others are no longer needed', async () => {
    const req = await order('software', { product: 'Games' });
    const [m] = req.approvals;
    expect(problemOf(await decide(req.number, m!.id, manager, 'rejected')).errors).toEqual([
      { field: 'comment', message: 'say why, so the requester knows' },
    ]);
    const res = (await decide(req.number, m!.id, manager, 'rejected', 'Not for work')).json() as Request;
    expect(res.state).toBe('rejected');
    expect(res.approvals.map((a) => a.decision)).toEqual(['rejected', 'not_needed']);
  });

  it('any-of: one yes approves; every no rejects', async () => {
    const one = await order('guest-wifi-voucher', {});
    const yes = (await decide(one.number, one.approvals[0]!.id, agent, 'approved')).json() as Request;
    expect(yes.state).toBe('in_fulfilment');
    expect(yes.approvals.map((a) => a.decision)).toEqual(['approved', 'not_needed']);
    // an item without tasks is fulfilled by hand, by the desk, not by the requester
    expect((await requestMove(one.number, 'fulfilled', alice)).statusCode).toBe(403);
    const fulfilled = await requestMove(one.number, 'fulfilled', agent);
    expect(fulfilled.statusCode, fulfilled.body).toBe(200);
    expect(fulfilled.json().state).toBe('fulfilled');

    const two = await order('guest-wifi-voucher', {});
    await decide(two.number, two.approvals[0]!.id, agent, 'rejected', 'Vouchers come from reception');
    expect((await read(two.number)).state).toBe('awaiting_approval');
    const no = (
      await decide(two.number, two.approvals[1]!.id, owner, 'rejected', 'Agreed')
    ).json() as Request;
    expect(no.state).toBe('rejected');
  });

  it('the audit entries of a request and its tasks hold them as written, answers and approvals included', async () => {
    const req = await order('software', { product: 'Figma' });
    const created = async (number: string, action: string) =>
      (
        await k.db.execute<{ after: Record<string, unknown> }>(sql`
          select after from audit_log where record_id = ${number} and action = ${action}`)
      ).rows[0]?.after;
    expect(await created(req.number, 'request.created')).toMatchObject({
      number: req.number,
      catalogueItemId: items.software,
      answers: { product: 'Figma' },
      approvalMode: 'all',
      approvals: [
        { kind: 'manager', userId: manager.id, role: null, decision: 'pending' },
        { kind: 'service_owner', userId: owner.id, role: null, decision: 'pending' },
      ],
    });
    const [m, o] = req.approvals;
    await decide(req.number, m!.id, manager, 'approved');
    const approved = (await decide(req.number, o!.id, owner, 'approved')).json() as Request;
    const task = approved.tasks[0]!.number;
    const taskEntry = await created(task, 'task.created');
    expect(taskEntry).toMatchObject({ number: task, position: 0, instructions: '' });
    const requestId = (
      await k.db.execute<{ id: string }>(sql`select id from work_items where number = ${req.number}`)
    ).rows[0]!.id;
    expect(taskEntry!.requestId).toBe(requestId);
  });

  it('an approval Keel cannot name is refused at ordering: bob has no manager', async () => {
    const res = await post(
      '/api/v1/requests',
      { catalogueItemId: items.software, answers: { product: 'Visio' } },
      bob,
    );
    expect(problemOf(res).errors).toEqual([
      {
        field: 'catalogueItemId',
        message: "needs the requester's manager's approval, and Keel knows no manager for the requester",
      },
    ]);
    // an administrator names bob's manager, and bob can order
    const admin = await k.user(['administrator']);
    const cur = await get(`/api/v1/users/${bob.id}`, admin);
    const self = await call(
      'PATCH',
      `/api/v1/users/${bob.id}`,
      admin,
      { managerId: bob.id },
      { 'if-match': cur.headers.etag as string },
    );
    expect(problemOf(self).errors).toEqual([{ field: 'managerId', message: 'nobody is their own manager' }]);
    const set = await call(
      'PATCH',
      `/api/v1/users/${bob.id}`,
      admin,
      { managerId: manager.id },
      { 'if-match': cur.headers.etag as string },
    );
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().managerId).toBe(manager.id);
    const ordered = await order('software', { product: 'Visio' }, bob);
    expect(ordered.approvals[0]).toMatchObject({ kind: 'manager', decision: 'pending' });
  });
  it("an approver of another organisation is refused at ordering, and a customer approver by role decides only her organisation's", async () => {
    const carl = await k.user(['customer']);
    await k.db.execute(
      sql`update users set customer_id = ${alpenrose}, manager_id = ${eve.id} where id = ${carl.id}`,
    );
    const refused = await post(
      '/api/v1/requests',
      { catalogueItemId: items.software, answers: { product: 'Visio' } },
      carl,
    );
    expect(problemOf(refused).errors).toEqual([
      {
        field: 'catalogueItemId',
        message: "needs the approval of someone of another organisation than the requester's (manager)",
      },
    ]);
    // an item any customer may approve (by role): eve, of another hotel, cannot decide alice's order
    const make = await post('/api/v1/catalogue-items', {
      code: 'colleague-approves',
      serviceId,
      texts: { en: { name: 'Colleague approves', description: 'A colleague says yes' } },
      approval: { mode: 'any', approvers: [{ kind: 'role', role: 'customer' }] },
    });
    expect(make.statusCode, make.body).toBe(201);
    items['colleague-approves'] = make.json().id;
    const ordered = await order('colleague-approves', {}, alice);
    const approval = ordered.approvals[0]!;
    expect((await decide(ordered.number, approval.id, eve, 'approved')).statusCode).toBe(404);
    expect((await read(ordered.number)).approvals[0]).toMatchObject({ decision: 'pending' });
    // bob, her colleague, may
    expect((await decide(ordered.number, approval.id, bob, 'approved')).statusCode).toBe(200);
  });
});

describe('what customers may read', () => {
  it("never another customer's request, nor any internal comment on their own", async () => {
    const req = await order('new-laptop', { for_whom: alice.id, model: 'light' });
    expect((await get(`/api/v1/requests/${req.number}`, eve)).statusCode).toBe(404);
    expect((await get(`/api/v1/requests/${req.number}`, bob)).statusCode).toBe(404);
    const comment = (body: string, internal: boolean) =>
      post(`/api/v1/work-items/${req.number}/comments`, { body, internal }, agent);
    await comment('<p>Stock is low, ordering from the supplier.</p>', true);
    await comment('<p>Your laptop arrives on Monday.</p>', false);
    const theirs = (await get(`/api/v1/work-items/${req.number}/comments`, alice)).json().items;
    expect(theirs.map((c: { body: string }) => c.body)).toEqual(['<p>Your laptop arrives on Monday.</p>']);
    expect((await get(`/api/v1/work-items/${req.number}/comments`, eve)).statusCode).toBe(404);
    // a customer's search does not reach other customers' requests
    expect((await get('/api/v1/search?q=laptop', eve)).json().items).toEqual([]);
    // customers order for themselves only
    const forOther = await post(
      '/api/v1/requests',
      { catalogueItemId: items['new-laptop'], answers: {}, requesterId: bob.id },
      alice,
    );
    expect(forOther.statusCode).toBe(403);
  });
});
