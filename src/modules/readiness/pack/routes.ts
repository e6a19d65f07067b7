import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access } from '../../../kernel/access/policy.ts';
import { fileAnswer } from '../../../kernel/http/params.ts';
import { makeEvidencePack, personMaker } from './make.ts';
import { periodBody, periodOf } from './period.ts';
import { evidencePackMakers } from './policy.ts';

/**
 * `POST /api/v1/evidence-packs`: the evidence pack of a period, answered as the ZIP itself. A POST because it
 * records the pack (and its audit entry) as it makes it: audit work, so the internal auditor may call it.
 */
export const evidencePackRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  app.post(
    '/api/v1/evidence-packs',
    {
      config: { access: access.auditWork(...evidencePackMakers) },
      schema: {
        tags: ['readiness'],
        summary:
          'Make the evidence pack of a period: a ZIP of the readiness view, the records as CSV and PDF, and a manifest of SHA-256 hashes tied to the audit chain (internal auditors, the head of service management)',
        body: periodBody,
        produces: ['application/zip'],
        response: {
          200: fileAnswer(
            'application/zip',
            'The evidence pack: index.html, clauses/<n>.html, records/<kind>.csv, records/<kind>/<id>.pdf and manifest.json',
          ),
        },
      },
    },
    async (request, reply) => {
      const period = periodOf(request.body);
      const pack = await makeEvidencePack(db, personMaker(request.principal!), period, request.id);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="keel-evidence-${period.from}-${period.to}.zip"`)
        .header('x-keel-evidence-pack', pack.id)
        .header('x-keel-manifest-sha256', pack.manifestSha256)
        .send(Buffer.from(pack.zip.buffer, pack.zip.byteOffset, pack.zip.length));
    },
  );
};
