import { z } from 'zod';
import { day, dayRange } from '../../kernel/http/params.ts';

/**
 * The agreements' API shapes, declared once: the routes validate and answer with them, the commands take
 * their inferred inputs, and the web app imports the inferred answers (through index.ts) as types.
 */

export const agreementKinds = ['sla', 'ola', 'underpinning_contract'] as const;
export const agreementStatuses = ['draft', 'active', 'expired'] as const;
export const metrics = ['response', 'resolution', 'fulfilment'] as const;

/* ---------- business calendars ---------- */

const interval = z.object({ start: z.string().max(5), end: z.string().max(5) });
const calendarFields = {
  name: z.string().trim().min(1, { error: 'is required' }).max(200),
  timeZone: z.string().min(1).max(64).describe('IANA time zone, e.g. Europe/Amsterdam'),
  week: z
    .record(z.string(), z.array(interval).max(12))
    .describe('ISO weekday 1 (Monday) to 7 → open intervals "HH:MM"'),
  holidays: z
    .array(
      z.object({
        date: z.string().max(10),
        name: z.string().max(200).optional(),
        closed: z.array(interval).max(12).optional(),
      }),
    )
    .max(1000)
    .optional(),
};

export const calendarBody = z.object(calendarFields);
export type CalendarInput = z.infer<typeof calendarBody>;

export const calendarPatch = z.strictObject({
  ...calendarFields,
  name: calendarFields.name.optional(),
  timeZone: calendarFields.timeZone.optional(),
  week: calendarFields.week.optional(),
});
export type CalendarPatch = z.infer<typeof calendarPatch>;

export const calendarShape = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  week: z.record(z.string(), z.array(interval)),
  holidays: z.array(
    z.object({ date: z.string(), name: z.string().optional(), closed: z.array(interval).optional() }),
  ),
  version: z.number().int(),
});
export type BusinessCalendar = z.infer<typeof calendarShape>;

/* ---------- agreements ---------- */

const targetShape = z.object({
  metric: z.enum(metrics),
  priority: z.number().int().min(1).max(5),
  minutes: z.number().int().min(1, { error: 'must be at least one minute' }).max(525_600),
  warnPercent: z.number().int().min(1).max(99).describe('Warn when this share of the target is used'),
});
/** A target as given: the warning share may be left out, and is then 75 %. */
const targetBody = targetShape.extend({ warnPercent: targetShape.shape.warnPercent.optional() });
const date = day;
const agreementFields = {
  name: z.string().trim().min(1, { error: 'is required' }).max(300),
  customerId: z.uuid().nullable().optional(),
  supplierCiId: z.uuid().nullable().optional(),
  internalParty: z.string().trim().max(300).nullable().optional(),
  groupId: z
    .uuid()
    .nullable()
    .optional()
    .describe("An OLA's internal group: its clocks measure the group's share of each incident it holds"),
  calendarId: z.uuid(),
  status: z.enum(agreementStatuses).optional(),
  validFrom: date.nullable().optional(),
  validTo: date.nullable().optional(),
  workloadLimits: z.string().max(20_000).optional(),
  exceptions: z.string().max(20_000).optional(),
  pauseOn: z
    .array(z.enum(['customer', 'supplier', 'change']))
    .max(3)
    .optional()
    .describe('Which pending reasons stop the clocks of items under this agreement'),
  serviceIds: z.array(z.uuid()).max(1000).optional(),
  targets: z.array(targetBody).max(60).optional(),
};

export const agreementBody = z.object({ kind: z.enum(agreementKinds), ...agreementFields });
export type AgreementInput = z.infer<typeof agreementBody>;
export type Target = z.infer<typeof targetBody>;

export const agreementPatch = z.strictObject({
  ...agreementFields,
  name: agreementFields.name.optional(),
  calendarId: agreementFields.calendarId.optional(),
});
export type AgreementPatch = z.infer<typeof agreementPatch>;

export const agreementShape = z.object({
  id: z.uuid(),
  kind: z.enum(agreementKinds),
  name: z.string(),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  supplierCiId: z.uuid().nullable(),
  supplierName: z.string().nullable(),
  internalParty: z.string().nullable(),
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  calendarId: z.uuid(),
  calendarName: z.string(),
  calendarTimeZone: z
    .string()
    .describe("The calendar's time zone: the service level report's days and months"),
  status: z.enum(agreementStatuses),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  workloadLimits: z.string(),
  exceptions: z.string(),
  pauseOn: z.array(z.string()),
  version: z.number().int(),
  services: z.array(z.object({ id: z.uuid(), name: z.string() })),
  targets: z.array(targetShape),
});
export type AgreementView = z.infer<typeof agreementShape>;

export const agreementListQuery = z.object({
  kind: z.enum(agreementKinds).optional(),
  serviceId: z.uuid().optional(),
  customerId: z.uuid().optional(),
});

/* ---------- the service level report ---------- */

export const reportQuery = dayRange;

const counted = {
  total: z.number().int(),
  met: z.number().int(),
  missed: z.number().int(),
  metPercent: z.number().nullable().describe('Met among met and missed, in %; null when none decided'),
};
export const serviceLevelReportShape = z.object({
  agreement: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(agreementKinds) }),
  from: z.string(),
  to: z.string(),
  timeZone: z.string().describe("The agreement's calendar's time zone: the report's days and months"),
  targets: z.array(
    z.object({
      metric: z.string(),
      priority: z.number().int(),
      minutes: z.number().int().nullable().describe('The target, if the agreement still sets one'),
      ...counted,
      open: z.number().int().describe('Neither met nor missed yet'),
    }),
  ),
  byServiceMonth: z.array(
    z.object({ service: z.string().nullable(), month: z.string().describe('YYYY-MM'), ...counted }),
  ),
  breaches: z.array(
    z.object({
      number: z.string(),
      title: z.string(),
      metric: z.string(),
      priority: z.number().int(),
      deadline: z.string().nullable(),
      breachedAt: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  workload: z.array(z.object({ month: z.string(), type: z.string(), count: z.number().int() })),
  workloadLimits: z.string(),
});
export type ServiceLevelReport = z.infer<typeof serviceLevelReportShape>;

/**
 * An SLA, OLA or underpinning-contract clock of a work item as its page shows it (queries/clocks.ts presentClocks):
 * its state, deadline and history. Incidents and requests answer with it.
 */
export const clockShape = z.object({
  metric: z.string(),
  scope: z.string().describe("'sla', 'ola:<group id>' or 'uc:<supplier CI id>'"),
  agreementName: z.string(),
  agreementKind: z.string(),
  state: z.string(),
  agreementId: z.uuid(),
  priority: z.number().int(),
  targetMs: z.number(),
  elapsedMs: z.number().describe('Business time used'),
  remainingMs: z.number().describe('Business time left'),
  deadline: z.string().nullable(),
  warnAt: z.string().nullable(),
  warned: z.boolean(),
  breached: z.boolean(),
  pausedFor: z.string().nullable(),
  breachReason: z.string().nullable(),
  events: z.array(z.object({ kind: z.string(), at: z.number(), reason: z.string().optional() })),
});
export type ClockView = z.infer<typeof clockShape>;
