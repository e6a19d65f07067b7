import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Builds the web app into dist/web. With --if-stale it builds only when a source file is newer than the
 * last build, so `npm start` stays quick after the first time.
 */
const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/web/index.html');

function newest(dir: string): number {
  let m = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    m = Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return m;
}

const sources = Math.max(
  newest(path.join(root, 'src/web')),
  statSync(path.join(root, 'vite.config.ts')).mtimeMs,
);
if (process.argv.includes('--if-stale') && existsSync(out) && statSync(out).mtimeMs >= sources)
  process.exit(0);
console.log('building the web app…');
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    path.join(root, 'vite.config.ts'),
    '--logLevel',
    'warn',
  ],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
