/**
 * HTML for the pack's pages, written so that nothing from a record can become markup: every value put into
 * a `html` template is escaped unless it is itself made by `html` (a `Markup`). The pages use no script, no
 * remote file and only relative links, so a pack reads the same from a USB stick years later.
 */
export class Markup {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => entities[c]!);

type Value = Markup | string | number | boolean | null | undefined | readonly Value[];

const render = (v: Value): string =>
  v instanceof Markup
    ? v.text
    : Array.isArray(v)
      ? v.map(render).join('')
      : v === null || v === undefined || v === false
        ? ''
        : escapeHtml(String(v));

export function html(parts: TemplateStringsArray, ...values: Value[]): Markup {
  let out = parts[0]!;
  values.forEach((v, i) => {
    out += render(v) + parts[i + 1]!;
  });
  return new Markup(out);
}

/** Plain text as paragraphs, line breaks kept. */
export const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p.split('\n').map((line, i) => (i ? html`<br>${line}` : html`${line}`))}</p>`);

const style = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;max-width:64rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d5d9e0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e4e7ec;vertical-align:top}
th{background:#f4f5f7}.meta{color:#5b6475}.status{font-weight:600;white-space:nowrap}
.evidenced{color:#1b7a3a}.stale{color:#a15c00}.missing{color:#b42318}.not_applicable{color:#5b6475}
code{font-size:.9em;word-break:break-all}`;

/** A whole page with its title; the style is inside it, so the page needs no other file. */
export function page(title: string, body: Markup): string {
  return `<!doctype html>\n${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${new Markup(style)}</style></head><body>${body}</body></html>`}\n`;
}

export const statusWords: Record<string, string> = {
  evidenced: 'Evidenced',
  stale: 'Stale',
  missing: 'Missing',
  not_applicable: 'Not applicable',
};

export const statusBadge = (status: string) =>
  html`<span class="status ${status}">${statusWords[status] ?? status}</span>`;
