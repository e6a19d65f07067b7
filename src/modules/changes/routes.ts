import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { cursorQuery } from '../../kernel/http/pagination.ts';
import { commaList, numberParam } from '../../kernel/http/params.ts';
import { problems } from '../../kernel/http/problem.ts';
import { loadItem } from '../../kernel/records/commands.ts';
import { fireTypedTransition } from '../../kernel/records/routes.ts';
import { workItemShape } from '../../kernel/records/shapes.ts';
import { CHANGE, createChange, updateChange } from './commands.ts';
import { changeKinds, changeOutcomes, changeRisks, changeStates } from './lifecycle.ts';
import { changeAuthority, changeReaders, changeRecorders } from './policy.ts';
import { listChanges, presentChange } from './queries.ts';

const tags = ['changes'];
const params = numberParam('CHG-000042');
const moment = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).nullable();
const plan = {
  title: z.string().trim().min(1, { error: 'is required' }).max(300),
  description: z.string().max(100_000),
  kind: z.enum(changeKinds),
  risk: z.enum(changeRisks),
  reason: z.string().max(20_000),
  implementationPlan: z.string().max(50_000),
  backoutPlan: z.string().max(50_000),
  plannedStart: moment,
  plannedEnd: moment,
  serviceId: z.uuid().nullable(),
  ciIds: z.array(z.uuid()).max(200),
  groupId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
};
const person = z.object({ id: z.uuid(), name: z.string().nullable() });
const instant = z.string().nullable();

/** A change as its page shows it: the work item, its plan, approval, outcome and the names it refers to. */
export const changeSchema = workItemShape.extend({
  kind: z.enum(changeKinds),
  risk: z.enum(changeRisks),
  reason: z.string(),
  implementationPlan: z.string(),
  backoutPlan: z.string(),
  plannedStart: instant,
  plannedEnd: instant,
  approvedBy: person.nullable(),
  approvedAt: instant,
  implementedAt: instant,
  outcome: z.enum(changeOutcomes).nullable(),
  outcomeNote: z.string(),
  closedAt: instant,
  serviceName: z.string().nullable(),
  requesterName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  groupName: z.string().nullable(),
  cis: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

/** One row of the change log. */
export const changeRowSchema = changeSchema.pick({
  id: true,
  number: true,
  title: true,
  state: true,
  final: true,
  kind: true,
  risk: true,
  plannedStart: true,
  plannedEnd: true,
  outcome: true,
  serviceName: true,
  assigneeName: true,
  createdAt: true,
});

export const newChangeBody = z.strictObject(plan).partial().required({ title: true, kind: true, risk: true });
export const changePatchBody = z.strictObject(plan).partial();
export type NewChange = z.infer<typeof newChangeBody>;
export type ChangePatch = z.infer<typeof changePatchBody>;
export type ChangeView = z.infer<typeof changeSchema>;
export type ChangeRow = z.infer<typeof changeRowSchema>;

async function present(db: Queryable, number: string, who: Principal) {
  const { item, def } = await loadItem(db, number, who);
  if (item.type !== CHANGE) throw problems.notFound(`Change ${number}`);
  return presentChange(db, item, def, who);
}

/** Change management (docs/changes.md): record, plan, approve, implement, review. */
export const changeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const recorders = access.roles(...changeRecorders);

  app.get(
    '/api/v1/changes',
    {
      config: { access: access.roles(...changeReaders) },
      schema: {
        tags,
        summary:
          'Changes, newest first, a page at a time (everyone inside the provider reads the change log)',
        querystring: cursorQuery.extend({
          state: commaList(z.enum(changeStates))
            .optional()
            .describe(`Comma-separated states: ${changeStates.join(', ')}`),
          kind: commaList(z.enum(changeKinds))
            .optional()
            .describe(`Comma-separated kinds: ${changeKinds.join(', ')}`),
          open: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          serviceId: z.uuid().optional(),
        }),
        response: { 200: z.object({ items: z.array(changeRowSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => listChanges(db, request.principal!, request.query),
  );

  app.post(
    '/api/v1/changes',
    {
      config: { access: recorders },
      schema: {
        tags,
        summary: 'Record a change (a request for change); it starts in state new',
        body: newChangeBody,
        response: { 201: changeSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const item = await runAsCaller(db, request, (ctx) => createChange(ctx, who, request.body));
      const result = await present(db, item.number, who);
      setEtag(reply, result.version);
      return reply.status(201).header('location', `/api/v1/changes/${item.number}`).send(result);
    },
  );

  app.get(
    '/api/v1/changes/:number',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'One change with its plan, approval, outcome and the transitions you may fire now',
        params,
        response: { 200: changeSchema },
      },
    },
    async (request, reply) => {
      const result = await present(db, request.params.number, request.principal!);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.patch(
    '/api/v1/changes/:number',
    {
      config: { access: recorders },
      schema: {
        tags,
        summary: 'Change fields (send If-Match); the plan, service and CIs only while new or in assessment',
        params,
        body: changePatchBody,
        response: { 200: changeSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateChange(ctx, who, request.params.number, expected, request.body),
      );
      const result = await present(db, request.params.number, who);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.post(
    '/api/v1/changes/:number/transitions',
    {
      config: { access: recorders },
      schema: {
        tags,
        summary: 'Move a change to another state (send If-Match); 409 when the lifecycle does not lead there',
        description: `States: ${changeStates.join(', ')}. Approving a normal or emergency change needs the change authority (${changeAuthority.join(', ')}) and a planned window, implementation plan and backout plan; rejecting and cancelling need a reason; review (completing) needs an outcome (${changeOutcomes.join(', ')}) and may carry an outcomeNote.`,
        params,
        body: z.looseObject({
          to: z.enum(changeStates),
          reason: z.string().max(2000).optional(),
          note: z.string().max(20_000).optional(),
          outcome: z.string().max(40).optional(),
          outcomeNote: z.string().max(20_000).optional(),
        }),
        response: { 200: changeSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      await fireTypedTransition(db, request, { type: CHANGE, noun: 'Change' });
      const result = await present(db, request.params.number, who);
      setEtag(reply, result.version);
      return result;
    },
  );
};
