import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** `npm run bench`: every benchmark in turn. Results are tables on standard output; nothing is asserted. */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const benches = ['cmdb.ts', 'workspace.ts'].filter((b) => !only || b === `${only}.ts`);
for (const b of benches) {
  const r = spawnSync(process.execPath, [path.join(import.meta.dirname, b)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
