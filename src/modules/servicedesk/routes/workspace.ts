import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { commaList } from '../../../kernel/http/params.ts';
import { type FieldError, Problem } from '../../../kernel/http/problem.ts';
import { fireTransition, loadItem } from '../../../kernel/records/commands.ts';
import { updateIncident } from '../commands/incidents.ts';
import { incidentStates } from '../lifecycle.ts';
import { workers } from '../policy.ts';
import {
  listWorkItems,
  queueCounts,
  queues,
  SEARCH_CANDIDATES,
  SEARCH_DEPTH,
  searchWorkItems,
  sorts,
} from '../queries/workspace.ts';

const tags = ['work items'];
const person = z.union([z.literal('me'), z.literal('none'), z.uuid()]);
const ref = z.object({ id: z.uuid(), name: z.string() }).nullable();
const rowSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  final: z.boolean(),
  priority: z.number().int().nullable(),
  major: z.boolean(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  requester: ref,
  assignee: ref,
  group: ref,
  customer: ref,
  service: ref,
  clocks: z.array(
    z.object({
      metric: z.string(),
      scope: z.string(),
      state: z.string(),
      remainingMs: z.number(),
      deadline: z.string().nullable(),
      pausedFor: z.string().nullable(),
      breached: z.boolean(),
      warned: z.boolean(),
    }),
  ),
});

/** One search result: where the words matched, marked. */
const searchHitSchema = z.object({
  number: z.string(),
  type: z.string(),
  title: z.string(),
  state: z.string(),
  priority: z.number().nullable(),
  rank: z.number(),
  titleHighlight: z.string(),
  snippet: z.string(),
  matchedIn: z.enum(['item', 'comment']),
  updatedAt: z.string(),
});
export type WorkItemRow = z.infer<typeof rowSchema>;
export type SearchHit = z.infer<typeof searchHitSchema>;

export const workspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.get(
    '/api/v1/work-items',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Work items: queues, filters on any queue field, sort, cursor pagination',
        description:
          'Customers see the items they requested. queue presets: mine, groups, unassigned, breaching (due within 2 hours or overdue), major, open, all. Lists are comma-separated.',
        querystring: z.object({
          queue: z.enum(queues).optional(),
          type: commaList(z.string().max(40)).optional(),
          state: commaList(z.string().max(40)).optional(),
          open: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          priority: commaList(z.string().regex(/^[1-9]$/, { error: 'must be 1–9' }))
            .transform((a) => a.map(Number))
            .optional(),
          assignee: person.optional(),
          group: z.union([z.literal('mine'), z.literal('none'), z.uuid()]).optional(),
          customer: z.uuid().optional(),
          service: z.uuid().optional(),
          requester: z.union([z.literal('me'), z.uuid()]).optional(),
          major: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          dueWithin: z.coerce.number().int().min(0).max(525_600).optional(),
          q: z.string().max(200).optional(),
          sort: z.enum(Object.keys(sorts) as [keyof typeof sorts]).optional(),
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ items: z.array(rowSchema), nextCursor: z.string().nullable(), sort: z.string() }),
        },
      },
    },
    async (request) => listWorkItems(db, request.principal!, request.query),
  );

  app.get(
    '/api/v1/work-items/queues',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'How many items each queue holds for you',
        querystring: z.object({ type: commaList(z.string().max(40)).optional() }),
        response: { 200: z.record(z.string(), z.number().int()) },
      },
    },
    async (request) => queueCounts(db, request.principal!, request.query.type),
  );

  app.get(
    '/api/v1/search',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Full-text search over work items and their comments: ranked, with highlighted fragments',
        description: `Searches number, title, description and the comments the caller may read (internal ones only for staff and auditors). English, Dutch and Danish stemming where the text language is known, simple matching otherwise; every word must match one of its stems. Fragments mark matches with U+0001 (start) and U+0002 (end); matchedIn says whether the snippet comes from the item or from a comment. The ${SEARCH_CANDIDATES} most recently changed matching items and the ${SEARCH_CANDIDATES} newest matching comments are ranked; more words find older items. Results therefore end at ${SEARCH_DEPTH} items; offset goes no further.`,
        querystring: z.object({
          q: z.string().trim().min(1, { error: 'is required' }).max(200),
          type: commaList(z.string().max(40)).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
          offset: z.coerce.number().int().min(0).max(SEARCH_DEPTH).default(0),
        }),
        response: {
          200: z.object({
            items: z.array(searchHitSchema),
          }),
        },
      },
    },
    async (request) => ({ items: await searchWorkItems(db, request.principal!, request.query) }),
  );

  app.post(
    '/api/v1/work-items/bulk',
    {
      config: { access: access.roles(...workers) },
      schema: {
        tags,
        summary: 'Change many incidents at once: all of them or none',
        description:
          'Each item is changed as by PATCH and, if "to" is given, moved as by its transitions route. Any refusal stops the whole batch; its errors are named items.<index>.<field>.',
        body: z.strictObject({
          numbers: z.array(z.string().min(1).max(60)).min(1).max(200),
          set: z
            .strictObject({
              groupId: z.uuid().nullable(),
              assigneeId: z.uuid().nullable(),
              impact: z.number().int().min(1).max(3),
              urgency: z.number().int().min(1).max(3),
              category: z.string().max(60).nullable(),
            })
            .partial()
            .default({}),
          to: z.enum(incidentStates).optional(),
          input: z.record(z.string(), z.unknown()).default({}),
        }),
        response: { 200: z.object({ changed: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const who = request.principal!;
      const { numbers, set, to, input } = request.body;
      const changed = await runAsCaller(db, request, async (ctx) => {
        const done: string[] = [];
        for (const [i, n] of numbers.entries()) {
          try {
            const { item } = await loadItem(ctx.tx, n, who, true);
            // the change may itself move the item (a first group assigns it): compare with where it is now
            const now = Object.keys(set).length
              ? await updateIncident(ctx, who, item.number, item.version, set)
              : item;
            if (to && to !== now.state)
              await fireTransition(ctx, who, item.number, now.version, { to }, input);
            done.push(item.number);
          } catch (e) {
            if (!(e instanceof Problem)) throw e;
            const errors: FieldError[] = e.errors?.length
              ? e.errors.map((x) => ({ field: `items.${i}.${x.field}`, message: x.message }))
              : [{ field: `items.${i}`, message: e.message }];
            throw new Problem(e.status, e.title, `${n}: ${e.message} Nothing was changed.`, {
              type: e.type,
              errors,
            });
          }
        }
        return done;
      });
      return { changed };
    },
  );
};
