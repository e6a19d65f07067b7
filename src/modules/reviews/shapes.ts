import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/http/pagination.ts';
import { day } from '../../kernel/http/params.ts';
import { reviewInputKeys, reviewStates } from './lifecycle.ts';

/** What the management review API takes, declared once: the routes validate it, the commands take its type. */
const text = (max: number) => z.string().trim().max(max);
const required = (max: number) =>
  z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(max);

/** The preparer's words on each input, by the input's key; an empty text removes the comment. */
export const commentaryBody = z.strictObject(
  Object.fromEntries(reviewInputKeys.map((k) => [k, text(5000).optional()])) as Record<
    (typeof reviewInputKeys)[number],
    z.ZodOptional<z.ZodString>
  >,
);

export const reviewBody = z.object({
  title: required(200),
  periodFrom: day.describe('First day of the period the review looks back on'),
  periodTo: day.describe('Last day of the period'),
  meetingOn: day.describe('The day of the meeting'),
  location: text(200).optional(),
  chairId: z.uuid().nullable().optional().describe('Who chairs it: a member of top management'),
});
export const reviewPatch = reviewBody.partial().extend({ commentary: commentaryBody.optional() });

export const minutesBody = z.object({ minutes: required(50_000) });
export const reasonBody = z.object({ reason: required(2000) });

export const attendeesBody = z.object({
  attendees: z
    .array(
      z.object({
        userId: z.uuid(),
        attended: z
          .boolean()
          .nullable()
          .optional()
          .describe('Whether they came; only once the review is held (before that, an invitation)'),
      }),
    )
    .max(100),
});

export const decisionTopics = ['improvement', 'change', 'resources', 'other'] as const;
export const decisionBody = z.object({
  text: required(5000),
  topic: z.enum(decisionTopics).default('other'),
});

export const actionBody = z.object({
  title: required(300),
  responsibleId: z.uuid().nullable().optional(),
  due: day.nullable().optional(),
  decisionId: z.uuid().nullable().optional().describe('The decision it carries out'),
});
export const actionPatch = z.object({
  done: z.boolean(),
  note: text(2000).optional().describe('What was done (kept with the action)'),
});

export const scheduleBody = z.object({
  everyMonths: z.number().int().min(1, { error: 'must be 1–36' }).max(36, { error: 'must be 1–36' }),
  remindDays: z.number().int().min(0, { error: 'must be 0–90' }).max(90, { error: 'must be 0–90' }),
});

export const reviewListQuery = pageQuery.extend({ state: z.enum(reviewStates).optional() });
export const actionListQuery = pageQuery.extend({
  open: z.enum(['true', 'false']).optional().describe('true: open actions only; false: done ones only'),
});

export type ReviewInput = z.infer<typeof reviewBody>;
export type ReviewPatch = z.infer<typeof reviewPatch>;
export type Commentary = z.infer<typeof commentaryBody>;
export type AttendeesInput = z.infer<typeof attendeesBody>;
export type DecisionInput = z.infer<typeof decisionBody>;
export type ReviewActionInput = z.infer<typeof actionBody>;
export type ReviewActionPatch = z.infer<typeof actionPatch>;
export type ScheduleInput = z.infer<typeof scheduleBody>;

/** What the management review API answers, declared once: the routes encode through it, the web reads its types. */
const person = z.object({ id: z.uuid(), name: z.string() });
const link = z.string().describe('Where the record lives in the web app');

export const reviewSummaryShape = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  periodFrom: z.string().describe('YYYY-MM-DD'),
  periodTo: z.string().describe('YYYY-MM-DD'),
  meetingOn: z.string().describe('YYYY-MM-DD'),
  location: z.string(),
  chair: person.nullable(),
  state: z.enum(reviewStates),
  openActions: z.number().int(),
  version: z.number().int(),
});
export const reviewListShape = pageOf(reviewSummaryShape);

export const reviewActionShape = z.object({
  id: z.uuid(),
  reviewId: z.uuid(),
  reviewCode: z.string(),
  decisionId: z.uuid().nullable(),
  title: z.string(),
  responsible: person.nullable(),
  due: z.string().nullable().describe('YYYY-MM-DD'),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  doneNote: z.string(),
  overdue: z.boolean().describe('Open and past its due day (UTC)'),
  link,
});
export const reviewActionListShape = pageOf(reviewActionShape);

export const reviewShape = reviewSummaryShape.extend({
  commentary: z.record(z.string(), z.string()).describe("The preparer's words per input key"),
  preparedBy: person.nullable(),
  preparedAt: z.string().nullable(),
  heldAt: z.string().nullable(),
  inputsFrozen: z.boolean().describe('Whether the inputs were frozen when the review was held'),
  minutes: z.string(),
  approvedBy: person.nullable(),
  approvedAt: z.string().nullable(),
  cancelReason: z.string(),
  remindedAt: z.string().nullable(),
  createdAt: z.string(),
  attendees: z.array(z.object({ id: z.uuid(), name: z.string(), attended: z.boolean().nullable() })),
  decisions: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      text: z.string(),
      topic: z.enum(decisionTopics),
      createdBy: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  actions: z.array(reviewActionShape),
  transitions: z
    .array(z.enum(['prepare', 'hold', 'approve', 'cancel']))
    .describe('The steps you may take now, by reviews/policy.ts and the lifecycle'),
  abilities: z
    .object({
      edit: z.boolean().describe('Change the plan and comment the inputs (the preparer, before it is held)'),
      attend: z.boolean().describe('Record invitations and attendance (top management)'),
      decide: z.boolean().describe('Record decisions and actions (top management, while held)'),
    })
    .describe('What you may do with it now'),
});

export const scheduleShape = scheduleBody.extend({
  setBy: z.uuid().nullable(),
  setAt: z.string().nullable(),
  version: z.number().int().describe('0 until someone sets a schedule of its own'),
  lastHeld: z
    .object({ id: z.uuid(), code: z.string(), meetingOn: z.string() })
    .nullable()
    .describe('The latest review held'),
  nextDue: z.string().nullable().describe('When the next review is due by the schedule (YYYY-MM-DD)'),
  overdue: z.boolean().describe('No review held within the interval, or none held at all'),
  nextPlanned: z.object({ id: z.uuid(), code: z.string(), meetingOn: z.string() }).nullable(),
});

export type ReviewSummary = z.infer<typeof reviewSummaryShape>;
export type ReviewView = z.infer<typeof reviewShape>;
export type ReviewActionView = z.infer<typeof reviewActionShape>;
export type ReviewSchedule = z.infer<typeof scheduleShape>;
