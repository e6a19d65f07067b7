import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { setEtag } from '../../../kernel/http/etag.ts';
import { numberParam } from '../../../kernel/http/params.ts';
import { fireTypedTransition } from '../../../kernel/records/routes.ts';
import { requestStates } from '../lifecycle.ts';
import { requestOrderers } from '../policy.ts';
import { readableRequest } from '../queries.ts';
import { createRequest, decideApproval, pendingApprovalsOf, REQUEST } from '../requests.ts';

const tags = ['requests'];
const params = numberParam('REQ-000042');

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
      schema: { tags, summary: 'The approvals waiting for you: yours by name or by a role you hold' },
    },
    async (request) => ({ items: await pendingApprovalsOf(db, request.principal!) }),
  );
};
