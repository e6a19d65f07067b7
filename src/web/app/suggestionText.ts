/**
 * What a work item says, as the text suggestions are asked for (articles, known errors): its parts (a title,
 * a description as plain text — `htmlToPlain` for a stored one) joined with single spaces and cut to what the
 * API asked takes (`max`: `suggestionTextMax` of the knowledge or problems module), so a long description
 * never makes the API refuse the question and the suggestions vanish. The cut falls between words where one
 * is near; a half word or half a character pair (an emoji) is not sent.
 */
export function suggestionText(parts: readonly string[], max: number): string {
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  // a word cut in two: drop its start, unless the text has no break near the end (one very long word)
  if (text[max] !== ' ' && space >= max * 0.8) cut = cut.slice(0, space);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trim();
}
