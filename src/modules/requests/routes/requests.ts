import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { setEtag } from '../../../kernel/http/etag.ts';
import { numberParam } from '../../../kernel/http/params.ts';
import { fireTypedTransition } from '../../../kernel/records/routes.ts';
import { workItemShape } from '../../../kernel/records/shapes.ts';
import { clockShape } from '../../agreements/index.ts';
import { createRequest, decideApproval, REQUEST } from '../commands/requests.ts';
import { fieldTypes } from '../form.ts';
import { requestStates } from '../lifecycle.ts';
import { requestOrderers } from '../policy.ts';
import { pendingApprovalsOf, readableRequest } from '../queries/requests.ts';

const tags = ['requests'];
const params = numberParam('REQ-000042');

const instant = z.string().nullable();

const approvalSchema = z.object({
  id: z.number().int(),
  kind: z.string().describe('manager, service_owner, role or person: how the item names the approver'),
  userId: z.uuid().nullable().describe('The person it falls to; null when anyone holding the role decides'),
  approver: z.string().nullable(),
  role: z.string().nullable(),
  decision: z.string().describe('pending, approved, rejected or not_needed'),
  decidedBy: z.string().nullable(),
  decidedAt: instant,
  comment: z.string(),
  mine: z.boolean().describe('Whether it waits for the reader’s decision'),
});

/** A request as its page shows it: the work item, what was ordered and answered, approvals, tasks, clocks. */
export const requestSchema = workItemShape.extend({
  catalogueItem: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  answers: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: z.enum(fieldTypes),
      value: z.unknown().describe('As stored: text, number, a list of options, or a person’s or CI’s id'),
      shown: z.string().describe('As the reader reads it: option labels, names of people and CIs'),
    }),
  ),
  approvalMode: z.string().describe('none, all or any'),
  approvals: z.array(approvalSchema),
  tasks: z.array(
    z.object({
      number: z.string(),
      title: z.string(),
      state: z.string(),
      group: z.string().nullable(),
      assignee: z.string().nullable().describe('Staff only'),
      instructions: z.string().describe('Staff only'),
    }),
  ),
  fulfilledAt: instant,
  closedAt: instant,
  clocks: z.array(clockShape),
  rating: z.object({ score: z.number(), comment: z.string(), ratedAt: z.string() }).nullable(),
});

/** An approval waiting for the reader, as the approvals inbox lists it. */
export const pendingApprovalSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  requester: z.string().nullable(),
  kind: z.string(),
  createdAt: z.string(),
});

export type RequestView = z.infer<typeof requestSchema>;
export type RequestApproval = z.infer<typeof approvalSchema>;
export type PendingApproval = z.infer<typeof pendingApprovalSchema>;
export type RequestClock = z.infer<typeof clockShape>;

export const newRequestBody = z.object({
  catalogueItemId: z.uuid(),
  answers: z.record(z.string(), z.unknown()).default({}),
  requesterId: z.uuid().optional().describe('Staff may order for someone else'),
  note: z.string().max(20_000).optional(),
});
export const approvalDecisionBody = z.object({
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().max(2000).optional(),
});
export type NewRequest = z.infer<typeof newRequestBody>;
export type ApprovalDecision = z.infer<typeof approvalDecisionBody>;

/** Service requests (docs/requests.md): order, read, confirm or cancel, and approve. */
export const requestRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.post(
    '/api/v1/requests',
    {
      config: { access: access.roles(...requestOrderers) },
      schema: {
        tags,
        summary: 'Order a catalogue item with the answers to its form; 201 with the request number',
        body: newRequestBody,
        response: { 201: requestSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const item = await runAsCaller(db, request, (ctx) => createRequest(ctx, who, request.body));
      const shown = await readableRequest(db, item.number, who);
      setEtag(reply, shown.version);
      return reply.status(201).send(shown);
    },
  );

  app.get(
    '/api/v1/requests/:number',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'One request with its answers, approvals, tasks and fulfilment clock',
        params,
        response: { 200: requestSchema },
      },
    },
    async (request, reply) => {
      const shown = await readableRequest(db, request.params.number, request.principal!);
      setEtag(reply, shown.version);
      return shown;
    },
  );

  app.post(
    '/api/v1/requests/:number/transitions',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'Close (confirm), refuse a fulfilment, cancel, or fulfil a request without tasks (send If-Match)',
        params,
        body: z.object({ to: z.enum(requestStates), reason: z.string().max(2000).optional() }),
        response: { 200: requestSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      await fireTypedTransition(db, request, { type: REQUEST, noun: 'Request' });
      const shown = await readableRequest(db, request.params.number, who);
      setEtag(reply, shown.version);
      return shown;
    },
  );

  app.post(
    '/api/v1/requests/:number/approvals/:id',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Approve or reject (with a reason) an approval that falls to you',
        params: params.extend({ id: z.coerce.number().int().positive() }),
        body: approvalDecisionBody,
        response: { 200: requestSchema },
      },
    },
    async (request) => {
      const who = request.principal!;
      await runAsCaller(db, request, (ctx) =>
        decideApproval(ctx, who, request.params.number, request.params.id, request.body),
      );
      return readableRequest(db, request.params.number, who);
    },
  );

  app.get(
    '/api/v1/approvals',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'The approvals waiting for you: yours by name or by a role you hold',
        response: { 200: z.object({ items: z.array(pendingApprovalSchema) }) },
      },
    },
    async (request) => ({ items: await pendingApprovalsOf(db, request.principal!) }),
  );
};
