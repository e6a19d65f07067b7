import { holdsAny, internalRoles, isStaff, type Role, serviceDeskRoles } from '../../kernel/access/roles.ts';

/**
 * Who may do what at the service desk (ISO/IEC 20000-1 8.6.1, docs/incidents.md): the one place each rule is
 * written. Routes build their access from these lists, commands ask the rules again inside their
 * transaction, the incident type registers them, and the answers' transitions and abilities come from them.
 */

/** Service desk staff who record and work incidents. */
export const workers: readonly Role[] = serviceDeskRoles;

/** Who records an incident: the service desk, and customers for themselves. */
export const incidentRecorders: readonly Role[] = [...workers, 'customer'];

/** Who declares a major incident and names its owner. */
export const majorIncidentDeclarers: readonly Role[] = ['incident_manager'];

/** Who writes the post-incident review of a major incident. */
export const majorIncidentReviewers: readonly Role[] = [
  'incident_manager',
  'problem_manager',
  'process_owner',
];

/** Who says why a missed target was missed: the desk, and the service level manager who reports on it. */
export const breachExplainers: readonly Role[] = [...workers, 'service_level_manager'];

/** Who keeps the desk's settings, categories, priority matrix and groups. */
export const deskKeepers: readonly Role[] = ['incident_manager', 'administrator'];

/** Who reads the desk's settings and groups: everyone inside the provider. */
export const deskReaders: readonly Role[] = internalRoles;

type Who = { roles: readonly string[]; userId?: string | null };
type IncidentFacts = { requesterId: string | null; major: boolean; final: boolean };

/** "The service desk records incidents, and customers record their own." */
export const mayRecordIncident = (who: Who) => holdsAny(who, incidentRecorders);

/**
 * "Staff record for someone else, in another organisation, with a priority and an assignee; a customer
 * records for themselves only, and the desk prioritises."
 */
export const recordsForOthers = (who: Who) => isStaff(who);

/** "The service desk works incidents: assigns, escalates, prioritises, pauses and resolves them." */
export const mayWorkIncidents = (who: Who) => holdsAny(who, workers);

/** "Staff, and the person it is for, comment on an incident and attach to it." */
export const mayWriteOnIncident = (who: Who, incident: Pick<IncidentFacts, 'requesterId'>) =>
  isStaff(who) || (!!who.userId && incident.requesterId === who.userId);

/** "An incident manager declares an open incident major (or names another owner of a major one)." */
export const mayDeclareMajor = (who: Who, incident: Pick<IncidentFacts, 'final'>) =>
  holdsAny(who, majorIncidentDeclarers) && !incident.final;

/** "The incident, problem and process managers write the post-incident review." */
export const mayReviewMajor = (who: Who) => holdsAny(who, majorIncidentReviewers);

/** "The desk or the service level manager says why a target was missed." */
export const mayExplainBreach = (who: Who) => holdsAny(who, breachExplainers);

/** "The incident manager and the administrator keep the desk's settings and groups." */
export const mayKeepDesk = (who: Who) => holdsAny(who, deskKeepers);

/**
 * How many of the most recently changed matching items (and newest matching comments) are ranked. For
 * words found in a tenth of a million items, PostgreSQL walks the recent-first index until it has this many
 * matches, so the cost grows with this number over the words' frequency: at a million items, 100 keeps a
 * search of two common words near 30 ms, 1,000 took 350 ms (docs/performance.md). Older matches come up
 * as soon as the words are specific enough to have fewer matches. A rule the web app shares (it says where results end).
 */
export const SEARCH_CANDIDATES = 100;

/** How deep search results go: the item and comment candidates together name at most this many items. */
export const SEARCH_DEPTH = 2 * SEARCH_CANDIDATES;
