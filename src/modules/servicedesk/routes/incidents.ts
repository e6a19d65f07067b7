import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { numberParam } from '../../../kernel/http/params.ts';
import { loadItem } from '../../../kernel/records/commands.ts';
import { fireTypedTransition } from '../../../kernel/records/routes.ts';
import { workItemShape } from '../../../kernel/records/shapes.ts';
import { explainBreach, suppliersFor } from '../../agreements/index.ts';
import { escalate, suggestAssignment } from '../assignment.ts';
import { createIncident, INCIDENT, updateIncident } from '../incidents.ts';
import { incidentStates, pendingReasons, resolutionCodes } from '../lifecycle.ts';
import { addChild, declareMajor, postMajorUpdate, updateReview } from '../major.ts';
import {
  breachExplainers,
  incidentRecorders,
  majorIncidentDeclarers,
  majorIncidentReviewers,
  workers,
} from '../policy.ts';
import { presentIncident } from '../queries.ts';

const tags = ['incidents'];
const incidentNumber = numberParam('INC-000042');
const level = z.number().int().min(1).max(3);
const clockSchema = z.object({
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
  clocks: z.array(clockSchema),
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
const text = z.string().trim().min(1, { error: 'is required' });
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

export const incidentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.post(
    '/api/v1/incidents',
    {
      config: { access: access.roles(...incidentRecorders) },
      schema: {
        tags,
        summary:
          'Record an incident (priority from impact × urgency unless given; clocks from the SLA in force)',
        description:
          'Customers record for themselves: requester, customer, priority and assignment are theirs to leave out.',
        body: newIncidentBody,
        response: { 201: incidentSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const item = await runAsCaller(db, request, (ctx) => createIncident(ctx, who, request.body));
      const result = await presentIncident(db, item.number, who);
      setEtag(reply, result.version);
      return reply.status(201).header('location', `/api/v1/incidents/${item.number}`).send(result);
    },
  );

  app.get(
    '/api/v1/incidents/:number',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'One incident with its clocks (metric, state, deadline, elapsed and remaining business time)',
        params: incidentNumber,
        response: { 200: incidentSchema },
      },
    },
    async (request, reply) => {
      const result = await presentIncident(db, request.params.number, request.principal!);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.patch(
    '/api/v1/incidents/:number',
    {
      config: { access: access.roles(...workers) },
      schema: {
        tags,
        summary:
          'Change an incident (send If-Match); priority null returns to the matrix, agreementId re-targets the clocks',
        params: incidentNumber,
        body: incidentPatchBody,
        response: { 200: incidentSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateIncident(ctx, who, request.params.number, expected, request.body),
      );
      const result = await presentIncident(db, request.params.number, who);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.post(
    '/api/v1/incidents/:number/transitions',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'Move an incident to another state (send If-Match); 409 when the lifecycle does not lead there',
        description: `States: ${incidentStates.join(', ')}. pending needs pendingReason (${pendingReasons.join(', ')}), and waiting on a supplier may name it (supplierCiId; the only supplier under contract for the service otherwise); resolved needs resolutionCode (${resolutionCodes.join(', ')}) and resolutionText; reopening (to in_progress from resolved or closed) and cancelling need a reason; assigned needs groupId or assigneeId.`,
        params: incidentNumber,
        body: z.looseObject({
          to: z.enum(incidentStates),
          pendingReason: z.string().optional(),
          supplierCiId: z.uuid().optional(),
          resolutionCode: z.string().optional(),
          resolutionText: z.string().max(20_000).optional(),
          reason: z.string().max(2000).optional(),
          groupId: z.uuid().optional(),
          assigneeId: z.uuid().optional(),
        }),
        response: { 200: incidentSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      await fireTypedTransition(db, request, { type: INCIDENT, noun: 'Incident' });
      const result = await presentIncident(db, request.params.number, who);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.post(
    '/api/v1/incidents/:number/escalations',
    {
      config: { access: access.roles(...workers) },
      schema: {
        tags,
        summary: 'Escalate: functionally to another group, or hierarchically to the incident manager',
        params: incidentNumber,
        body: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('functional'), groupId: z.uuid(), reason: text.max(2000) }),
          z.object({ kind: z.literal('hierarchical'), reason: text.max(2000) }),
        ]),
        response: { 200: incidentSchema },
      },
    },
    async (request) => {
      const who = request.principal!;
      await runAsCaller(db, request, (ctx) => escalate(ctx, who, request.params.number, request.body));
      return presentIncident(db, request.params.number, who);
    },
  );

  app.get(
    '/api/v1/incidents/assignment-suggestions',
    {
      config: { access: access.roles(...workers) },
      schema: {
        tags,
        summary: 'Groups and people to assign to, by service, category, skills and open workload',
        querystring: z.object({ serviceId: z.uuid().optional(), category: z.string().max(60).optional() }),
        response: { 200: z.object({ items: z.array(z.unknown()) }) },
      },
    },
    async (request) => ({ items: await suggestAssignment(db, request.query) }),
  );

  app.get(
    '/api/v1/incidents/supplier-options',
    {
      config: { access: access.roles(...workers) },
      schema: {
        tags,
        summary:
          'Suppliers an incident on a service can wait on: those with an underpinning contract in force for it',
        querystring: z.object({ serviceId: z.uuid() }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.uuid(), name: z.string(), agreement: z.string() })),
          }),
        },
      },
    },
    async (request) => ({ items: await suppliersFor(db, request.query.serviceId) }),
  );

  app.put(
    '/api/v1/incidents/:number/major',
    {
      config: { access: access.roles(...majorIncidentDeclarers) },
      schema: {
        tags,
        summary: 'Declare a major incident with its owner (or name another owner)',
        params: incidentNumber,
        body: z.object({ ownerId: z.uuid(), reason: text.max(2000) }),
        response: { 200: incidentSchema },
      },
    },
    async (request) => {
      const who = request.principal!;
      await runAsCaller(db, request, (ctx) => declareMajor(ctx, who, request.params.number, request.body));
      return presentIncident(db, request.params.number, who);
    },
  );

  app.post(
    '/api/v1/incidents/:number/major/updates',
    {
      config: { access: access.roles(...workers) },
      schema: {
        tags,
        summary: "Post to a major incident's communications log (internal, or for customers too)",
        params: incidentNumber,
        body: z.object({ audience: z.enum(['internal', 'customers']), body: text.max(20_000) }),
        response: {
          201: z.object({
            id: z.number().int(),
            workItemId: z.uuid(),
            audience: z.enum(['internal', 'customers']),
            body: z.string(),
            authorId: z.uuid().nullable(),
            at: z.date(),
          }),
        },
      },
    },
    async (request, reply) => {
      const u = await runAsCaller(db, request, (ctx) =>
        postMajorUpdate(ctx, request.principal!, request.params.number, request.body),
      );
      return reply.status(201).send(u);
    },
  );

  app.post(
    '/api/v1/incidents/:number/children',
    {
      config: { access: access.roles(...workers) },
      schema: {
        tags,
        summary: 'Link an incident as a child of this major incident',
        params: incidentNumber,
        body: z.object({ number: z.string().min(1).max(60) }),
        response: { 201: z.object({ id: z.uuid(), kind: z.string(), from: z.string(), to: z.string() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await runAsCaller(db, request, (ctx) =>
            addChild(ctx, request.principal!, request.params.number, request.body.number),
          ),
        ),
  );

  app.patch(
    '/api/v1/incidents/:number/review',
    {
      config: { access: access.roles(...majorIncidentReviewers) },
      schema: {
        tags,
        summary:
          'Write or complete the post-incident review of a major incident (send If-Match with its version)',
        params: incidentNumber,
        body: z.strictObject({
          summary: z.string().max(20_000).optional(),
          rootCause: z.string().max(20_000).optional(),
          wentWell: z.string().max(20_000).optional(),
          improvements: z.string().max(20_000).optional(),
          complete: z.boolean().optional(),
        }),
        response: { 200: incidentSchema },
      },
    },
    async (request) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateReview(ctx, who, request.params.number, expected, request.body),
      );
      return presentIncident(db, request.params.number, who);
    },
  );

  app.put(
    '/api/v1/incidents/:number/clocks/:metric/breach-reason',
    {
      config: { access: access.roles(...breachExplainers) },
      schema: {
        tags,
        summary: 'Say why a missed target was missed (shown in the service level report)',
        params: incidentNumber.extend({ metric: z.enum(['response', 'resolution']) }),
        body: z.object({
          reason: text.max(2000),
          scope: z
            .string()
            .regex(
              /^(sla|ola:[0-9a-f-]{36}|uc:[0-9a-f-]{36})$/,
              'must be sla, ola:<group id> or uc:<supplier id>',
            )
            .default('sla')
            .describe("Whose clock: 'sla' (default), 'ola:<group id>' or 'uc:<supplier CI id>'"),
        }),
        response: { 200: incidentSchema },
      },
    },
    async (request) => {
      const who = request.principal!;
      await runAsCaller(db, request, async (ctx) => {
        const { item } = await loadItem(ctx.tx, request.params.number, who);
        await explainBreach(ctx, item.id, request.params.metric, request.body.reason, request.body.scope);
      });
      return presentIncident(db, request.params.number, who);
    },
  );
};
