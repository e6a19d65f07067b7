import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/kernel/config.ts';
import { openDatabase } from '../src/kernel/db/database.ts';
import { buildApp } from '../src/kernel/http/app.ts';
import { allModules } from '../src/modules/index.ts';

/**
 * Writes Keel's OpenAPI document to a file (default `.keel-test/openapi.json`) for `npm run check` to lint
 * with Redocly. Building the document needs no database: the pool is made but never connects.
 */
const out = path.resolve(process.argv[2] ?? '.keel-test/openapi.json');
const db = openDatabase('postgres://keel@127.0.0.1:1/none', { max: 1 });
const app = await buildApp({
  keel: { db, config: loadConfig({ KEEL_DATA_DIR: '.keel-test/unused', KEEL_LOG_LEVEL: 'silent' }) },
  modules: allModules,
  logger: false,
});
await app.ready();
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await db.$client.end();
