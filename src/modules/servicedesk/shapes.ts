import { z } from 'zod';
import { workItemShape } from '../../kernel/records/shapes.ts';
import { clockShape } from '../agreements/index.ts';

/**
 * The incident API's shapes, declared once: the routes validate and answer with them, the commands take
 * their inferred inputs, and the web imports the inferred answers as types (through index.ts).
 */

const level = z.number().int().min(1).max(3);

/** A post to a major incident's communications log. */
const majorUpdateSchema = z.object({
  id: z.number().int(),
  audience: z.enum(['internal', 'customers']),
  body: z.string(),
  author: z.string().nullable(),
  at: z.string(),
});
const reviewSchema = z.object({
  state: z.enum(['open', 'completed']),
  summary: z.string(),
  rootCause: z.string(),
  rootCauseKnown: z.boolean().nullable(),
  wentWell: z.string(),
  improvements: z.string(),
  version: z.number().int(),
  completedAt: z.string().nullable(),
});
const escalationSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  fromGroup: z.string().nullable(),
  toGroup: z.string().nullable(),
  level: z.number().int().nullable(),
  reason: z.string(),
  actor: z.string().nullable(),
  at: z.string(),
});
export const incidentSchema = workItemShape.extend({
  impact: z.number().int(),
  urgency: z.number().int(),
  priorityOverridden: z.boolean(),
  category: z.string().nullable(),
  agreementId: z.uuid().nullable(),
  pendingReason: z.string().nullable(),
  supplierCiId: z.uuid().nullable().describe('While pending on a supplier: which one'),
  resolutionCode: z.string().nullable(),
  resolutionText: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  escalationLevel: z.number().int(),
  names: z.record(z.string(), z.string().nullable()),
  cis: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      classKey: z.string(),
      source: z.enum(['manual', 'computed']),
    }),
  ),
  clocks: z.array(clockShape),
  major: z
    .object({
      ownerId: z.uuid().nullable(),
      declaredAt: z.string().nullable(),
      reason: z.string().nullable(),
      nextUpdateDue: z.string().nullable(),
      updates: z.array(majorUpdateSchema),
    })
    .nullable(),
  review: reviewSchema.nullable(),
  escalations: z.array(escalationSchema),
});
export type IncidentView = z.infer<typeof incidentSchema>;
export const text = z.string().trim().min(1, { error: 'is required' });
const fields = {
  title: text.max(300),
  description: z.string().max(100_000),
  customerId: z.uuid().nullable(),
  serviceId: z.uuid().nullable(),
  ciIds: z.array(z.uuid()).max(100),
  category: z.string().max(60).nullable(),
  impact: level,
  urgency: level,
  priority: z.number().int().min(1).max(5).nullable(),
  groupId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
};
/** Recording an incident: a customer's requester, customer, priority and assignment are left out. */
export const newIncidentBody = z
  .strictObject({ ...fields, requesterId: z.uuid() })
  .partial()
  .required({ title: true, impact: true, urgency: true });
/** Changing one: a priority of null returns to the matrix, an agreement of null to the one in force. */
export const incidentPatchBody = z.strictObject({ ...fields, agreementId: z.uuid().nullable() }).partial();
export type IncidentInput = z.infer<typeof newIncidentBody>;
export type IncidentPatch = z.infer<typeof incidentPatchBody>;

/** Escalating: functionally to another group, or hierarchically to the incident manager, with a reason. */
export const escalationBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('functional'), groupId: z.uuid(), reason: text.max(2000) }),
  z.object({ kind: z.literal('hierarchical'), reason: text.max(2000) }),
]);
export type Escalate = z.infer<typeof escalationBody>;

/** A group to assign to, with why and its people best first (by the category's skills, then open work). */
export const suggestionSchema = z.object({
  groupId: z.uuid(),
  name: z.string(),
  score: z.number().int(),
  reasons: z.array(z.enum(['service', 'category'])),
  people: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      skills: z.array(z.string()),
      openItems: z.number().int(),
      matchingSkills: z.number().int(),
    }),
  ),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

/** A supplier an incident can wait on: one with an underpinning contract in force for its service. */
export const supplierOptionSchema = z.object({ id: z.uuid(), name: z.string(), agreement: z.string() });
export type SupplierOption = z.infer<typeof supplierOptionSchema>;
