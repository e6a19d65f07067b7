import type { SQL } from 'drizzle-orm';
import type { Role } from '../access/roles.ts';
import type { Principal } from '../auth/principal.ts';
import type { CommandContext } from '../db/tx.ts';
import { defineLifecycle, type Lifecycle, type TransitionInput } from './lifecycle.ts';

export type WorkItem = {
  id: string;
  type: string;
  number: string;
  title: string;
  description: string;
  state: string;
  priority: number | null;
  requesterId: string | null;
  assigneeId: string | null;
  groupId: string | null;
  customerId: string | null;
  serviceId: string | null;
  language: string | null;
  final: boolean;
  dueAt: Date | null;
  major: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

/** A reader in SQL: their id, and whether they hold a role (both may refer to a row of the query). */
export type Reader = { id: SQL; holds: (role: SQL) => SQL };

export type Effect = (ctx: CommandContext, item: WorkItem, input: TransitionInput) => Promise<void>;

/** What a module declares to get a work-item type: numbering, lifecycle and who sees and changes what. */
export type WorkItemType = {
  type: string;
  /** Number prefix: INC gives INC-000001. */
  prefix: string;
  lifecycle: Lifecycle<WorkItem>;
  effects?: Record<string, Effect>;
  /** Who may record one. */
  createRoles: readonly Role[];
  /**
   * Who outside the provider reads items of this type (visibility.ts holds the one rule): their requester
   * (the default), or nobody (the provider's own work, such as fulfilment tasks). Always only within the
   * reader's own organisation.
   */
  outsideReaders?: 'requester' | 'nobody';
  /** Items of this type someone outside also reads besides their own (ids, as a query): approvers, say. */
  alsoReadBy?: (reader: Reader) => SQL;
  /** Who may edit fields, comment, attach, link (transitions have their own roles). */
  canWrite: (p: Principal, item: WorkItem) => boolean;
  /** Who may change fields, if narrower than canWrite (a requester comments but does not set priority). */
  canEditFields?: (p: Principal, item: WorkItem) => boolean;
  /**
   * Set when the type's module records and edits its items through routes of its own (which keep its own
   * table, clocks and rules in step): the shared create and edit routes then refuse it and name these.
   */
  ownRoutes?: { create: string; update?: string };
  /** Field-history entries only those who see internal comments may read (an escalation level, ...). */
  internalFields?: readonly string[];
  /** Who sees internal comments. */
  canSeeInternal: (p: Principal) => boolean;
};

const types = new Map<string, WorkItemType>();

export function registerWorkItemType(def: WorkItemType) {
  const existing = types.get(def.type);
  if (existing && existing !== def) throw new Error(`work-item type ${def.type} is registered twice`);
  // a module's lifecycle.ts is plain data (the web shares it); the engine checks it here, once
  defineLifecycle(def.lifecycle);
  if ([...types.values()].some((t) => t.prefix === def.prefix && t.type !== def.type)) {
    throw new Error(`number prefix ${def.prefix} is used by two work-item types`);
  }
  for (const t of def.lifecycle.transitions) {
    for (const e of t.effects ?? []) {
      if (!def.effects?.[e]) throw new Error(`${def.type}: transition ${t.name} names unknown effect ${e}`);
    }
  }
  types.set(def.type, def);
}

export function workItemType(type: string): WorkItemType | undefined {
  return types.get(type);
}

export const registeredTypes = () => [...types.keys()];
