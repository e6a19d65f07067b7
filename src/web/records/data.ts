/**
 * The work-item kernel's answers as the web reads them: the shapes every type's page shares.
 */
export type { WorkItemAbilities, WorkItemView } from '../../kernel/records/shapes.ts';

/** A service level clock on a work item (agreements' clock engine, as the item's answer carries it). */
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

/** A step the reader may take now, and the inputs it asks for. */
export type TransitionChoice = { name: string; to: string; requires: string[] };
