import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { articleRoutes } from './routes/articles.ts';
import { articleFileRoutes } from './routes/files.ts';
import { knowledgeUseRoutes } from './routes/use.ts';

/** Knowledge (docs/knowledge.md): articles, their versions and review, search, suggestions, feedback, links. */
export const knowledgeRoutes: FastifyPluginAsyncZod = async (app) => {
  // suggestions and deflections first: their paths would otherwise read as an article's id
  await app.register(knowledgeUseRoutes);
  await app.register(articleRoutes);
  await app.register(articleFileRoutes);
};
