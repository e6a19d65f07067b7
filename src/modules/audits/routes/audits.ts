import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { fileAnswer, idParam, noBodyIsEmpty } from '../../../kernel/http/params.ts';
import { type AuditStep, createAudit, type StepInput, stepAudit, updateAudit } from '../commands/audits.ts';
import {
  addChecklistItem,
  removeChecklistItem,
  reorderChecklist,
  updateChecklistItem,
} from '../commands/checklist.ts';
import { auditPerformers, auditPlanners, auditReaders } from '../policy.ts';
import { checklistOf, listAudits, presentAudit } from '../queries/audits.ts';
import { reportPdf } from '../report.ts';
import {
  auditBody,
  auditDetailShape,
  auditListQuery,
  auditListShape,
  auditPatch,
  cancelBody,
  checklistAddBody,
  checklistItemShape,
  checklistOrderBody,
  checklistPatch,
  checklistShape,
  noteBody,
  reportBody,
} from '../shapes.ts';

const tags = ['audits'];
const id = idParam('audit');
const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });

/** Audits (9.2): planned with scope and team, performed with the checklist, reported and approved, printed. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...auditReaders);
  const planners = access.auditWork(...auditPlanners);
  // performing an audit is open to whoever is on its team: the audit decides, the route admits the provider
  const team = access.auditWork(...auditPerformers);
  const show = async (who: Principal, auditId: string, reply: FastifyReply) => {
    const a = await presentAudit(db, who, auditId);
    setEtag(reply, a.version);
    return a;
  };

  app.get(
    '/api/v1/audits',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Audits by planned start; narrowed by programme, state and a window of days',
        querystring: auditListQuery,
        response: { 200: auditListShape },
      },
    },
    (request) => listAudits(db, request.query),
  );

  app.post(
    '/api/v1/audits',
    {
      config: { access: planners },
      schema: {
        tags,
        summary:
          'Plan an audit: its checklist is generated from the clause register; nobody audits a process they own or are Responsible for (422)',
        body: auditBody,
        response: { 201: auditDetailShape },
      },
    },
    async (request, reply) => {
      const a = await runAsCaller(db, request, (ctx) => createAudit(ctx, request.principal!, request.body));
      reply.status(201);
      return show(request.principal!, a.id, reply);
    },
  );

  app.get(
    '/api/v1/audits/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One audit with its team, checklist and findings',
        params: id,
        response: { 200: auditDetailShape },
      },
    },
    (request, reply) => show(request.principal!, request.params.id, reply),
  );

  app.patch(
    '/api/v1/audits/:id',
    {
      config: { access: team },
      schema: {
        tags,
        summary:
          'Change an audit’s plan (its planners or lead auditor) or its report’s text (its team) (send If-Match)',
        params: id,
        body: auditPatch,
        response: { 200: auditDetailShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateAudit(ctx, request.principal!, request.params.id, expected, request.body),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );

  const steps: Array<[AuditStep, string, z.ZodObject]> = [
    ['start', 'Start the audit (its team)', noteBody],
    [
      'report',
      'Hand the report in for approval: summary, conclusion, every question answered (lead auditor)',
      reportBody,
    ],
    ['reopen', 'Send a report back to work (its lead auditor, or whoever approves it)', noteBody],
    [
      'approve',
      'Approve the report (top management or the programme’s owner, never one of its auditors)',
      noteBody,
    ],
    ['cancel', 'Cancel an audit not yet reported, with the reason', cancelBody],
  ];
  for (const [step, summary, body] of steps)
    app.post(
      `/api/v1/audits/:id/${step}`,
      {
        config: { access: team },
        schema: { tags, summary, params: id, body, response: { 200: auditDetailShape } },
        preValidation: noBodyIsEmpty,
      },
      async (request, reply) => {
        await runAsCaller(db, request, (ctx) =>
          stepAudit(ctx, request.principal!, request.params.id, step, request.body as StepInput),
        );
        return show(request.principal!, request.params.id, reply);
      },
    );

  app.post(
    '/api/v1/audits/:id/checklist',
    {
      config: { access: team },
      schema: {
        tags,
        summary: 'Add a question to the checklist (its team; the planners before it starts)',
        params: id,
        body: checklistAddBody,
        response: { 201: checklistShape },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        addChecklistItem(ctx, request.principal!, request.params.id, request.body),
      );
      return reply.status(201).send({ items: await checklistOf(db, request.params.id) });
    },
  );

  app.put(
    '/api/v1/audits/:id/checklist/order',
    {
      config: { access: team },
      schema: {
        tags,
        summary: 'Put the checklist in a new order (name every item once)',
        params: id,
        body: checklistOrderBody,
        response: { 200: checklistShape },
      },
    },
    async (request) => {
      await runAsCaller(db, request, (ctx) =>
        reorderChecklist(ctx, request.principal!, request.params.id, request.body.itemIds),
      );
      return { items: await checklistOf(db, request.params.id) };
    },
  );

  app.patch(
    '/api/v1/audits/:id/checklist/:itemId',
    {
      config: { access: team },
      schema: {
        tags,
        summary:
          'Change a question, or answer it with conformity, observation, finding or not applicable, notes and evidence (send If-Match with the item’s version)',
        params: itemParams,
        body: checklistPatch,
        response: { 200: checklistItemShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const { id: auditId, itemId } = request.params;
      await runAsCaller(db, request, (ctx) =>
        updateChecklistItem(ctx, request.principal!, auditId, itemId, expected, request.body),
      );
      const item = (await checklistOf(db, auditId)).find((i) => i.id === itemId)!;
      setEtag(reply, item.version);
      return item;
    },
  );

  app.delete(
    '/api/v1/audits/:id/checklist/:itemId',
    {
      config: { access: team },
      schema: {
        tags,
        summary: 'Remove a question no finding came from',
        params: itemParams,
        response: { 200: checklistShape },
      },
    },
    async (request) => {
      const { id: auditId, itemId } = request.params;
      await runAsCaller(db, request, (ctx) => removeChecklistItem(ctx, request.principal!, auditId, itemId));
      return { items: await checklistOf(db, auditId) };
    },
  );

  app.get(
    '/api/v1/audits/:id/report.pdf',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'The audit report as PDF: scope, team, checklist answers, findings, summary, conclusion, approval',
        params: id,
        produces: ['application/pdf'],
        response: { 200: fileAnswer('application/pdf', 'The audit report') },
      },
    },
    async (request, reply) => {
      const a = await presentAudit(db, request.principal!, request.params.id);
      const pdf = await reportPdf(a, request.principal!.language);
      reply.type('application/pdf').header('content-disposition', `attachment; filename="${a.code}.pdf"`);
      // the PDF's bytes are sent as they are: the answer's schema describes them, it does not serialise them
      return reply.send(pdf);
    },
  );
};
