import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { csvRowCounter } from '../../../kernel/csv/csv.ts';
import { readLimitedText } from '../../../kernel/http/body.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { DryRunRollback, IMPORT_MAX_ROWS, importCis, importRelationships, tooManyRows } from '../import.ts';
import { cmdbEditors } from '../policy.ts';
import { importQuery, importReportShape } from '../shapes.ts';

const tags = ['configuration management'];

function parseMapping(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    const m = JSON.parse(raw) as unknown;
    if (
      typeof m !== 'object' ||
      m === null ||
      Array.isArray(m) ||
      Object.values(m).some((v) => typeof v !== 'string')
    )
      throw new Error();
    return m as Record<string, string>;
  } catch {
    throw problems.validation([
      { field: 'querystring.mapping', message: 'must be a JSON object of column name to field name' },
    ]);
  }
}

/** CSV import of CIs and relationships; registered in its own scope, so its CSV body parser applies here only. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const { importMaxBytes } = app.keel.config;
  // read as it arrives, so a file over the size or the row limit is refused there, not after holding it all
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    (request: FastifyRequest, payload: IncomingMessage) => {
      const rows = csvRowCounter();
      return readLimitedText(request, payload, {
        maxBytes: importMaxBytes,
        tooLarge: () =>
          problems.tooLarge(`A CSV file may be at most ${importMaxBytes} bytes (KEEL_IMPORT_MAX_BYTES).`),
        inspect: (text) => {
          if (rows.add(text) > IMPORT_MAX_ROWS + 1) throw tooManyRows();
        },
      });
    },
  );
  const importRoute = (url: string, summary: string, fn: typeof importCis) =>
    app.post(
      url,
      {
        config: { access: access.roles(...cmdbEditors) },
        schema: {
          tags,
          summary,
          consumes: ['text/csv'],
          querystring: importQuery,
          body: z.string({ error: 'send the CSV file as the body with Content-Type: text/csv' }),
          response: { 200: importReportShape },
        },
      },
      async (request) => {
        const dryRun = request.query.dryRun === 'true';
        const mapping = parseMapping(request.query.mapping);
        try {
          return await runAsCaller(db, request, (ctx) => fn(ctx, request.body, { dryRun, mapping }));
        } catch (e) {
          if (e instanceof DryRunRollback) return e.report;
          throw e;
        }
      },
    );
  importRoute(
    '/api/v1/cis/import',
    'Import CIs from CSV: dry run by default; rows matched by externalId, else class and name; all rows or none',
    importCis,
  );
  importRoute(
    '/api/v1/ci-relationships/import',
    'Import relationships from CSV (sourceClass, source, type, targetClass, target); dry run by default',
    importRelationships,
  );
};
