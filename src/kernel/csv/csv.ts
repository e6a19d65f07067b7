/**
 * CSV as RFC 4180 describes it: comma-separated, fields quoted with " when they hold a comma, quote or line
 * break, quotes doubled inside. Accepts CRLF or LF line ends and a UTF-8 byte-order mark (Excel writes one).
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') endRow();
    else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i++;
    } else field += c;
  }
  if (quoted) throw new CsvError('a quoted field is not closed');
  if (field !== '' || row.length > 0) endRow();
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

export class CsvError extends Error {}

const needsQuotes = /[",\r\n]|^\s|\s$/;
/** Cells starting with these could run as formulas in a spreadsheet; a leading ' keeps them as text. */
const formula = /^[=+\-@\t\r]/;

export function formatCsv(rows: unknown[][]): string {
  return `${rows
    .map((r) =>
      r
        .map((v) => {
          let s = v === null || v === undefined ? '' : String(v);
          if (formula.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
          return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
        })
        .join(','),
    )
    .join('\r\n')}\r\n`;
}
