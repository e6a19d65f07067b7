import type { Principal } from '../../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../../kernel/db/database.ts';
import { isoTimestampOrNull } from '../../../../kernel/db/timestamps.ts';
import type { Period } from '../period.ts';

/** A cell of a CSV file: text, a number, a flag, or nothing (an empty cell). */
export type Cell = string | number | boolean | null;

/** One register of the period, written to `records/<kind>.csv`. */
export type Table = { kind: string; header: string[]; rows: Cell[][] };

/**
 * One document of the period, written to `records/<kind>/<name>.pdf`: its title block and its body as the
 * sanitised HTML the PDF helper reads (every value escaped by the `html` template).
 */
export type Document = {
  kind: string;
  name: string;
  title: string;
  subtitle: string;
  html: string;
  footer: string;
  language: string;
};

/** What every source is given: a read-only snapshot, the period, the pack's reader, and "now" for the pack. */
export type SourceContext = { db: Queryable; period: Period; reader: Principal; at: Date };

export type Found = { tables: Table[]; documents: Document[] };

/** An instant as the pack writes it: ISO 8601 in UTC, or nothing (as the API writes them). */
export const when = isoTimestampOrNull;
