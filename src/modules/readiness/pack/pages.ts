import { html, type Markup, page, statusBadge } from './html.ts';
import { kindsOfClause, recordKinds } from './kinds.ts';
import type { Manifest } from './manifest.ts';
import type { ClauseReadiness, Readiness } from './readiness.ts';

/**
 * The pack's pages: `index.html`, the readiness view of the period with a section per clause group, and
 * `clauses/<n>.html`, one page per clause with its status, what its evidence rules found, and links to the
 * records filed under it. Links are relative and point only at files in the pack.
 */
export type Contents = {
  /** Per kind of `records/`: the CSV's rows, and the documents' file names (without `.pdf`). */
  csv: Map<string, number>;
  documents: Map<string, string[]>;
};

type Meta = Omit<Manifest, 'format' | 'files'>;

export const clausePath = (n: string) => `clauses/${n}.html`;
export const csvPath = (kind: string) => `records/${kind}.csv`;
export const pdfPath = (kind: string, name: string) => `records/${kind}/${name}.pdf`;

/** A readiness figure (whole per cent), or a dash where no clause applies. */
const percent = (figure: number | null) => (figure === null ? '—' : `${figure}%`);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');

const madeLine = (m: Meta) =>
  html`<p class="meta">Made ${m.madeAt.replace('T', ' ').slice(0, 16)} UTC by ${m.madeBy.name}${m.madeBy.email ? ` (${m.madeBy.email})` : ''} · pack <code>${m.pack}</code></p>`;

function recordLinks(kinds: readonly string[], c: Contents, up: string): Markup {
  const rows = kinds
    .filter((k) => c.csv.has(k) || c.documents.get(k)?.length)
    .map((k) => {
      const docs = c.documents.get(k) ?? [];
      const rowsN = c.csv.get(k);
      return html`<tr><td>${recordKinds[k]?.title ?? k}</td>
        <td>${rowsN === undefined ? '—' : html`<a href="${up}${csvPath(k)}">${k}.csv</a> (${rowsN} ${rowsN === 1 ? 'row' : 'rows'})`}</td>
        <td>${docs.length ? docs.map((d, i) => html`${i ? ', ' : ''}<a href="${up}${pdfPath(k, d)}">${d}.pdf</a>`) : '—'}</td></tr>`;
    });
  return rows.length
    ? html`<table><thead><tr><th>Records</th><th>CSV</th><th>Documents (PDF)</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p>No records of this kind are in the pack.</p>`;
}

export function indexPage(r: Readiness, c: Contents, m: Meta): string {
  const head = m.auditHead
    ? html`<p class="meta">Audit log sealed up to entry <code>${m.auditHead.id}</code> (sequence ${m.auditHead.seq}), hash <code>${m.auditHead.hash}</code>.</p>`
    : html`<p class="meta">No audit log entry was sealed when the pack was made.</p>`;
  const groups = r.groups.map((g) => {
    const clauses = r.clauses.filter((x) => x.group === g.group);
    return html`<h2 id="group-${g.group}">${g.group} ${g.title} — ${percent(g.figure)}</h2>
      <table><thead><tr><th>Clause</th><th>Status</th><th>Evidence</th></tr></thead><tbody>
      ${clauses.map(
        (
          x,
        ) => html`<tr><td><a href="${clausePath(x.number)}">${x.number} ${x.title}</a></td><td>${statusBadge(x.status)}</td>
          <td>${x.status === 'not_applicable' ? html`Not applicable: ${x.justification}` : html`<ul>${x.rules.map((rule) => html`<li>${rule.text}</li>`)}</ul>`}</td></tr>`,
      )}</tbody></table>`;
  });
  return page(
    `Evidence pack ${m.period.from} – ${m.period.to}`,
    html`<h1>Evidence pack: ${m.period.from} – ${m.period.to}</h1>
      ${madeLine(m)}${head}
      <h2>Readiness</h2>
      <p>Readiness for ISO/IEC 20000-1: <b>${percent(r.figure)}</b> of the applicable clauses evidenced (a stale clause counts half).</p>
      <table><thead><tr><th>Clause group</th><th>Readiness</th><th>Evidenced</th><th>Stale</th><th>Missing</th><th>Not applicable</th></tr></thead><tbody>
      ${r.groups.map(
        (g) =>
          html`<tr><td><a href="#group-${g.group}">${g.group} ${g.title}</a></td><td>${percent(g.figure)}</td><td>${g.evidenced}</td><td>${g.stale}</td><td>${g.missing}</td><td>${g.notApplicable}</td></tr>`,
      )}</tbody></table>
      ${groups}
      <h2>Records of the period</h2>
      ${recordLinks(Object.keys(recordKinds), c, '')}
      <h2>Checking this pack</h2>
      <p><code>manifest.json</code> lists every file of the pack with its size and SHA-256, and the audit log's head
      when the pack was made. <code>keel evidence verify</code> recomputes them and reports any file changed, added
      or removed; against the Keel that made it, it also checks that the manifest is the one Keel recorded and that
      the audit head is in its chain.</p>`,
  );
}

const ruleWords: Record<string, string> = { met: 'Met', stale: 'Stale', missing: 'Missing' };

export function clausePage(x: ClauseReadiness, c: Contents, m: Meta): string {
  return page(
    `${x.number} ${x.title}`,
    html`<p><a href="../index.html">Evidence pack ${m.period.from} – ${m.period.to}</a></p>
      <h1>${x.number} ${x.title}</h1>
      <p>${statusBadge(x.status)}</p>
      <p>${x.description}</p>
      ${x.status === 'not_applicable' ? html`<p>Marked not applicable: ${x.justification}</p>` : ''}
      <h2>Evidence rules</h2>
      ${
        x.rules.length
          ? html`<table><thead><tr><th>Rule</th><th>What Keel found</th><th>Records</th><th>Newest</th><th>Rule status</th></tr></thead><tbody>
            ${x.rules.map(
              (
                rule,
              ) => html`<tr><td>${rule.label}</td><td>${rule.text}</td><td>${rule.count}</td><td>${day(rule.newest)}</td>
                <td>${ruleWords[rule.status] ?? rule.status}${rule.notRun ? ' (Keel does not run this process)' : ''}</td></tr>`,
            )}</tbody></table>`
          : html`<p>No evidence rule is filed under this clause.</p>`
      }
      ${
        x.requirements.length
          ? html`<h2>The organisation's own requirements</h2>
            <table><thead><tr><th>Requirement</th><th>Source</th><th>How it is met</th><th>Owner</th><th>Last reviewed</th></tr></thead><tbody>
            ${x.requirements.map(
              (
                r,
              ) => html`<tr><td>${r.code} ${r.title}</td><td>${r.source}${r.reference ? html` (${r.reference})` : ''}</td>
                <td>${r.evidence}</td><td>${r.ownerName ?? '—'}</td><td>${day(r.lastReviewedAt)}${r.overdue ? ' (review overdue)' : ''}</td></tr>`,
            )}</tbody></table>`
          : ''
      }
      <h2>Records</h2>
      ${recordLinks(kindsOfClause(x.number), c, '../')}`,
  );
}
