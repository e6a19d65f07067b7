import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';

/**
 * Who may do what with internal audits (ISO/IEC 20000-1 9.2, docs/check-and-act.md): everyone inside the
 * provider reads the programme, the audits and the findings; internal auditors plan audits, and so may
 * process owners and top management (who know where the risks are); an audit is performed (checklist,
 * findings, report) by its own team only; top management approves programmes, and approves audit reports
 * with the programme's owner, never someone who audited. Customers and suppliers see none of it.
 */
type Who = Pick<Actor, 'userId' | 'roles'>;
type AuditTeam = { leadAuditorId: string; teamIds: readonly string[] };

/** Who reads programmes, audits, checklists, findings and reports. */
export const auditReaders: readonly Role[] = internalRoles;
/** Who plans: drafts programmes and schedules audits with their scope and team. */
export const auditPlanners: readonly Role[] = ['internal_auditor', 'process_owner', 'top_management'];
/** Who approves an audit programme. */
export const programmeApprovers: readonly Role[] = ['top_management'];
/**
 * Whom the routes of performing an audit admit: anyone inside the provider may be on an audit's team (an
 * internal auditor, or staff auditing another department's process), so the audit itself decides.
 */
export const auditPerformers: readonly Role[] = internalRoles;
/**
 * Whom the routes of changing and closing a programme admit: its owner may hold any internal role (not only
 * a planner's or top management's), so the programme decides (mayEditProgramme, mayCloseProgramme).
 */
export const programmeKeepers: readonly Role[] = internalRoles;

export const mayReadAudits = (who: Who) => holdsAny(who, auditReaders);
export const mayPlanAudits = (who: Who) => holdsAny(who, auditPlanners);

/** A draft programme is shaped by the planners and its owner. */
export const mayEditProgramme = (who: Who, p: { ownerId: string }) =>
  mayPlanAudits(who) || p.ownerId === who.userId;
/**
 * Each process's risk is rated by whoever shapes the programme, in draft and also once approved: risk changes
 * during a cycle, and the frequency of audits follows it.
 */
export const mayRateProcessRisk = (who: Who, p: { ownerId: string }) => mayEditProgramme(who, p);
export const mayApproveProgramme = (who: Who) => holdsAny(who, programmeApprovers);
/** A programme whose cycle is over is closed by top management or its owner. */
export const mayCloseProgramme = (who: Who, p: { ownerId: string }) =>
  mayApproveProgramme(who) || p.ownerId === who.userId;

/** Whether someone audits this audit: its lead auditor or a member of its team. */
export const isOnTeam = (who: Who, a: AuditTeam) =>
  !!who.userId && (a.leadAuditorId === who.userId || a.teamIds.includes(who.userId));

/** An audit's plan (scope, team, dates, criteria) is kept by the planners and by its lead auditor. */
export const mayEditAuditPlan = (who: Who, a: AuditTeam) =>
  mayPlanAudits(who) || a.leadAuditorId === who.userId;

/** Starting the audit, answering its checklist and raising findings: its team only. */
export const mayPerformAudit = (who: Who, a: AuditTeam) => isOnTeam(who, a);

/** The checklist is shaped by the team, and by the planners while the audit is still planned. */
export const mayEditChecklist = (who: Who, a: AuditTeam & { state: string }) =>
  isOnTeam(who, a) || (a.state === 'planned' && mayPlanAudits(who));

/** The report is written and handed in for approval by the lead auditor. */
export const mayReportAudit = (who: Who, a: AuditTeam) => a.leadAuditorId === who.userId;

/**
 * Who took part in an audit's work beyond its team (whose members cannot change once it starts): whoever
 * answered a question of its checklist or raised a finding in it.
 */
type Helped = AuditTeam & { contributorIds?: readonly string[] };

/**
 * A report is approved by top management or the programme's owner, and never by anyone who audited (its
 * team, or whoever answered its checklist or raised its findings): an auditor does not judge their own work.
 */
export const mayApproveReport = (who: Who, a: Helped, programme: { ownerId: string } | null) =>
  !isOnTeam(who, a) &&
  !(who.userId && a.contributorIds?.includes(who.userId)) &&
  (holdsAny(who, programmeApprovers) || (!!programme && programme.ownerId === who.userId));

/** A report handed in goes back to work by its lead auditor, or by whoever could approve it. */
export const mayReopenAudit = (who: Who, a: Helped, programme: { ownerId: string } | null) =>
  mayReportAudit(who, a) || mayApproveReport(who, a, programme);

/** An audit not yet reported is called off by the planners or its lead auditor (with a reason). */
export const mayCancelAudit = (who: Who, a: AuditTeam) => mayEditAuditPlan(who, a);

/** An opportunity for improvement is sent to the improvement register by the team that found it. */
export const maySendToImprovements = (who: Who, a: AuditTeam) => isOnTeam(who, a);
