import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/http/pagination.ts';
import { reportFormats, reportFrequencies, reportKinds } from './policy.ts';

/** What the service reporting API takes, declared once: the routes validate it, the commands take its type. */
export const reportLanguages = ['en', 'nl', 'da'] as const;

export const scheduleBody = z.object({
  name: z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(200),
  kind: z.enum(reportKinds),
  agreementId: z.uuid().nullable().optional().describe('The agreement a service level report is about'),
  frequency: z.enum(reportFrequencies),
  formats: z
    .array(z.enum(reportFormats))
    .min(1, { error: 'choose PDF, CSV or both' })
    .max(2)
    .refine((f) => new Set(f).size === f.length, { error: 'names a format twice' }),
  recipientIds: z.array(z.uuid()).max(100).default([]).describe('People in Keel, mailed at their address'),
  recipientAddresses: z
    .array(z.email({ error: 'must be an e-mail address' }).max(254))
    .max(100)
    .default([]),
  language: z.enum(reportLanguages).default('en').describe('The language of the mail around the report'),
  active: z.boolean().default(true),
});
export const schedulePatch = z.object({
  name: scheduleBody.shape.name.optional(),
  kind: scheduleBody.shape.kind.optional(),
  agreementId: scheduleBody.shape.agreementId,
  frequency: scheduleBody.shape.frequency.optional(),
  formats: scheduleBody.shape.formats.optional(),
  recipientIds: z.array(z.uuid()).max(100).optional(),
  recipientAddresses: z
    .array(z.email({ error: 'must be an e-mail address' }).max(254))
    .max(100)
    .optional(),
  language: z.enum(reportLanguages).optional(),
  active: z.boolean().optional(),
});

export const distributionQuery = pageQuery.extend({ scheduleId: z.uuid().optional() });

export type ScheduleInput = z.infer<typeof scheduleBody>;
export type SchedulePatch = z.infer<typeof schedulePatch>;

/** What the service reporting API answers, declared once: the routes encode through it, the web reads its types. */
export const scheduleShape = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(reportKinds),
  agreementId: z.uuid().nullable(),
  agreementName: z.string().nullable(),
  frequency: z.enum(reportFrequencies),
  formats: z.array(z.enum(reportFormats)),
  recipients: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string(), active: z.boolean() })),
  recipientAddresses: z.array(z.string()),
  language: z.enum(reportLanguages),
  active: z.boolean(),
  nextRunAt: z.string().describe('When the next period’s report is sent (while active)'),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  lastSent: z.string().nullable().describe('When a report of this schedule was last sent'),
  createdAt: z.string(),
  version: z.number().int(),
  abilities: z.object({
    remove: z
      .boolean()
      .describe('The reader may remove it: they keep schedules and it has no distribution (sent or failed)'),
  }),
});
export const scheduleListShape = pageOf(scheduleShape);

export const distributionShape = z.object({
  id: z.uuid(),
  scheduleId: z.uuid(),
  scheduleName: z.string(),
  kind: z.enum(reportKinds),
  from: z.string().describe('First day of the period reported (YYYY-MM-DD)'),
  to: z.string().describe('Last day of the period reported (YYYY-MM-DD)'),
  recipients: z.array(z.string()).describe('The addresses it was sent to'),
  files: z.array(z.object({ name: z.string(), sha256: z.string(), bytes: z.number().int() })),
  status: z.enum(['sent', 'failed']).describe('sent: handed to the mail outbox for every recipient'),
  error: z.string(),
  sentAt: z.string(),
  delivery: z
    .object({ queued: z.number().int(), sent: z.number().int(), failed: z.number().int() })
    .describe('Where its mails stand in the outbox: queued, sent over SMTP, or given up'),
});
export const distributionListShape = pageOf(distributionShape);

export type ReportScheduleView = z.infer<typeof scheduleShape>;
export type ReportDistributionView = z.infer<typeof distributionShape>;
