import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { numberParam } from '../../../kernel/http/params.ts';
import { loadItem } from '../../../kernel/records/commands.ts';
import { fireTypedTransition } from '../../../kernel/records/routes.ts';
import { explainBreach, suppliersFor } from '../../agreements/index.ts';
import { escalate, suggestAssignment } from '../commands/assignment.ts';
import { createIncident, INCIDENT, updateIncident } from '../commands/incidents.ts';
import { incidentStates, pendingReasons, resolutionCodes } from '../lifecycle.ts';
import { breachExplainers, incidentRecorders, workers } from '../policy.ts';
import { presentIncident } from '../queries/incident.ts';

import {
  escalationBody,
  incidentPatchBody,
  incidentSchema,
  newIncidentBody,
  suggestionSchema,
  supplierOptionSchema,
  text,
} from '../shapes.ts';

const tags = ['incidents'];
const incidentNumber = numberParam('INC-000042');

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
        body: escalationBody,
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
        response: { 200: z.object({ items: z.array(suggestionSchema) }) },
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
            items: z.array(supplierOptionSchema),
          }),
        },
      },
    },
    async (request) => ({ items: await suppliersFor(db, request.query.serviceId) }),
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
