import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access } from '../access/policy.ts';
import { fileAnswer } from '../http/params.ts';
import { problems } from '../http/problem.ts';
import { mayRead, seesAllWorkItems } from '../records/visibility.ts';
import { LiveHub, type WorkItemChange } from './hub.ts';

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events: `work-item` events name the item that changed (number, type, version), so an open
 * list or item page fetches it again. Each person hears only of items they may read (records/visibility.ts).
 */
export const liveRoutes: FastifyPluginAsyncZod = async (app) => {
  const hub = new LiveHub(app.keel.db);
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
    await hub.close();
  });

  app.get(
    '/api/v1/events',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['live updates'],
        summary: 'Server-sent events: which work items changed (text/event-stream)',
        produces: ['text/event-stream'],
        response: {
          200: fileAnswer('text/event-stream', 'One work-item event per change the reader may see'),
        },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      let open = true;
      let heartbeat: NodeJS.Timeout | undefined;
      const res = reply.raw;
      const write = (c: WorkItemChange) => {
        if (!open) return;
        res.write(
          `event: work-item\ndata: ${JSON.stringify({ number: c.number, type: c.type, version: c.version })}\n\n`,
        );
      };
      // staff and auditors read every item; anyone else hears of an item only if the one rule lets them
      // read it now (asked of the database, as every other read path asks it)
      const send = (c: WorkItemChange) => {
        if (!open) return;
        if (seesAllWorkItems(who)) return write(c);
        // the rule's organisation fence, in memory: another organisation's change costs no query (with many
        // portals open, a bulk change would otherwise ask the database once per change per stream)
        if (c.customerId !== undefined && c.customerId !== (who.customerId ?? null)) return;
        mayRead(app.keel.db, who, c.id).then(
          (yes) => yes && write(c),
          () => undefined,
        );
      };
      // subscribe before answering: if PostgreSQL cannot be listened to, this is an ordinary 503 problem
      let unsubscribe: () => void = () => {};
      const end = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        res.end();
      };
      // the hub listens on a connection of its own: if it cannot, the database is away (or about to be)
      unsubscribe = await hub.subscribe(send, end).catch(() => {
        throw problems.databaseUnavailable();
      });
      reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      streams.add(end);
      request.raw.on('close', end);
      res.write(': ready\n\n');
    },
  );
};
