import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denies } from '../../kernel/access/policy.ts';
import { type Role, roles } from '../../kernel/access/roles.ts';
import {
  auditPerformers,
  auditPlanners,
  auditReaders,
  mayApproveProgramme,
  mayApproveReport,
  mayCancelAudit,
  mayCloseProgramme,
  mayEditAuditPlan,
  mayEditChecklist,
  mayEditProgramme,
  mayPerformAudit,
  mayPlanAudits,
  mayRateProcessRisk,
  mayReadAudits,
  mayReopenAudit,
  mayReportAudit,
  maySendToImprovements,
} from './policy.ts';

/** Who may do what with audits: role × action (× situation) × outcome, asked of the rules directly. */
const me = 'me';
type W = { roles: Role[]; userId: string };
const theirs = { ownerId: 'owner' };
const mine = { ownerId: me };
const audit = (over: object = {}) => ({
  leadAuditorId: 'lead',
  teamIds: ['member'],
  state: 'in_progress',
  ...over,
});
const leading = audit({ leadAuditorId: me });
const member = audit({ teamIds: [me] });

const rule: Record<string, (w: W) => boolean> = {
  read: (w) => mayReadAudits(w),
  plan: (w) => mayPlanAudits(w),
  "edit someone else's draft programme": (w) => mayEditProgramme(w, theirs),
  'edit their own draft programme': (w) => mayEditProgramme(w, mine),
  "rate the process risks of someone else's programme": (w) => mayRateProcessRisk(w, theirs),
  'rate the process risks of their own programme': (w) => mayRateProcessRisk(w, mine),
  'approve a programme': (w) => mayApproveProgramme(w),
  "close someone else's programme": (w) => mayCloseProgramme(w, theirs),
  'close their own programme': (w) => mayCloseProgramme(w, mine),
  'edit the plan of an audit they are not on': (w) => mayEditAuditPlan(w, audit()),
  'edit the plan of an audit they lead': (w) => mayEditAuditPlan(w, leading),
  'perform an audit they are not on': (w) => mayPerformAudit(w, audit()),
  'perform an audit they lead': (w) => mayPerformAudit(w, leading),
  'perform an audit whose team they are in': (w) => mayPerformAudit(w, member),
  'edit the checklist of a planned audit they are not on': (w) =>
    mayEditChecklist(w, audit({ state: 'planned' })),
  'edit the checklist of an audit under way they are not on': (w) => mayEditChecklist(w, audit()),
  'edit the checklist of an audit they are in': (w) => mayEditChecklist(w, member),
  'report an audit they lead': (w) => mayReportAudit(w, leading),
  'report an audit whose team they are in': (w) => mayReportAudit(w, member),
  'approve a report': (w) => mayApproveReport(w, audit(), theirs),
  'approve a report of their own programme': (w) => mayApproveReport(w, audit(), mine),
  'approve a report of an audit without programme': (w) => mayApproveReport(w, audit(), null),
  'approve a report of an audit they led': (w) => mayApproveReport(w, leading, mine),
  'approve a report of an audit they were in': (w) => mayApproveReport(w, member, mine),
  'approve a report of an audit whose checklist they answered': (w) =>
    mayApproveReport(w, { ...audit(), contributorIds: [me] }, mine),
  'reopen a report they wrote': (w) => mayReopenAudit(w, leading, theirs),
  'reopen a report': (w) => mayReopenAudit(w, audit(), theirs),
  'cancel an audit they lead': (w) => mayCancelAudit(w, leading),
  'cancel an audit': (w) => mayCancelAudit(w, audit()),
  'send an OFI of their audit to improvements': (w) => maySendToImprovements(w, member),
  'send an OFI of another audit to improvements': (w) => maySendToImprovements(w, audit()),
};

const table: Array<[Role[], string, boolean]> = [
  [['internal_auditor'], 'read', true],
  [['service_desk_agent'], 'read', true],
  [['administrator'], 'read', true],
  [['customer'], 'read', false],
  [['supplier'], 'read', false],
  [['internal_auditor'], 'plan', true],
  [['process_owner'], 'plan', true],
  [['top_management'], 'plan', true],
  [['change_manager'], 'plan', false],
  [['service_desk_agent'], 'plan', false],
  [['customer'], 'plan', false],
  [['internal_auditor'], "edit someone else's draft programme", true],
  [['resolver'], "edit someone else's draft programme", false],
  [['resolver'], 'edit their own draft programme', true],
  [['process_owner'], "rate the process risks of someone else's programme", true],
  [['internal_auditor'], "rate the process risks of someone else's programme", true],
  [['service_desk_agent'], "rate the process risks of someone else's programme", false],
  [['customer'], "rate the process risks of someone else's programme", false],
  [['resolver'], 'rate the process risks of their own programme', true],
  [['top_management'], 'approve a programme', true],
  [['internal_auditor'], 'approve a programme', false],
  [['process_owner'], 'approve a programme', false],
  [['top_management'], "close someone else's programme", true],
  [['internal_auditor'], "close someone else's programme", false],
  [['internal_auditor'], 'close their own programme', true],
  [['internal_auditor'], 'edit the plan of an audit they are not on', true],
  [['resolver'], 'edit the plan of an audit they are not on', false],
  [['resolver'], 'edit the plan of an audit they lead', true],
  [['internal_auditor'], 'perform an audit they are not on', false],
  [['top_management'], 'perform an audit they are not on', false],
  [['internal_auditor'], 'perform an audit they lead', true],
  [['process_owner'], 'perform an audit whose team they are in', true],
  [['internal_auditor'], 'edit the checklist of a planned audit they are not on', true],
  [['resolver'], 'edit the checklist of a planned audit they are not on', false],
  [['internal_auditor'], 'edit the checklist of an audit under way they are not on', false],
  [['resolver'], 'edit the checklist of an audit they are in', true],
  [['internal_auditor'], 'report an audit they lead', true],
  [['internal_auditor'], 'report an audit whose team they are in', false],
  [['top_management'], 'approve a report', true],
  [['process_owner'], 'approve a report', false],
  [['internal_auditor'], 'approve a report', false],
  [['internal_auditor'], 'approve a report of their own programme', true],
  [['process_owner'], 'approve a report of their own programme', true],
  [['top_management'], 'approve a report of an audit without programme', true],
  [['process_owner'], 'approve a report of an audit without programme', false],
  [['top_management'], 'approve a report of an audit they led', false],
  [['top_management'], 'approve a report of an audit they were in', false],
  [['top_management'], 'approve a report of an audit whose checklist they answered', false],
  [['internal_auditor'], 'approve a report of an audit they led', false],
  [['internal_auditor'], 'reopen a report they wrote', true],
  [['top_management'], 'reopen a report', true],
  [['internal_auditor'], 'reopen a report', false],
  [['resolver'], 'cancel an audit they lead', true],
  [['process_owner'], 'cancel an audit', true],
  [['resolver'], 'cancel an audit', false],
  [['resolver'], 'send an OFI of their audit to improvements', true],
  [['internal_auditor'], 'send an OFI of another audit to improvements', false],
];

describe('who may do what with audits', () => {
  it.each(table)('%s: %s → %s', (roles, action, expected) =>
    expect(rule[action]!({ roles, userId: me })).toBe(expected),
  );

  it('admits no customer or supplier on any route, and lets the auditor write only audit work', () => {
    for (const list of [auditReaders, auditPlanners, auditPerformers]) {
      expect(list).not.toContain('customer');
      expect(list).not.toContain('supplier');
    }
    const write = { kind: 'roles' as const, roles: auditPerformers, auditWork: true as const };
    const auditor = { roles: ['internal_auditor' as Role], scopes: ['read', 'write'] };
    expect(denies(write, 'POST', auditor)).toBeNull();
    expect(denies(write, 'POST', { roles: ['customer'], scopes: ['read', 'write'] })).not.toBeNull();
    // every internal role may be on a team; nobody else
    expect([...auditPerformers].sort()).toEqual(
      roles.filter((r) => r !== 'customer' && r !== 'supplier').sort(),
    );
  });

  it('never lets someone who audited approve the report, whatever roles they hold or programme they own', () => {
    fc.assert(
      fc.property(fc.subarray([...roles]), fc.boolean(), fc.boolean(), (held, leads, ownsProgramme) => {
        const a = leads ? leading : member;
        const who = { roles: held, userId: me };
        expect(mayApproveReport(who, a, ownsProgramme ? mine : theirs)).toBe(false);
        expect(mayApproveReport(who, a, null)).toBe(false);
      }),
    );
  });
});
