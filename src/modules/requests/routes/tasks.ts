import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { setEtag } from '../../../kernel/http/etag.ts';
import { numberParam } from '../../../kernel/http/params.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { loadItem } from '../../../kernel/records/commands.ts';
import { workItemShape } from '../../../kernel/records/shapes.ts';
import { TASK } from '../commands/requests.ts';
import { presentTask } from '../queries/requests.ts';

const tags = ['requests'];

/** A fulfilment task: the work item, the request it serves and the instructions it came with. */
export const taskSchema = workItemShape.extend({
  request: z.object({ number: z.string(), title: z.string() }).nullable(),
  instructions: z.string(),
});
export type TaskView = z.infer<typeof taskSchema>;

/** Fulfilment tasks: read here; started, completed and cancelled through the work-item routes. */
export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.get(
    '/api/v1/tasks/:number',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'One fulfilment task with its request and instructions',
        params: numberParam('TASK-000042'),
        response: { 200: taskSchema },
      },
    },
    async (request, reply) => {
      const { item, def } = await loadItem(db, request.params.number, request.principal!);
      if (item.type !== TASK) throw problems.notFound(`Task ${request.params.number}`);
      setEtag(reply, item.version);
      return presentTask(db, item, def, request.principal!);
    },
  );
};
