import { Typography } from '@mantine/core';

/**
 * Rich text written by people (descriptions, comments, updates). The server sanitises it with an allow-list
 * before storing it (kernel/records/html.ts), so this is the one place the web app renders stored HTML.
 */
export function SafeHtml({ html }: { html: string }) {
  return (
    <Typography>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server before it is stored */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}

/** Plain text typed in a box, as the small HTML the server keeps (the server sanitises it again). */
/** The text of HTML as a person typed it: paragraphs and line breaks back to new lines, markup dropped. */
export function htmlToPlain(html: string): string {
  if (!html) return '';
  const doc = new DOMParser().parseFromString(
    html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p>/gi, '\n\n'),
    'text/html',
  );
  return (doc.body.textContent ?? '').trim();
}

export const plainToHtml = (text: string) =>
  `<p>${text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, '<br>')}</p>`;
