import { plainText } from '../../kernel/records/html.ts';

export type Change = { op: 'same' | 'added' | 'removed'; text: string };

/** A document's words, with a paragraph break as a token of its own so paragraphs survive the diff. */
export function tokens(html: string): string[] {
  const paragraphs = html
    .split(/<\/(?:p|li|h\d|tr|blockquote|pre)>|<br\s*\/?>/i)
    .map((p) => plainText(p, Number.POSITIVE_INFINITY))
    .filter(Boolean);
  return paragraphs.flatMap((p, i) => [...(i ? ['\n'] : []), ...p.split(' ')]);
}

/** Beyond this many cells the word table is not worth it: whole paragraphs are compared instead. */
const MAX_CELLS = 4_000_000;

/**
 * What changed from one version's text to the next, word by word (a longest common subsequence), with runs
 * of one kind joined. Reading the `same` and `removed` parts gives the old text, `same` and `added` the new.
 */
export function diffWords(before: string[], after: string[]): Change[] {
  if (before.length * after.length > MAX_CELLS) return diffParagraphs(before, after);
  return join(lcs(before, after));
}

function lcs(a: string[], b: string[]): Change[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const table = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i * w + j] =
        a[i] === b[j]
          ? table[(i + 1) * w + j + 1]! + 1
          : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
  const out: Change[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) out.push({ op: 'removed', text: a[i++]! });
    else out.push({ op: 'added', text: b[j++]! });
  }
  while (i < n) out.push({ op: 'removed', text: a[i++]! });
  while (j < m) out.push({ op: 'added', text: b[j++]! });
  return out;
}

function diffParagraphs(before: string[], after: string[]): Change[] {
  // each paragraph carries its own break, so each side's breaks come back with its paragraphs
  const paras = (t: string[]) => {
    const out: string[][] = [[]];
    for (const w of t) {
      out.at(-1)!.push(w);
      if (w === '\n') out.push([]);
    }
    return out.filter((p) => p.length).map((p) => p.join(' '));
  };
  return join(
    lcs(paras(before), paras(after)).flatMap((c) => c.text.split(' ').map((text) => ({ op: c.op, text }))),
  );
}

/** Adjacent changes of one kind as one run of words. */
function join(changes: Change[]): Change[] {
  const out: Change[] = [];
  for (const c of changes) {
    const last = out.at(-1);
    if (last && last.op === c.op) last.text = `${last.text} ${c.text}`;
    else out.push({ ...c });
  }
  return out;
}
