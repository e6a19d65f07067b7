import { z } from 'zod';
import { problems } from './problem.ts';

/** One way to page lists: limit and offset, with the total so a screen can show "1–50 of 1,234". */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });

/**
 * Cursor paging for long lists (CIs, later work items): the cursor names the last row's sort value and id,
 * so the next page is an index range scan however deep the reader goes, and rows added meanwhile do not
 * shift it.
 */
export const cursorQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional().describe('The nextCursor of the previous page'),
});

export type Cursor = { v: string | number | null; id: string };

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    const okValue = c?.v === null || typeof c?.v === 'string' || typeof c?.v === 'number';
    if (typeof c !== 'object' || c === null || typeof c.id !== 'string' || !okValue)
      throw new Error('bad cursor');
    if (!/^[0-9a-f-]{36}$/i.test(c.id)) throw new Error('bad cursor');
    return c;
  } catch {
    throw problems.validation([
      { field: 'querystring.cursor', message: 'is not a cursor this list gave out' },
    ]);
  }
}

/**
 * A cursor whose sort value is a point in time (a list ordered by when its rows were recorded): a cursor
 * naming anything else was not given out by such a list, and is the same field error as a malformed one.
 */
export function decodeTimeCursor(raw: string | undefined): { v: string; id: string } | null {
  const c = decodeCursor(raw);
  if (c && (typeof c.v !== 'string' || Number.isNaN(Date.parse(c.v))))
    throw problems.validation([
      { field: 'querystring.cursor', message: 'is not a cursor this list gave out' },
    ]);
  return c as { v: string; id: string } | null;
}

export const cursorPageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
