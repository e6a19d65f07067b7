import type { TestKeel, TestUser } from '../../testing/harness.ts';

/**
 * What the audits tests share: a caller over HTTP, and an organisation with a process register whose change
 * management has a role Responsible in its RACI (held by an auditor) and an owner, so independence can be tried.
 */
export const caller = (k: TestKeel) => {
  const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
    k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
  return {
    call,
    get: (url: string, who: TestUser) => call('GET', url, who),
    post: (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload),
    /** A PATCH that sends the ETag of a fresh GET (or of `etagOf`) as If-Match. */
    patch: async (url: string, who: TestUser, payload: object, etagUrl = url) => {
      const etag = (await call('GET', etagUrl, who)).headers.etag as string;
      return call('PATCH', url, who, payload, { 'if-match': etag });
    },
  };
};

export type Organisation = {
  top: TestUser;
  head: TestUser;
  auditor: TestUser;
  /** An internal auditor appointed (today) to a role Responsible for assessing changes. */
  responsible: TestUser;
  /** An internal auditor whose appointment to that role ended last year. */
  former: TestUser;
  changeOwner: TestUser;
  agent: TestUser;
  customer: TestUser;
  supplier: TestUser;
};

export async function organisation(k: TestKeel): Promise<Organisation> {
  const [top, head, auditor, responsible, former, changeOwner, agent, customer, supplier] = await Promise.all(
    [
      k.user(['top_management']),
      k.user(['process_owner']),
      k.user(['internal_auditor']),
      k.user(['internal_auditor']),
      k.user(['internal_auditor']),
      k.user(['change_manager']),
      k.user(['service_desk_agent']),
      k.user(['customer']),
      k.user(['supplier']),
    ],
  );
  const { post } = caller(k);
  const ok = async (res: Promise<{ statusCode: number; body: string; json: () => { id: string } }>) => {
    const r = await res;
    if (r.statusCode !== 201) throw new Error(`setup failed: ${r.statusCode} ${r.body}`);
    return r.json().id;
  };
  const role = await ok(
    post('/api/v1/roles', top, { key: 'change-coordinator', name: 'Change coordinator', needsDeputy: false }),
  );
  await ok(
    post('/api/v1/roles', top, { key: 'change-authority', name: 'Change authority', needsDeputy: false }),
  );
  await ok(
    post('/api/v1/processes', top, {
      key: 'change',
      name: 'Change management',
      ownerId: changeOwner.id,
      raci: [{ activity: 'Assess changes', cells: { 'change-coordinator': 'R', 'change-authority': 'A' } }],
    }),
  );
  await ok(
    post('/api/v1/processes', top, { key: 'incident', name: 'Incident management', ownerId: head.id }),
  );
  await ok(post('/api/v1/processes', top, { key: 'problem', name: 'Problem management' }));
  await ok(
    post('/api/v1/appointments', top, { roleId: role, userId: responsible.id, startsOn: '2025-01-01' }),
  );
  await ok(
    post('/api/v1/appointments', top, {
      roleId: role,
      userId: former.id,
      startsOn: '2024-01-01',
      endsOn: '2025-06-30',
    }),
  );
  return { top, head, auditor, responsible, former, changeOwner, agent, customer, supplier };
}
