import type { Escalation } from '../../modules/servicedesk/queries.ts';
import type { ListRow } from '../../modules/servicedesk/workspace.ts';

export type WorkItemRow = ListRow;
export type Clock = {
  metric: string;
  /** 'sla', 'ola:<group id>' or 'uc:<supplier CI id>' */
  scope: string;
  agreementName?: string;
  agreementKind?: string;
  state: string;
  remainingMs: number;
  deadline: string | null;
  pausedFor: string | null;
  breached: boolean;
  warned: boolean;
  targetMs?: number;
  elapsedMs?: number;
  breachReason?: string | null;
  events?: Array<{ kind: string; at: number; reason?: string }>;
};
export type Incident = {
  id: string;
  number: string;
  title: string;
  description: string;
  state: string;
  final: boolean;
  priority: number | null;
  requesterId: string | null;
  assigneeId: string | null;
  groupId: string | null;
  customerId: string | null;
  serviceId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  dueAt: string | null;
  impact: number;
  urgency: number;
  priorityOverridden: boolean;
  category: string | null;
  agreementId: string | null;
  pendingReason: string | null;
  supplierCiId: string | null;
  resolutionCode: string | null;
  resolutionText: string | null;
  escalationLevel: number;
  transitions: Array<{ name: string; to: string; requires: string[] }>;
  names: Record<string, string | null>;
  cis: Array<{ id: string; name: string; classKey: string; source: 'manual' | 'computed' }>;
  clocks: Clock[];
  major: null | {
    ownerId: string | null;
    declaredAt: string | null;
    reason: string | null;
    nextUpdateDue: string | null;
    updates: Array<{ id: number; audience: string; body: string; author: string | null; at: string }>;
  };
  review: null | {
    state: string;
    summary: string;
    rootCause: string;
    wentWell: string;
    improvements: string;
    version: number;
  };
  escalations: Escalation[];
};
export type Group = {
  id: string;
  name: string;
  members: Array<{ id: string; name: string }>;
  openItems: number;
};
export type Category = { code: string; names: Record<string, string>; active: boolean };
