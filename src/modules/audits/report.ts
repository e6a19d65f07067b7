import { htmlToPdf } from '../../kernel/documents/pdf.ts';
import { escapeHtml as e } from '../../kernel/records/html.ts';
import type { AuditDetail } from './shapes.ts';

/**
 * The audit report as a document (9.2): scope, criteria, team and auditees, dates, every checklist question
 * with its answer, notes and evidence, the findings, the summary and conclusion, and who approved it. A report
 * not yet approved says so in its subtitle and footer.
 */
const answers: Record<string, string> = {
  conformity: 'Conformity',
  observation: 'Observation',
  finding: 'Finding',
  not_applicable: 'Not applicable',
};
const kinds: Record<string, string> = {
  major_nc: 'Major nonconformity',
  minor_nc: 'Minor nonconformity',
  observation: 'Observation',
  ofi: 'Opportunity for improvement',
};
const states: Record<string, string> = {
  planned: 'planned',
  in_progress: 'in progress',
  reporting: 'awaiting approval',
  completed: 'approved',
  cancelled: 'cancelled',
};

const list = (items: string[]) =>
  items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p>—</p>';
const para = (text: string) =>
  text.trim()
    ? text
        .split(/\n{2,}/)
        .map((p) => `<p>${e(p.trim()).replace(/\n/g, '<br>')}</p>`)
        .join('')
    : '<p>—</p>';
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

export function reportHtml(a: AuditDetail): string {
  const names = (xs: { name: string | null }[]) => xs.map((x) => e(x.name ?? '?'));
  const evidence = (refs: AuditDetail['checklist'][number]['evidence']) =>
    refs.length
      ? ` Evidence: ${refs.map((r) => e(r.label ? `${r.label} (${r.ref})` : r.ref)).join('; ')}.`
      : '';
  const checklist = a.checklist.map(
    (i) =>
      `<b>${e(i.clause)}</b> ${e(i.question)} — <b>${i.answer ? answers[i.answer] : 'not answered'}</b>` +
      `${i.notes ? `. ${e(i.notes)}` : ''}${evidence(i.evidence)}`,
  );
  const findings = a.findingList.map(
    (f) =>
      `<b>${e(f.code)}</b> ${kinds[f.kind]} against ${e(f.clause)}${f.processKey ? ` (${e(f.processKey)})` : ''}: ` +
      `<b>${e(f.title)}</b>. ${e(f.statement)}${evidence(f.evidence)}` +
      `${f.nonconformityNumber ? ` Nonconformity ${e(f.nonconformityNumber)}.` : ''}`,
  );
  const approval = a.approvedAt
    ? `Approved by ${e(a.approvedBy ?? '?')} on ${day(a.approvedAt)}.`
    : a.state === 'cancelled'
      ? `Cancelled: ${e(a.cancelReason)}`
      : 'Not approved yet.';
  return [
    '<h2>Scope</h2>',
    list([
      `Clauses: ${a.scopeClauses.length ? e(a.scopeClauses.join(', ')) : '—'}`,
      `Processes: ${a.scopeProcesses.length ? e(a.scopeProcesses.join(', ')) : '—'}`,
      `Services: ${a.services.length ? names(a.services).join(', ') : '—'}`,
    ]),
    '<h2>Criteria</h2>',
    para(a.criteria),
    '<h2>Team and auditees</h2>',
    list([
      `Lead auditor: ${e(a.leadAuditor ?? '?')}`,
      `Team: ${a.team.length ? names(a.team).join(', ') : '—'}`,
      `Auditees: ${a.auditees.length ? names(a.auditees).join(', ') : '—'}`,
    ]),
    '<h2>Dates</h2>',
    list([
      `Planned: ${a.plannedStart} to ${a.plannedEnd}`,
      `Started: ${day(a.startedAt) || '—'}`,
      `Reported: ${day(a.reportedAt) || '—'}`,
    ]),
    '<h2>Checklist</h2>',
    checklist.length ? `<ol>${checklist.map((c) => `<li>${c}</li>`).join('')}</ol>` : '<p>—</p>',
    '<h2>Findings</h2>',
    findings.length ? `<ol>${findings.map((f) => `<li>${f}</li>`).join('')}</ol>` : '<p>No findings.</p>',
    '<h2>Summary</h2>',
    para(a.summary),
    '<h2>Conclusion</h2>',
    para(a.conclusion),
    '<h2>Approval</h2>',
    `<p>${approval}</p>`,
  ].join('');
}

export function reportPdf(a: AuditDetail, language: string): Promise<Buffer> {
  const subtitle = [
    `Internal audit report ${a.code}`,
    a.programmeCode ? `programme ${a.programmeCode}` : null,
    states[a.state],
    a.approvedAt ? `approved by ${a.approvedBy} ${day(a.approvedAt)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return htmlToPdf({
    title: a.title,
    subtitle,
    html: reportHtml(a),
    footer: `${a.code} · ${a.approvedAt ? 'approved' : 'not approved'}`,
    language,
  });
}
