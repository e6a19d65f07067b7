import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Access, access } from '../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { htmlToPdf } from '../../kernel/documents/pdf.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { idParam, noBodyIsEmpty } from '../../kernel/http/params.ts';
import { problems } from '../../kernel/http/problem.ts';
import {
  acknowledgePolicy,
  createPolicy,
  decidePolicy,
  newDraft,
  publishPolicy,
  remindReaders,
  saveDraft,
  submitPolicy,
  updatePolicy,
  withdrawPolicy,
} from './commands.ts';
import { policyApprovers, policyWriters } from './policy.ts';
import { changesIn, listPolicies, pendingAcknowledgements, presentPolicy } from './queries.ts';
import {
  changesShape,
  decisionBody,
  draftBody,
  noFields,
  pdfShape,
  pendingShape,
  policyBody,
  policyListShape,
  policyPatch,
  policyShape,
  versionParams,
  withdrawBody,
} from './shapes.ts';

const tags = ['policies'];

/** Policies (docs/governance.md): write, approve, publish, acknowledge, remind, review, print. */
export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const writers = access.roles(...policyWriters);
  const show = async (who: Principal, id: string, reply: FastifyReply) => {
    const p = await presentPolicy(db, who, id);
    setEtag(reply, p.version);
    return p;
  };

  /**
   * A step on one policy (`…/:id/<step>`): its body is validated like every other route's, field by field into
   * problem+json (a request without a body counts as `{}`, so a step taking no fields needs none and a step
   * taking some names each one missing); the command runs; the policy is shown.
   */
  const step = <B extends z.ZodObject>(
    path: string,
    summary: string,
    body: B,
    fn: (ctx: CommandContext, who: Principal, id: string, body: z.output<B>) => Promise<unknown>,
    who: Access = writers,
  ) =>
    app.post(
      `/api/v1/policies/:id/${path}`,
      {
        config: { access: who },
        schema: { tags, summary, params: idParam('policy'), body, response: { 200: policyShape } },
        preValidation: noBodyIsEmpty,
      },
      async (request, reply) => {
        const principal = request.principal!;
        await runAsCaller(db, request, (ctx) =>
          fn(ctx, principal, request.params.id, request.body as z.output<B>),
        );
        return show(principal, request.params.id, reply);
      },
    );

  app.get(
    '/api/v1/policies',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'Policies you may read: the state of each, its version in force, acknowledgement coverage (for overseers) and whether you have still to acknowledge it',
        querystring: z.object({ reviewDue: z.enum(['true', 'false']).optional() }),
        response: { 200: policyListShape },
      },
    },
    async (request) => ({
      items: await listPolicies(db, request.principal!, { reviewDue: request.query.reviewDue === 'true' }),
    }),
  );

  app.post(
    '/api/v1/policies',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Write a policy: its first version starts as a draft',
        body: policyBody,
        response: { 201: policyShape },
      },
    },
    async (request, reply) => {
      const p = await runAsCaller(db, request, (ctx) => createPolicy(ctx, request.principal!, request.body));
      reply.status(201);
      return show(request.principal!, p.id, reply);
    },
  );

  app.get(
    '/api/v1/policies/:id',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'One policy with the versions you may read, their decisions, coverage and your own acknowledgement',
        params: idParam('policy'),
        response: { 200: policyShape },
      },
    },
    (request, reply) => show(request.principal!, request.params.id, reply),
  );

  app.patch(
    '/api/v1/policies/:id',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: "Change a policy's owner, audience, approvers or review interval (send If-Match)",
        params: idParam('policy'),
        body: policyPatch,
        response: { 200: policyShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updatePolicy(ctx, request.principal!, request.params.id, expected, request.body),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );

  app.put(
    '/api/v1/policies/:id/draft',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Change the text of the draft version (sanitised rich text) and its change note',
        params: idParam('policy'),
        body: draftBody,
        response: { 200: policyShape },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        saveDraft(ctx, request.principal!, request.params.id, request.body),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );

  step('versions', 'Start the next version as a draft from the text in force', noFields, (ctx, who, id) =>
    newDraft(ctx, who, id),
  );
  step('submit', 'Send the draft to the approvers', noFields, (ctx, who, id) => submitPolicy(ctx, who, id));
  step(
    'decisions',
    "An approver's decision on the version in review (a rejection needs a comment)",
    decisionBody,
    (ctx, who, id, b) => decidePolicy(ctx, who, id, b),
    access.roles(...policyApprovers),
  );
  step(
    'publish',
    'Publish the approved version: its audience is notified and asked to acknowledge it',
    noFields,
    (ctx, who, id) => publishPolicy(ctx, who, id),
  );
  step('withdraw', 'Withdraw the version in force, saying why', withdrawBody, (ctx, who, id, b) =>
    withdrawPolicy(ctx, who, id, b.reason),
  );
  step(
    'reminders',
    'Remind everyone who has not yet acknowledged the version in force',
    noFields,
    (ctx, who, id) => remindReaders(ctx, who, id),
  );
  step(
    'acknowledgement',
    'Confirm that you have read the version in force',
    noFields,
    (ctx, who, id) => acknowledgePolicy(ctx, who, id),
    access.self(),
  );

  app.get(
    '/api/v1/policies/:id/versions/:number/changes',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'What changed in a version against the one before it, word by word',
        params: versionParams,
        response: { 200: changesShape },
      },
    },
    (request) => changesIn(db, request.principal!, request.params.id, request.params.number),
  );

  app.get(
    '/api/v1/policies/:id/versions/:number/pdf',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'A version of a policy or of the plan as PDF, with its state and approvals, for those who may read it',
        params: versionParams,
        produces: ['application/pdf'],
        // a PDF document: sent as it is, never through the JSON serializer
        response: { 200: pdfShape },
      },
    },
    async (request, reply) => {
      const p = await presentPolicy(db, request.principal!, request.params.id);
      const v = p.versions.find((x) => x.number === request.params.number);
      if (!v) throw problems.notFound(`Version ${request.params.number} of ${p.identifier}`);
      const approvals = v.decisions
        .filter((d) => d.approved)
        .map((d) => `${d.decider} (${d.role}) ${d.at?.slice(0, 10) ?? ''}`);
      const subtitle = [
        `${p.identifier} · v${v.number} · ${v.state}`,
        v.publishedAt ? `published ${v.publishedAt.slice(0, 10)}` : null,
        approvals.length ? `approved by ${approvals.join(', ')}` : null,
        p.owner.name ? `owner ${p.owner.name}` : null,
      ]
        .filter(Boolean)
        .join(' · ');
      const pdf = await htmlToPdf({
        title: p.title,
        subtitle,
        html: v.body,
        footer: `${p.identifier} v${v.number}`,
        language: p.language,
      });
      reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${p.identifier}-v${v.number}.pdf"`);
      // the PDF's bytes are sent as they are: the answer's schema describes them, it does not serialise them
      return reply.send(pdf as unknown as string);
    },
  );

  app.get(
    '/api/v1/acknowledgements',
    {
      config: { access: access.self() },
      schema: {
        tags,
        summary: 'The published policies you have still to read and acknowledge',
        response: { 200: pendingShape },
      },
    },
    async (request) => ({ items: await pendingAcknowledgements(db, request.principal!) }),
  );
};
