import { formatCsv } from '../../kernel/csv/csv.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { htmlToPdf } from '../../kernel/documents/pdf.ts';
import type { OutgoingFile } from '../../kernel/mail/outbox.ts';
import { escapeHtml as e } from '../../kernel/records/html.ts';
import { getAgreement, metPercent, serviceLevelReport } from '../agreements/index.ts';
import { objectivesOver } from '../objectives/index.ts';
import { inputsCsv, inputsHtml, reviewPackFor } from '../reviews/index.ts';
import { daysOf } from './periods.ts';
import type { ReportFormat, ReportKind } from './policy.ts';

/**
 * Renders a scheduled report for a period as the files it is sent as (PDF and/or CSV), each from the module
 * that owns the figures: an agreement's service level report (the agreements module's, the same figures as
 * `GET /api/v1/agreements/{id}/report`), the objectives' values (the KPI pack), the management review
 * held within the period or the latest before its end (the review pack). The documents are written in English for now.
 */
export class ReportError extends Error {}

type Rendered = { title: string; html: string; csv: unknown[][] | string };
type Subject = {
  kind: ReportKind;
  name: string;
  agreementId: string | null;
  formats: readonly ReportFormat[];
};

const pct = (v: number | null) => (v === null ? '–' : `${v}%`);
const list = (items: string[], none = 'None.') =>
  items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : `<p>${none}</p>`;

async function serviceLevel(db: Queryable, agreementId: string | null, days: { from: string; to: string }) {
  const a = agreementId ? await getAgreement(db, agreementId) : null;
  if (!a) throw new ReportError('The agreement of this report no longer exists.');
  const r = await serviceLevelReport(db, a, days.from, days.to);
  const met = r.targets.reduce((n, t) => n + t.met, 0);
  const missed = r.targets.reduce((n, t) => n + t.missed, 0);
  const html = [
    `<p>Targets met over the period: <b>${pct(metPercent(met, missed))}</b> (${met} met, ${missed} missed). Days and months in ${e(r.timeZone)}.</p>`,
    '<h2>Targets</h2>',
    list(
      r.targets.map(
        (t) =>
          `<b>${e(t.metric)} P${t.priority}</b>${t.minutes ? ` (target ${t.minutes} min)` : ''}: ${t.met} met, ${t.missed} missed, ${t.open} open: ${pct(t.metPercent)}`,
      ),
    ),
    '<h2>Resolution per service and month</h2>',
    list(
      r.byServiceMonth.map(
        (s) =>
          `${e(s.month)} ${e(s.service ?? 'no service')}: ${s.met} of ${s.met + s.missed} met (${pct(s.metPercent)})`,
      ),
    ),
    '<h2>Targets missed</h2>',
    list(
      r.breaches
        .slice(0, 100)
        .map(
          (b) =>
            `${e(b.number)} ${e(b.title)}: ${e(b.metric)} P${b.priority}${b.reason ? `, ${e(b.reason)}` : ''}`,
        ),
    ),
    '<h2>Workload</h2>',
    list(r.workload.map((w) => `${e(w.month)} ${e(w.type)}: ${w.count}`)),
    r.workloadLimits ? `<p><b>Workload limits</b>: ${e(r.workloadLimits)}</p>` : '',
  ].join('');
  const csv: unknown[][] = [['section', 'subject', 'month', 'total', 'met', 'missed', 'open', 'met_percent']];
  for (const t of r.targets)
    csv.push(['target', `${t.metric} P${t.priority}`, '', t.total, t.met, t.missed, t.open, t.metPercent]);
  for (const s of r.byServiceMonth)
    csv.push(['service', s.service ?? '', s.month, s.total, s.met, s.missed, '', s.metPercent]);
  for (const w of r.workload) csv.push(['workload', w.type, w.month, w.count, '', '', '', '']);
  return { title: `Service level report: ${a.name}`, html, csv };
}

async function kpiPack(db: Queryable, period: { from: Date; to: Date }) {
  const asOf = new Date(Math.min(Date.now(), period.to.getTime() - 1));
  const objectives = await objectivesOver(db, period.from, period.to, asOf);
  const html = list(
    objectives.map(
      (o) =>
        `<b>${e(o.code)} ${e(o.title)}</b> (${o.direction === 'at_least' ? '≥' : '≤'} ${o.target} ${e(o.unit)}): ${
          o.values.map((v) => `${v.periodStart.slice(0, 7)}: ${v.value ?? 'not measured'}`).join(', ') || '–'
        }; ${e(o.status.replace('_', ' '))}`,
    ),
    'No objectives are set.',
  );
  const csv: unknown[][] = [
    ['code', 'title', 'target', 'direction', 'unit', 'period_start', 'value', 'status'],
  ];
  for (const o of objectives)
    for (const v of o.values)
      csv.push([
        o.code,
        o.title,
        o.target,
        o.direction,
        o.unit,
        v.periodStart.slice(0, 10),
        v.value,
        o.status,
      ]);
  return { title: 'KPI pack: objectives and their measurements', html, csv };
}

async function reviewPack(db: Queryable, days: { from: string; to: string }) {
  const pack = await reviewPackFor(db, days.to);
  if (!pack) throw new ReportError(`No management review was held by ${days.to}.`);
  const { review, inputs } = pack;
  const html = [
    `<p>${e(review.code)} ${e(review.title)}, meeting on ${e(review.meetingOn)} (${e(review.state)}); period ${e(inputs.period.from)} – ${e(inputs.period.to)}. ${
      inputs.frozen ? 'The inputs as they were when the review was held.' : 'The inputs as they stand today.'
    }</p>`,
    inputsHtml(inputs, inputs.commentary),
  ].join('');
  return {
    title: `Management review pack: ${review.code}`,
    html,
    csv: inputsCsv(inputs, inputs.commentary),
  };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'report';

/** The files of one report for one period, in the schedule's formats. */
export async function renderReport(
  db: Queryable,
  s: Subject,
  period: { from: Date; to: Date },
): Promise<{ title: string; files: OutgoingFile[] }> {
  const days = daysOf(period);
  const r: Rendered =
    s.kind === 'service_level'
      ? await serviceLevel(db, s.agreementId, days)
      : s.kind === 'kpi_pack'
        ? await kpiPack(db, period)
        : await reviewPack(db, days);
  const base = `${slug(s.name)}-${days.from}-${days.to}`;
  const files: OutgoingFile[] = [];
  if (s.formats.includes('pdf'))
    files.push({
      fileName: `${base}.pdf`,
      contentType: 'application/pdf',
      content: await htmlToPdf({
        title: r.title,
        subtitle: `${s.name} · ${days.from} – ${days.to}`,
        html: r.html,
        footer: `${s.name} ${days.from} – ${days.to}`,
        language: 'en',
      }),
    });
  if (s.formats.includes('csv'))
    files.push({
      fileName: `${base}.csv`,
      contentType: 'text/csv; charset=utf-8',
      content: Buffer.from(typeof r.csv === 'string' ? r.csv : formatCsv(r.csv), 'utf8'),
    });
  return { title: r.title, files };
}
