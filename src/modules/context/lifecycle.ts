/**
 * The kinds and states of the context's records (ISO/IEC 20000-1 4.1, 4.2), as plain data the database, the
 * API and the web share: an issue is internal or external and open until closed; an interested party is of
 * one kind. Scope statements are versioned, never edited, so they have no states.
 */
export const issueKinds = ['internal', 'external'] as const;
export type IssueKind = (typeof issueKinds)[number];

export const issueStatuses = ['open', 'closed'] as const;
export type IssueStatus = (typeof issueStatuses)[number];

export const partyKinds = ['customer', 'user', 'supplier', 'regulator', 'staff', 'owner', 'other'] as const;
export type PartyKind = (typeof partyKinds)[number];
