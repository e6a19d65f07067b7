import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditRoutes } from './routes/audits.ts';
import { findingRoutes } from './routes/findings.ts';
import { programmeRoutes } from './routes/programmes.ts';

/** Internal audits (9.2): programmes, audits with their checklists and reports, findings. */
export const auditsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(programmeRoutes);
  await app.register(auditRoutes);
  await app.register(findingRoutes);
};
