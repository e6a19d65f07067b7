import { z } from 'zod';

/**
 * The route parameters and query shapes every module uses, declared once: a record's id, a work item's
 * number, calendar days and periods, comma-separated lists, and a field-history page. Modules extend them rather than copy them.
 */

/** `/:id` of a record kept by its UUID; `what` names it in the error ("must be a risk id (UUID)"). */
export const idParam = (what = 'record') =>
  z.object({ id: z.uuid({ error: `must be a ${what} id (UUID)` }) });

/** `/:number` of a work item, e.g. INC-000042; `example` shows the reader which. */
export const numberParam = (example = 'INC-000042') =>
  z.object({ number: z.string().min(1).max(60).describe(`Work item number, e.g. ${example}`) });

/**
 * A query parameter given as one comma-separated text (`state=new,assigned`) or repeated
 * (`state=new&state=assigned`), read as a list of `inner`; blanks and spaces around items are dropped.
 */
export const commaList = <T extends z.ZodType>(inner: T, max = 50) =>
  z.preprocess((v) => {
    const given = Array.isArray(v) ? v : typeof v === 'string' ? [v] : null;
    if (!given) return v;
    return given
      .flatMap((s) => String(s).split(','))
      .map((s) => s.trim())
      .filter(Boolean);
  }, z.array(inner).max(max));

/**
 * The calendar days Keel computes with. A day's reckoning moves past it (the day after the last one of a
 * report, a month or a review interval on), so the last day leaves a year to spare within four-digit years,
 * where dates stay `YYYY-MM-DD` and every time zone is known; the first is where zone rules begin to be
 * recorded. A day outside them is a field error rather than a 500 deep in a computation.
 */
export const firstDay = '1900-01-01';
export const lastDay = '9998-12-31';

/** A calendar day, `YYYY-MM-DD`, within `firstDay` and `lastDay`. */
export const day = z.iso
  .date({ error: 'must be a date (YYYY-MM-DD)' })
  .refine((d) => d >= firstDay && d <= lastDay, { error: `must be a date from ${firstDay} to ${lastDay}` });

/** A period of days in a query, both ends inclusive: `from=2026-01-01&to=2026-03-31`. */
export const dayRange = z
  .object({
    from: day.describe(`First day, YYYY-MM-DD (${firstDay} to ${lastDay})`),
    to: day.describe(`Last day, YYYY-MM-DD (${firstDay} to ${lastDay})`),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], error: 'must not be before from' });

/** One entry of a record's field history, as every history endpoint answers it. */
export const fieldChange = z.object({
  id: z.number(),
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  actorName: z.string().nullable(),
  at: z.string(),
});

/** A history answer: its entries, newest first, with what a record type adds to each. */
export const historyOf = <T extends z.ZodRawShape>(extra: T) =>
  z.object({ items: z.array(fieldChange.extend(extra)) });

/**
 * The answer of a route that sends a file or a stream rather than JSON (an attachment, a PDF, a CSV, server-
 * sent events): declared like every answer, so the route walk and the API description know it. Fastify sends
 * bytes and streams as they are; the schema only describes them.
 */
export const fileAnswer = (mediaType: string, what: string) =>
  z
    .custom<Buffer | string>((v) => typeof v === 'string' || Buffer.isBuffer(v))
    .meta({ type: 'string', format: 'binary', description: `${what}, as ${mediaType}` });

/**
 * The body of an upload sent as multipart/form-data with the file in the field `file`: declared for the API
 * description only, since @fastify/multipart reads the parts in the handler (the body itself is not parsed).
 */
export const multipartFile = (what: string) =>
  z
    .custom<unknown>(() => true)
    .meta({
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: what } },
    });

export type FieldChange = z.infer<typeof fieldChange>;

/**
 * A route hook for actions whose body is optional (a decision's note, a step with nothing to say): a request
 * sent without a body is validated as an empty object, so its schema's defaults and field errors apply.
 */
export const noBodyIsEmpty = async (request: { body: unknown }) => {
  request.body ??= {};
};
