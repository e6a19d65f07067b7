import { z } from 'zod';

/**
 * The shapes every work item answers with, declared once: each type's route extends workItemShape with its
 * own fields, and the web imports the inferred types instead of writing them again.
 */

/** `/:ref` of a work item: its id or its number. */
export const workItemRef = z.object({
  ref: z.string().min(1).max(60).describe('Work-item id (UUID) or number, e.g. INC-000042'),
});

/** What the reader may do with the item (kernel/records/queries.ts abilitiesOn, from the type's rules). */
export const workItemAbilities = z.object({
  edit: z.boolean(),
  comment: z.boolean(),
  commentInternal: z.boolean(),
  attach: z.boolean(),
  link: z.boolean(),
});

/** A step the reader may take now, and the inputs it requires. */
export const transitionShape = z.object({ name: z.string(), to: z.string(), requires: z.array(z.string()) });

export const workItemShape = z.object({
  id: z.uuid(),
  type: z.string(),
  number: z.string(),
  title: z.string(),
  description: z.string(),
  state: z.string(),
  final: z.boolean(),
  priority: z.number().int().nullable(),
  requesterId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  groupId: z.uuid().nullable(),
  customerId: z.uuid().nullable(),
  serviceId: z.uuid().nullable(),
  language: z.string().nullable(),
  dueAt: z.string().nullable().describe('Earliest deadline of the running SLA clocks'),
  major: z.boolean(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  abilities: workItemAbilities,
  transitions: z.array(transitionShape),
});

/** A comment on a work item. */
export const commentSchema = z.object({
  id: z.uuid(),
  workItemId: z.uuid(),
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable().optional(),
  body: z.string(),
  internal: z.boolean(),
  createdAt: z.string(),
});
/** A file attached to a work item (its bytes are downloaded apart). */
export const attachmentSchema = z.object({
  id: z.uuid(),
  workItemId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.uuid().nullable(),
  createdAt: z.string(),
});
/** A link between two work items, by number. */
export const linkSchema = z.object({ id: z.uuid(), kind: z.string(), from: z.string(), to: z.string() });

/** A link as an item lists it: which way it points from this item. */
export const linkRowSchema = linkSchema.extend({ direction: z.enum(['outgoing', 'incoming']) });
/** The requester's rating of a finished item. */
export const ratingSchema = z.object({ score: z.number(), comment: z.string(), ratedAt: z.string() });

export type WorkItemAbilities = z.infer<typeof workItemAbilities>;
export type WorkItemView = z.infer<typeof workItemShape>;
export type Comment = z.infer<typeof commentSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type LinkRow = z.infer<typeof linkRowSchema>;
export type Rating = z.infer<typeof ratingSchema>;
