import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import { allowedTransitions } from '../../kernel/records/lifecycle.ts';
import { requestLifecycle, taskLifecycle } from './lifecycle.ts';
import {
  mayDecideApproval,
  mayEditRequest,
  mayKeepCatalogue,
  mayOrder,
  mayReadCatalogueItems,
  mayWriteOnRequest,
  mayWriteOnTask,
  ordersForOthers,
  seesWholeCatalogue,
} from './policy.ts';

/** Who may do what with service requests, as the request process owner would say it: role × action × situation. */
const me = 'u-me';
const someoneElse = 'u-other';
const hotel = 'c-alpenrose';
const as = (...roles: Role[]) => ({ roles, userId: me, customerId: null as string | null });
const ofHotel = (...roles: Role[]) => ({ ...as(...roles), customerId: hotel });
type Who = ReturnType<typeof as>;
const mine = { requesterId: me };
const theirs = { requesterId: someoneElse };
const byName = (userId: string) => ({ userId, role: null });
const byRole = (role: Role) => ({ userId: null, role });
/** Whether someone may fire a request's (or a task's) transition from a state: what the lifecycle lists. */
const fires = (lifecycle: typeof requestLifecycle, state: string, name: string) => (w: Who) =>
  allowedTransitions(lifecycle, state, w.roles).some((t) => t.name === name);
const request = (state: string, name: string) => fires(requestLifecycle, state, name);
const task = (state: string, name: string) => fires(taskLifecycle, state, name);

const table: Array<{ what: string; holds: () => boolean; expected: boolean }> = [];
const row = (what: string, who: Who, rule: (w: Who) => boolean, expected: boolean) =>
  table.push({ what, holds: () => rule(who), expected });

// ordering
row('a customer orders', ofHotel('customer'), mayOrder, true);
row('an agent orders', as('service_desk_agent'), mayOrder, true);
row('a resolver orders', as('resolver'), mayOrder, true);
row('the internal auditor orders', as('internal_auditor'), mayOrder, false);
row('a supplier orders', as('supplier'), mayOrder, false);
row('a change manager orders', as('change_manager'), mayOrder, false);
row('an agent orders for someone else', as('service_desk_agent'), ordersForOthers, true);
row('a service owner orders for someone else', as('service_owner'), ordersForOthers, true);
row('a customer orders for someone else', ofHotel('customer'), ordersForOthers, false);
row('the internal auditor orders for someone else', as('internal_auditor'), ordersForOthers, false);
row('an agent sees the whole catalogue', as('service_desk_agent'), seesWholeCatalogue, true);
row("a customer sees their organisation's catalogue only", ofHotel('customer'), seesWholeCatalogue, false);
row(
  "staff of a customer see their organisation's catalogue only",
  ofHotel('service_desk_agent'),
  seesWholeCatalogue,
  false,
);
row('a supplier sees the whole catalogue', as('supplier'), seesWholeCatalogue, false);
// the catalogue items
row('a service owner keeps the catalogue', as('service_owner'), mayKeepCatalogue, true);
row('a service level manager keeps the catalogue', as('service_level_manager'), mayKeepCatalogue, true);
row('an agent keeps the catalogue', as('service_desk_agent'), mayKeepCatalogue, false);
row('the internal auditor keeps the catalogue', as('internal_auditor'), mayKeepCatalogue, false);
row('an administrator keeps the catalogue', as('administrator'), mayKeepCatalogue, false);
row('a service owner reads the items', as('service_owner'), mayReadCatalogueItems, true);
row('an agent reads the items', as('service_desk_agent'), mayReadCatalogueItems, true);
row('the internal auditor reads the items', as('internal_auditor'), mayReadCatalogueItems, true);
row('a resolver reads the items', as('resolver'), mayReadCatalogueItems, false);
row('a customer reads the items', ofHotel('customer'), mayReadCatalogueItems, false);
// approvals
row(
  'the person an approval names decides it',
  ofHotel('customer'),
  (w) => mayDecideApproval(w, byName(me)),
  true,
);
row(
  'an agent decides an approval naming someone else',
  as('service_desk_agent'),
  (w) => mayDecideApproval(w, byName(someoneElse)),
  false,
);
row(
  "the holder of an approval's role decides it",
  as('service_desk_agent'),
  (w) => mayDecideApproval(w, byRole('service_desk_agent')),
  true,
);
row(
  'someone without its role decides it',
  as('resolver'),
  (w) => mayDecideApproval(w, byRole('service_desk_agent')),
  false,
);
row(
  'a role holder decides an approval that names a person',
  as('service_owner'),
  (w) => mayDecideApproval(w, { userId: someoneElse, role: 'service_owner' }),
  false,
);
row(
  'anyone decides an approval naming nobody',
  as('administrator'),
  (w) => mayDecideApproval(w, byName('')),
  false,
);
// writing on requests and tasks
row('a customer comments on their own request', ofHotel('customer'), (w) => mayWriteOnRequest(w, mine), true);
row(
  "a customer comments on someone else's request",
  ofHotel('customer'),
  (w) => mayWriteOnRequest(w, theirs),
  false,
);
row(
  "an agent comments on anyone's request",
  as('service_desk_agent'),
  (w) => mayWriteOnRequest(w, theirs),
  true,
);
row(
  "the internal auditor comments on someone else's request",
  as('internal_auditor'),
  (w) => mayWriteOnRequest(w, theirs),
  false,
);
row('an agent edits a request', as('service_desk_agent'), mayEditRequest, true);
row('a customer edits their own request', ofHotel('customer'), mayEditRequest, false);
row('the internal auditor edits a request', as('internal_auditor'), mayEditRequest, false);
row('a resolver writes on a task', as('resolver'), mayWriteOnTask, true);
row('a customer writes on a task', ofHotel('customer'), mayWriteOnTask, false);
row('the internal auditor writes on a task', as('internal_auditor'), mayWriteOnTask, false);
// who fires the request's transitions (the customer's own request: mayWriteOnRequest above)
row(
  'an agent fulfils a request without tasks',
  as('service_desk_agent'),
  request('in_fulfilment', 'fulfil'),
  true,
);
row('a customer fulfils their request', ofHotel('customer'), request('in_fulfilment', 'fulfil'), false);
row('a customer confirms a fulfilled request', ofHotel('customer'), request('fulfilled', 'close'), true);
row('an agent closes a fulfilled request', as('service_desk_agent'), request('fulfilled', 'close'), true);
row('a customer refuses a fulfilment', ofHotel('customer'), request('fulfilled', 'refuse'), true);
row(
  'a customer cancels a request awaiting approval',
  ofHotel('customer'),
  request('awaiting_approval', 'cancel'),
  true,
);
row(
  'an incident manager cancels a request in fulfilment',
  as('incident_manager'),
  request('in_fulfilment', 'cancel'),
  true,
);
row('a service owner cancels a request', as('service_owner'), request('in_fulfilment', 'cancel'), false);
row('the internal auditor closes a request', as('internal_auditor'), request('fulfilled', 'close'), false);
row('a supplier cancels a request', as('supplier'), request('new', 'cancel'), false);
row(
  'an agent approves a request by hand (Keel does)',
  as('service_desk_agent'),
  request('awaiting_approval', 'approve'),
  false,
);
row(
  'an administrator rejects a request by hand (Keel does)',
  as('administrator'),
  request('awaiting_approval', 'reject'),
  false,
);
row('anyone starts fulfilment by hand (Keel does)', as('incident_manager'), request('new', 'start'), false);
// who works the tasks
row('a resolver starts a task', as('resolver'), task('open', 'start'), true);
row('an agent completes a task', as('service_desk_agent'), task('in_progress', 'complete'), true);
row('an incident manager cancels a task', as('incident_manager'), task('open', 'cancel'), true);
row('a service owner completes a task', as('service_owner'), task('open', 'complete'), false);
row('a customer completes a task', ofHotel('customer'), task('open', 'complete'), false);

describe('request policy', () => {
  it.each(table)('$what: $expected', ({ holds, expected }) => {
    expect(holds()).toBe(expected);
  });
});
