import { holdsAny, isStaff, type Role, serviceDeskRoles } from '../../kernel/access/roles.ts';

/**
 * Who may do what with service requests (ISO/IEC 20000-1 8.6.2, docs/requests.md): the one place each rule
 * is written. Routes build their access from these lists, commands ask the rules again inside their
 * transaction, the request and task types register them, the lifecycle names the lists that fire each
 * transition, and the answers' transitions and abilities come from them.
 */

/** The service desk fulfils requests and works their tasks: the same people who work incidents. */
export const workers: readonly Role[] = serviceDeskRoles;

/**
 * Who orders from the catalogue: customers, for themselves, and the service desk (for anyone). They are
 * also the parties who confirm, refuse or cancel a request (a customer only their own: mayWriteOnRequest).
 * The internal auditor reads and never orders.
 */
export const requestOrderers: readonly Role[] = [...workers, 'customer'];

/** Who keeps the catalogue items: the service owners and service level managers who keep the portfolio. */
export const catalogueKeepers: readonly Role[] = ['service_owner', 'service_level_manager'];

/** Who reads the catalogue items' definitions (forms, approvals, task templates): keepers, desk, auditor. */
export const catalogueItemReaders: readonly Role[] = [
  ...catalogueKeepers,
  'service_desk_agent',
  'internal_auditor',
];

/** As whom Keel creates and cancels a request's tasks: the desk, whoever set fulfilment going. */
export const keelWorksAs: readonly Role[] = ['service_desk_agent'];

type Who = { roles: readonly string[]; userId?: string | null; customerId?: string | null };
type RequestFacts = { requesterId: string | null };
/** An approval falls to a person by name, or to anyone holding a role. */
type ApprovalFacts = { userId: string | null; role: string | null };

/** "The service desk orders for anyone; customers order for themselves; the auditor only reads." */
export const mayOrder = (who: Who) => holdsAny(who, requestOrderers);

/** "Staff order for someone else; a customer orders for themselves." */
export const ordersForOthers = (who: Who) => isStaff(who);

/**
 * "The provider's own staff may order every active item and name anyone in a form; a customer's people
 * order what their organisation is offered and name their colleagues."
 */
export const seesWholeCatalogue = (who: Who) => isStaff(who) && !who.customerId;

/** "The service owners and service level managers define what can be ordered." */
export const mayKeepCatalogue = (who: Who) => holdsAny(who, catalogueKeepers);

/** "The keepers, the desk and the auditor read the items' definitions." */
export const mayReadCatalogueItems = (who: Who) => holdsAny(who, catalogueItemReaders);

/** "An approval is decided by the person it falls to, or by anyone holding its role." */
export const mayDecideApproval = (who: Who, approval: ApprovalFacts) =>
  approval.userId
    ? approval.userId === who.userId
    : !!approval.role && holdsAny(who, [approval.role as Role]);

/** "Staff, and the person it is for, comment on a request, attach to it, confirm or cancel it." */
export const mayWriteOnRequest = (who: Who, request: RequestFacts) =>
  isStaff(who) || (!!who.userId && request.requesterId === who.userId);

/** "Only staff change a request's fields (the requester says what they want in a comment)." */
export const mayEditRequest = (who: Who) => isStaff(who);

/** "Tasks are the provider's own work: staff write on them, customers never see them." */
export const mayWriteOnTask = (who: Who) => isStaff(who);
