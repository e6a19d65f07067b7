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

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Counts the rows parseCsv would read, piece by piece as a file arrives, without keeping it: an import can
 * refuse a file with too many rows at the row that crosses the limit, instead of after reading it all.
 * `add` takes the next piece of text and answers the rows so far; `end` answers the total.
 */
export function csvRowCounter() {
  let rows = 0;
  let quoted = false;
  let fieldEmpty = true;
  let rowHasComma = false;
  let first = true;
  // a piece may end between the two characters of "" (inside quotes) or of CRLF
  let pendingQuote = false;
  let pendingCr = false;
  const endRow = () => {
    if (rowHasComma || !fieldEmpty) rows++;
    fieldEmpty = true;
    rowHasComma = false;
  };
  const add = (text: string) => {
    let i = 0;
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (pendingQuote && text.length > i) {
      pendingQuote = false;
      if (text.charCodeAt(i) === QUOTE) {
        fieldEmpty = false;
        i++;
      } else quoted = false;
    }
    if (pendingCr && text.length > i) {
      pendingCr = false;
      if (text.charCodeAt(i) === LF) {
        endRow();
        i++;
      } else fieldEmpty = false;
    }
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (quoted) {
        if (c !== QUOTE) fieldEmpty = false;
        else if (i + 1 === text.length) pendingQuote = true;
        else if (text.charCodeAt(i + 1) === QUOTE) {
          fieldEmpty = false;
          i++;
        } else quoted = false;
      } else if (c === QUOTE && fieldEmpty) quoted = true;
      else if (c === COMMA) {
        rowHasComma = true;
        fieldEmpty = true;
      } else if (c === LF) endRow();
      else if (c === CR) {
        if (i + 1 === text.length) pendingCr = true;
        else if (text.charCodeAt(i + 1) === LF) {
          endRow();
          i++;
        } else fieldEmpty = false;
      } else fieldEmpty = false;
    }
    return rows;
  };
  const end = () => {
    if (pendingQuote) quoted = false;
    if (pendingCr) fieldEmpty = false;
    pendingQuote = pendingCr = false;
    if (rowHasComma || !fieldEmpty) rows++;
    rowHasComma = false;
    fieldEmpty = true;
    return rows;
  };
  return { add, end };
}

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
