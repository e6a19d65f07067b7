import { formatCsv } from '../../../kernel/csv/csv.ts';
import { escapeHtml } from '../../../kernel/records/html.ts';
import { type ReviewInputKey, reviewInputKeys } from '../lifecycle.ts';
import type { AgreementLevel, AssembledInputs, Flow } from './shapes.ts';

/**
 * The inputs in words, for people who read them on paper: the minutes' PDF and the management review pack
 * (PDF and CSV) describe each input as a list of figures with their labels, the preparer's commentary and any
 * note on what Keel does not record. Written in English for now (the screens translate; documents not yet).
 */
export type Figure = { label: string; value: string | number | null };
export type Section = { key: ReviewInputKey; title: string; figures: Figure[]; notes: string[] };

export const inputTitles: Record<ReviewInputKey, string> = {
  previous_actions: 'Actions from previous reviews',
  context_changes: 'Changes in context and interested parties',
  performance: 'Objectives and performance of the SMS',
  service_levels: 'Service levels',
  workload: 'Workload',
  customer_satisfaction: 'Customer satisfaction and complaints',
  suppliers: 'Supplier performance',
  nonconformities: 'Nonconformities and corrective actions',
  audits: 'Audit results',
  risks: 'Risks and opportunities',
  resources: 'Adequacy of resources',
  improvements: 'Opportunities for improvement',
};

const pct = (v: number | null) => (v === null ? 'nothing decided' : `${v}%`);
const level = (a: AgreementLevel): Figure => ({
  label: `${a.name} (${a.kind})`,
  value: `${pct(a.metPercent)} met (${a.met} met, ${a.missed} missed, ${a.open} open); previous period ${pct(a.previous.metPercent)}${a.trend ? `, ${a.trend}` : ''}`,
});
const flow = (what: string, now: Flow, before: Flow): Figure => ({
  label: what,
  value: `${now.opened} opened, ${now.closed} closed (previous period ${before.opened} opened, ${before.closed} closed)`,
});

function figuresOf(a: AssembledInputs, key: ReviewInputKey): { figures: Figure[]; notes: string[] } {
  const i = a.inputs;
  switch (key) {
    case 'previous_actions': {
      const x = i.previous_actions;
      return {
        figures: [
          { label: 'Open', value: x.open },
          { label: 'Overdue', value: x.overdue },
          { label: 'Done', value: x.done },
          ...x.actions.map((y) => ({
            label: `${y.reviewCode}: ${y.title}`,
            value: `${y.done ? 'done' : y.overdue ? 'overdue' : 'open'}${y.due ? `, due ${y.due}` : ''}${y.responsible ? `, ${y.responsible}` : ''}`,
          })),
        ],
        notes: [],
      };
    }
    case 'context_changes': {
      const x = i.context_changes;
      return {
        figures: [
          ...x.issues.map((y) => ({ label: `Issue (${y.kind}): ${y.title}`, value: y.change })),
          ...x.parties.map((y) => ({ label: `Interested party: ${y.name}`, value: y.change })),
          ...x.scopeVersions.map((y) => ({ label: `Scope version ${y.number}`, value: y.reason })),
        ],
        notes:
          x.issues.length + x.parties.length + x.scopeVersions.length ? [] : ['No changes in the period.'],
      };
    }
    case 'performance':
      return {
        figures: i.performance.objectives.map((o) => ({
          label: `${o.code} ${o.title} (${o.direction === 'at_least' ? '≥' : '≤'} ${o.target} ${o.unit})`,
          value: `${o.latest ?? 'not measured'}, ${o.status.replace('_', ' ')}`,
        })),
        notes: i.performance.objectives.length ? [] : ['No objectives are set.'],
      };
    case 'service_levels':
      return {
        figures: i.service_levels.agreements.map(level),
        notes: i.service_levels.agreements.length ? [] : ['No service level agreement is in force.'],
      };
    case 'workload': {
      const x = i.workload;
      return {
        figures: [
          flow('Incidents', x.incidents, x.previous.incidents),
          flow('Service requests', x.requests, x.previous.requests),
          flow('Changes', x.changes, x.previous.changes),
        ],
        notes: [],
      };
    }
    case 'customer_satisfaction': {
      const x = i.customer_satisfaction;
      return {
        figures: [
          { label: 'Ratings', value: x.ratings },
          { label: 'Mean rating (1–5)', value: x.mean },
          { label: 'Ratings of 1, 2, 3, 4, 5', value: x.byScore.join(', ') },
          {
            label: 'Previous period',
            value: `${x.previous.ratings} ratings, mean ${x.previous.mean ?? '–'}`,
          },
          { label: 'Complaints (nonconformities raised from one)', value: x.complaints.count },
          ...x.complaints.items.map((c) => ({ label: `${c.number} ${c.title}`, value: c.state })),
        ],
        notes: [x.complaints.note],
      };
    }
    case 'suppliers':
      return { figures: i.suppliers.underpinningContracts.map(level), notes: [i.suppliers.note] };
    case 'nonconformities': {
      const x = i.nonconformities;
      return {
        figures: [
          {
            label: 'Recorded (major, minor)',
            value: `${x.opened} (${x.openedBySeverity.major}, ${x.openedBySeverity.minor})`,
          },
          { label: 'Closed', value: x.closed },
          { label: 'Open now', value: x.open },
          { label: 'Corrective actions overdue', value: x.overdueActions.length },
          ...x.overdueActions.map((y) => ({
            label: `${y.number}: ${y.title}`,
            value: `due ${y.due}${y.responsible ? `, ${y.responsible}` : ''}`,
          })),
        ],
        notes: [],
      };
    }
    case 'audits': {
      const x = i.audits;
      const kinds = (f: typeof x.findingsRaised) =>
        `${f.major_nc} major, ${f.minor_nc} minor, ${f.observation} observations, ${f.ofi} OFIs`;
      return {
        figures: [
          { label: 'Audits completed', value: x.completed.length },
          ...x.completed.map((y) => ({ label: `${y.code} ${y.title}`, value: kinds(y.findings) })),
          { label: 'Findings raised', value: kinds(x.findingsRaised) },
          { label: 'Audits planned in the period, not completed', value: x.planned },
        ],
        notes: [],
      };
    }
    case 'risks': {
      const x = i.risks;
      return {
        figures: [
          { label: 'Open risks', value: x.openRisks },
          { label: 'Open opportunities', value: x.openOpportunities },
          { label: 'Above the acceptable level', value: x.aboveAcceptable.length },
          ...x.aboveAcceptable.map((y) => ({
            label: `${y.code} ${y.title}`,
            value: `score ${y.score}, ${y.treatment}${y.acceptedAt ? ', accepted by top management' : ''}`,
          })),
        ],
        notes: [],
      };
    }
    case 'resources': {
      const x = i.resources;
      return {
        figures: [
          ...x.vacancies.map((y) => ({ label: `Vacant role: ${y.role}`, value: 'nobody holds it' })),
          ...x.competenceGaps.map((y) => ({
            label: `${y.person} (${y.role})`,
            value: `lacks ${y.competences.join(', ')}`,
          })),
          { label: 'Holders without a needed deputy', value: x.otherGaps.withoutDeputy },
          { label: 'Appointments ending within 30 days', value: x.otherGaps.appointmentsEnding },
          { label: 'Processes without owner', value: x.otherGaps.processesWithoutOwner },
        ],
        notes: [],
      };
    }
    case 'improvements': {
      const x = i.improvements;
      return {
        figures: [
          ...Object.entries(x.byState).map(([state, n]) => ({
            label: `In the register, ${state}`,
            value: n,
          })),
          { label: 'Proposed in the period', value: x.proposedInPeriod },
          ...x.realisedInPeriod.map((y) => ({ label: `Realised: ${y.code} ${y.title}`, value: 'realised' })),
        ],
        notes: [],
      };
    }
  }
}

export const describeInputs = (a: AssembledInputs): Section[] =>
  reviewInputKeys.map((key) => ({ key, title: inputTitles[key], ...figuresOf(a, key) }));

/** The inputs as HTML for a PDF (kernel/documents/pdf.ts): a heading per input, its commentary and figures. */
export function inputsHtml(a: AssembledInputs, commentary: Record<string, string>): string {
  return describeInputs(a)
    .map((s) => {
      const note = commentary[s.key]?.trim();
      return [
        `<h2>${escapeHtml(s.title)}</h2>`,
        note ? `<p><i>${escapeHtml(note)}</i></p>` : '',
        s.figures.length
          ? `<ul>${s.figures.map((f) => `<li><b>${escapeHtml(f.label)}</b>: ${escapeHtml(String(f.value ?? '–'))}</li>`).join('')}</ul>`
          : '',
        ...s.notes.map((n) => `<p>${escapeHtml(n)}</p>`),
      ].join('');
    })
    .join('');
}

/** The inputs as CSV: one row per figure (input, figure, value), the commentary as a row of its own. */
export function inputsCsv(a: AssembledInputs, commentary: Record<string, string>): string {
  const rows: unknown[][] = [['input', 'figure', 'value']];
  for (const s of describeInputs(a)) {
    if (commentary[s.key]?.trim()) rows.push([s.title, 'Commentary', commentary[s.key]!.trim()]);
    for (const f of s.figures) rows.push([s.title, f.label, f.value]);
    for (const n of s.notes) rows.push([s.title, 'Note', n]);
  }
  return formatCsv(rows);
}
