import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import PDFDocument from 'pdfkit';

/** DejaVu Sans covers every letter Keel's languages and documents use (æ ø å ë ≥ ≤ – …). */
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const fonts = {
  regular: join(fontDir, 'DejaVuSans.ttf'),
  bold: join(fontDir, 'DejaVuSans-Bold.ttf'),
  italic: join(fontDir, 'DejaVuSans-Oblique.ttf'),
};

export type PdfDocument = {
  title: string;
  /** A line under the title: identifier, version, state, approvals. */
  subtitle: string;
  /** Sanitised HTML as Keel stores documents: headings, paragraphs, lists, bold and italic. */
  html: string;
  /** Printed at the foot of every page with the page number. */
  footer: string;
  language: string;
};

type Run = { text: string; bold: boolean; italic: boolean };
const headingSizes: Record<string, number> = { h1: 16, h2: 13.5, h3: 12 };

/** The text runs of an inline subtree, with bold and italic as they nest. */
function runsOf(nodes: ChildNode[], bold = false, italic = false): Run[] {
  const out: Run[] = [];
  for (const n of nodes) {
    if (n.type === 'text') out.push({ text: n.data.replace(/\s+/g, ' '), bold, italic });
    else if (n.type === 'tag') {
      const el = n as Element;
      if (el.name === 'br') out.push({ text: '\n', bold, italic });
      else
        out.push(
          ...runsOf(
            el.children,
            bold || el.name === 'b' || el.name === 'strong',
            italic || el.name === 'i' || el.name === 'em',
          ),
        );
    }
  }
  return out;
}

/** Renders a stored document to PDF: a title block, the body, and a footer with page numbers on every page. */
export function htmlToPdf(doc: PdfDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 60, bottom: 70, left: 60, right: 60 },
    bufferPages: true,
    lang: doc.language,
    info: { Title: doc.title, Creator: 'Keel' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  pdf.registerFont('italic', fonts.italic);

  pdf.font('bold').fontSize(20).text(doc.title);
  pdf.font('regular').fontSize(9.5).fillColor('#555555').text(doc.subtitle).fillColor('black').moveDown(1.2);

  const write = (runs: Run[], size: number, opts: { indent?: number; bullet?: string } = {}) => {
    const clean = runs.filter((r) => r.text.length);
    if (!clean.length) return;
    pdf.fontSize(size);
    const x = pdf.page.margins.left + (opts.indent ?? 0);
    const width = pdf.page.width - pdf.page.margins.right - x;
    if (opts.bullet)
      pdf.font('regular').text(opts.bullet, x - 12, pdf.y, { continued: false, lineBreak: false });
    clean.forEach((r, i) => {
      pdf.font(r.bold ? 'bold' : r.italic ? 'italic' : 'regular');
      const text = i === 0 ? r.text.replace(/^ /, '') : r.text;
      const continued = i < clean.length - 1;
      if (i === 0) pdf.text(text, x, pdf.y, { width, continued });
      else pdf.text(text, { continued });
    });
  };

  const block = (nodes: ChildNode[], indent = 0) => {
    for (const n of nodes) {
      if (n.type === 'text') {
        if (n.data.trim()) write([{ text: n.data.trim(), bold: false, italic: false }], 10.5, { indent });
        continue;
      }
      if (n.type !== 'tag') continue;
      const el = n as Element;
      if (el.name in headingSizes) {
        pdf.moveDown(0.6);
        write(runsOf(el.children, true), headingSizes[el.name]!, { indent });
        pdf.moveDown(0.3);
      } else if (el.name === 'ul' || el.name === 'ol') {
        let i = 0;
        for (const li of el.children) {
          if (li.type !== 'tag' || (li as Element).name !== 'li') continue;
          i += 1;
          write(runsOf((li as Element).children), 10.5, {
            indent: indent + 14,
            bullet: el.name === 'ol' ? `${i}.` : '•',
          });
          pdf.moveDown(0.15);
        }
        pdf.moveDown(0.4);
      } else if (el.name === 'div' || el.name === 'section' || el.name === 'blockquote') {
        block(el.children, indent + (el.name === 'blockquote' ? 14 : 0));
      } else {
        write(runsOf(el.children), 10.5, { indent });
        pdf.moveDown(0.6);
      }
    }
  };
  block(parseDocument(doc.html).children);

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(8)
      .fillColor('#777777')
      .text(`${doc.footer} · ${i + 1}/${range.count}`, pdf.page.margins.left, pdf.page.height - 40, {
        width: pdf.page.width - pdf.page.margins.left - pdf.page.margins.right,
        align: 'center',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
