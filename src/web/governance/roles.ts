import type { Gap } from './data.ts';

/** Helpers of the role catalogue's pages (their answers' types are in data.ts). */

/** Lines typed one per row, as a list (blank lines dropped). */
export const toLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Where a gap's record lives. */
export const gapLink = (g: Gap) => ('roleId' in g ? `/roles/${g.roleId}` : '/processes');
