/** A policy's text as typed: paragraphs separated by blank lines, line breaks kept. */
export const paragraphsToHtml = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, '<br>')}</p>`)
    .join('');

/** Stored (sanitised) HTML back as typed text, for editing a draft. */
export function htmlToParagraphs(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('br').forEach((br) => {
    br.replaceWith('\n');
  });
  const blocks = [...doc.body.children];
  if (blocks.length === 0) return doc.body.textContent ?? '';
  return blocks.map((b) => (b.textContent ?? '').trim()).join('\n\n');
}
