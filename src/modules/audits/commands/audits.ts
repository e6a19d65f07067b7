import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Language } from '../../../kernel/auth/users.ts';
import { today } from '../../../kernel/days.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { planTransition } from '../../../kernel/records/lifecycle.ts';
import { canServe, peopleByIds } from '../../roles/index.ts';
import { messageLanguage, mustBeIndependent } from '../independence.ts';
import { type AuditState, auditLifecycle } from '../lifecycle.ts';
import {
  mayApproveReport,
  mayCancelAudit,
  mayEditAuditPlan,
  mayPerformAudit,
  mayPlanAudits,
  mayReopenAudit,
  mayReportAudit,
} from '../policy.ts';
import { type Audit, auditFor, checklistItemsOf, contributorsOf } from '../queries/audits.ts';
import { programmeFor } from '../queries/programmes.ts';
import { checklistFor, processRegister, unknownClauses } from '../register.ts';
import { auditChecklistItems, audits } from '../schema.ts';
import { type AuditInput, type AuditPatch, checklistLimit } from '../shapes.ts';
import { nextCode } from './programmes.ts';

type Plan = Omit<AuditInput, 'language'>;
const planFields = [
  'programmeId',
  'title',
  'scopeClauses',
  'scopeProcesses',
  'scopeServiceIds',
  'criteria',
  'leadAuditorId',
  'teamIds',
  'auditeeIds',
  'plannedStart',
  'plannedEnd',
] as const;
const reportFields = ['summary', 'conclusion'] as const;

const dupes = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

/** Everything an audit's plan names must be real: the programme, clauses, processes, services and people. */
async function check(tx: Queryable, a: Plan): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (a.plannedEnd < a.plannedStart)
    errors.push({ field: 'plannedEnd', message: 'must not be before plannedStart' });
  if (a.programmeId) {
    const p = await programmeFor(tx, a.programmeId).catch(() => null);
    if (!p) errors.push({ field: 'programmeId', message: 'no such audit programme' });
    else if (p.state === 'closed') errors.push({ field: 'programmeId', message: `${p.code} is closed` });
    else if (a.plannedStart < p.cycleStart || a.plannedStart > p.cycleEnd)
      errors.push({
        field: 'plannedStart',
        message: `must fall within the cycle of ${p.code} (${p.cycleStart} to ${p.cycleEnd})`,
      });
  }
  if (!a.scopeClauses.length && !a.scopeProcesses.length)
    errors.push({ field: 'scopeClauses', message: 'the scope names at least one clause or process' });
  const unknown = unknownClauses(a.scopeClauses);
  if (unknown.length)
    errors.push({ field: 'scopeClauses', message: `not in the clause register: ${unknown.join(', ')}` });
  const keys = new Set((await processRegister(tx)).map((p) => p.key.toLowerCase()));
  const noProcess = a.scopeProcesses.filter((k) => !keys.has(k.toLowerCase()));
  if (noProcess.length)
    errors.push({ field: 'scopeProcesses', message: `not in the process register: ${noProcess.join(', ')}` });
  if (a.scopeServiceIds.length) {
    const found = await tx.execute<{ id: string }>(
      sql`select id from services where id = any(${sql.param(a.scopeServiceIds)}::uuid[])`,
    );
    const have = new Set(found.rows.map((r) => r.id));
    const missing = a.scopeServiceIds.filter((x) => !have.has(x));
    if (missing.length)
      errors.push({ field: 'scopeServiceIds', message: `no services ${missing.join(', ')}` });
  }
  const people = await peopleByIds(tx, [a.leadAuditorId, ...a.teamIds, ...a.auditeeIds]);
  if (!canServe(people.get(a.leadAuditorId)))
    errors.push({ field: 'leadAuditorId', message: 'must be an active person of the provider' });
  a.teamIds.forEach((id, i) => {
    if (!canServe(people.get(id)))
      errors.push({ field: `teamIds.${i}`, message: 'must be an active person of the provider' });
    else if (id === a.leadAuditorId)
      errors.push({ field: `teamIds.${i}`, message: 'is the lead auditor already' });
  });
  if (dupes(a.teamIds).length) errors.push({ field: 'teamIds', message: 'names someone twice' });
  a.auditeeIds.forEach((id, i) => {
    if (!canServe(people.get(id)))
      errors.push({ field: `auditeeIds.${i}`, message: 'must be an active person of the provider' });
    // nobody is audited by an audit they perform
    else if (id === a.leadAuditorId)
      errors.push({ field: `auditeeIds.${i}`, message: 'is the lead auditor, who cannot be audited too' });
    else if (a.teamIds.includes(id))
      errors.push({ field: `auditeeIds.${i}`, message: 'is on the audit team, who cannot be audited too' });
  });
  return errors;
}

/**
 * Adds to the checklist the questions of the clauses in scope (and of the processes in scope) that it does
 * not ask yet, after its last item: all of them for a new audit, the new clauses' when its scope grows.
 */
async function addQuestions(tx: Queryable, a: Audit, lang: Language) {
  const have = await checklistItemsOf(tx, a.id);
  // a question is asked already when its clause has it word for word (case and spaces aside): a clause the
  // team added its own question to still gets the register's (a generated question the team removed or
  // reworded comes back when the scope changes, which shows, rather than a clause left half asked)
  const key = (clause: string, question: string) => `${clause}\u0000${question.trim().toLowerCase()}`;
  const asked = new Set(have.map((i) => key(i.clause, i.question)));
  const questions = checklistFor(a.scopeClauses, a.scopeProcesses, lang).filter(
    (q) => !asked.has(key(q.clause, q.question)),
  );
  if (!questions.length) return 0;
  if (have.length + questions.length > checklistLimit)
    throw problems.validation([
      {
        field: 'scopeClauses',
        message: `the scope adds ${questions.length} questions to the ${have.length} of the checklist: it holds at most ${checklistLimit}`,
      },
    ]);
  const last = have.reduce((m, i) => Math.max(m, i.position), 0);
  await tx.insert(auditChecklistItems).values(
    questions.map((q, i) => ({
      auditId: a.id,
      clause: q.clause,
      question: q.question,
      position: last + i + 1,
    })),
  );
  return questions.length;
}

export async function createAudit(ctx: CommandContext, who: Principal, input: AuditInput) {
  if (!mayPlanAudits(who))
    throw problems.forbidden('Audits are planned by internal auditors, process owners and top management.');
  const { language, ...plan } = input;
  const errors = await check(ctx.tx, plan);
  if (errors.length) throw problems.validation(errors);
  await mustBeIndependent(ctx.tx, plan, messageLanguage(who));
  const code = await nextCode(ctx.tx, 'audits', 'AUD', plan.plannedStart.slice(0, 4));
  const [row] = await ctx.tx
    .insert(audits)
    .values({
      ...plan,
      programmeId: plan.programmeId ?? null,
      code,
      title: plan.title.trim(),
      createdBy: who.userId,
    })
    .returning();
  const questions = await addQuestions(ctx.tx, row!, language ?? (who.language as Language));
  await ctx.audit({
    action: 'audit.created',
    recordType: 'audit',
    recordId: code,
    after: { ...row, checklistQuestions: questions },
  });
  return row!;
}

/**
 * Changes an audit's plan (its planners or lead auditor, while planned or in progress) or its report's text
 * (its team, while in progress). A changed team or scope is checked for independence again.
 */
export async function updateAudit(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  patch: AuditPatch,
) {
  const before = await auditFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  const plans = planFields.some((f) => patch[f] !== undefined);
  const reports = reportFields.some((f) => patch[f] !== undefined);
  if (!plans && !reports) return before;
  if (plans && !mayEditAuditPlan(who, before))
    throw problems.forbidden(
      `The plan of ${before.code} is kept by the audit planners and its lead auditor.`,
    );
  if (reports && !mayPerformAudit(who, before))
    throw problems.forbidden(`The report of ${before.code} is written by its team.`);
  if (plans && before.state !== 'planned' && before.state !== 'in_progress')
    throw problems.conflict(`${before.code} is ${before.state}: its plan no longer changes.`);
  if (reports && before.state !== 'in_progress')
    throw problems.conflict(
      `${before.code} is ${before.state}: its report is written while it is in progress.`,
    );
  if (
    patch.programmeId !== undefined &&
    patch.programmeId !== before.programmeId &&
    before.state !== 'planned'
  )
    throw problems.conflict(`${before.code} has started: it stays in its programme.`);
  const sameTeam =
    (patch.leadAuditorId === undefined || patch.leadAuditorId === before.leadAuditorId) &&
    (patch.teamIds === undefined ||
      (patch.teamIds.length === before.teamIds.length &&
        patch.teamIds.every((x, i) => x === before.teamIds[i])));
  // who audited must stay on record: a member removed after the work could otherwise approve its report
  if (!sameTeam && before.state !== 'planned')
    throw problems.conflict(`${before.code} has started: its lead auditor and team no longer change.`);
  const merged = { ...before, ...patch } as Audit;
  // the plan is checked when it changes: writing the report does not hinge on, say, a member since gone
  const errors = plans ? await check(ctx.tx, merged as Plan) : [];
  if (errors.length) throw problems.validation(errors);
  const teamOrScope = ['leadAuditorId', 'teamIds', 'scopeClauses', 'scopeProcesses'] as const;
  if (teamOrScope.some((f) => patch[f] !== undefined))
    await mustBeIndependent(ctx.tx, merged, messageLanguage(who));
  const [after] = await ctx.tx
    .update(audits)
    .set({ ...patch, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(audits.id, id))
    .returning();
  const questions =
    patch.scopeClauses || patch.scopeProcesses
      ? await addQuestions(ctx.tx, after!, who.language as Language)
      : 0;
  await ctx.audit({
    action: 'audit.updated',
    recordType: 'audit',
    recordId: before.code,
    before,
    after: { ...after, checklistQuestionsAdded: questions },
  });
  return after!;
}

export type AuditStep = 'start' | 'report' | 'reopen' | 'approve' | 'cancel';
export type StepInput = { summary?: string; conclusion?: string; reason?: string; note?: string };

/**
 * A step of an audit's lifecycle. Its team starts it; its lead auditor reports it once the summary and the
 * conclusion are written and every checklist question is answered; top management or the programme's owner
 * (never an auditor of it) approves the report or sends it back; a planner or the lead auditor cancels it.
 */
export async function stepAudit(
  ctx: CommandContext,
  who: Principal,
  id: string,
  step: AuditStep,
  input: StepInput,
) {
  const before = await auditFor(ctx.tx, id, true);
  const programme = before.programmeId ? await programmeFor(ctx.tx, before.programmeId) : null;
  const helped =
    step === 'approve' || step === 'reopen'
      ? { ...before, contributorIds: await contributorsOf(ctx.tx, before) }
      : before;
  const allowed: Record<AuditStep, [boolean, string]> = {
    start: [mayPerformAudit(who, before), 'its team'],
    report: [mayReportAudit(who, before), 'its lead auditor'],
    reopen: [mayReopenAudit(who, helped, programme), 'its lead auditor, or whoever approves its report'],
    approve: [
      mayApproveReport(who, helped, programme),
      'top management or the programme’s owner, and never one of its auditors',
    ],
    cancel: [mayCancelAudit(who, before), 'the audit planners or its lead auditor'],
  };
  const [may, whom] = allowed[step];
  if (!may) throw problems.forbidden(`To ${step} ${before.code} is for ${whom}.`);
  const t = planTransition(auditLifecycle, before, step, who.roles, input);
  // appointments change after planning: the team must still be independent from today to the planned end
  if (step === 'start') {
    const day = today();
    await mustBeIndependent(ctx.tx, before, messageLanguage(who), {
      from: day < before.plannedStart ? day : before.plannedStart,
      to: day > before.plannedEnd ? day : before.plannedEnd,
    });
  }
  const now = new Date();
  const set: Partial<Audit> = { state: t.to as AuditState, updatedAt: now, version: before.version + 1 };
  if (step === 'start') set.startedAt = now;
  if (step === 'report') {
    const summary = (input.summary ?? before.summary).trim();
    const conclusion = (input.conclusion ?? before.conclusion).trim();
    const errors: FieldError[] = [];
    if (!summary) errors.push({ field: 'summary', message: 'is required to report' });
    if (!conclusion) errors.push({ field: 'conclusion', message: 'is required to report' });
    const open = (await checklistItemsOf(ctx.tx, id)).filter((i) => !i.answer);
    if (open.length)
      errors.push({
        field: 'checklist',
        message: `${open.length} question${open.length === 1 ? ' is' : 's are'} not answered yet (clauses ${[...new Set(open.map((i) => i.clause))].join(', ')})`,
      });
    if (errors.length) throw problems.validation(errors, `${before.code} cannot be reported yet.`);
    Object.assign(set, { summary, conclusion, reportedAt: now });
  }
  if (step === 'approve') Object.assign(set, { approvedBy: who.userId, approvedAt: now });
  if (step === 'reopen') Object.assign(set, { approvedBy: null, approvedAt: null });
  if (step === 'cancel') {
    const reason = (input.reason ?? '').trim();
    if (!reason) throw problems.validation([{ field: 'reason', message: 'is required to cancel' }]);
    set.cancelReason = reason;
  }
  const [after] = await ctx.tx.update(audits).set(set).where(eq(audits.id, id)).returning();
  const past = {
    start: 'started',
    report: 'reported',
    reopen: 'reopened',
    approve: 'approved',
    cancel: 'cancelled',
  };
  await ctx.audit({
    action: `audit.${past[step]}`,
    recordType: 'audit',
    recordId: before.code,
    before,
    after: { ...after, ...(input.note || input.reason ? { note: input.note ?? input.reason } : {}) },
  });
  return after!;
}
