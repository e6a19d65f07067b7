import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm test`: the whole suite. Unit and API tests on the embedded PostgreSQL; again on the server at
 * KEEL_TEST_DATABASE_URL when that is set; then the browser journeys in Debian's Chromium.
 */
const root = path.resolve(import.meta.dirname, '..');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const chromium = process.env.KEEL_CHROMIUM ?? '/usr/bin/chromium';
mkdirSync(path.join(root, 'test-results'), { recursive: true });

type Summary = { passed: number; failed: number; skipped: number };
const total: Summary = { passed: 0, failed: 0, skipped: 0 };
/** Failed tests by run, printed again at the very end: CI keeps only the tail of the output. */
const failures: string[] = [];
let failedRun = false;

function vitestRun(name: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n=== ${name} ===`);
  const report = path.join(root, 'test-results', `${name.replace(/\W+/g, '-')}.json`);
  const r = spawnSync(
    process.execPath,
    [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    },
  );
  if (r.status !== 0) failedRun = true;
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      testResults?: {
        name: string;
        message?: string;
        assertionResults?: { status: string; fullName: string }[];
      }[];
    };
    total.passed += j.numPassedTests;
    total.failed += j.numFailedTests;
    total.skipped += j.numPendingTests + j.numTodoTests;
    for (const file of j.testResults ?? []) {
      const where = path.relative(root, file.name);
      const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
      for (const a of failed) failures.push(`${name}: ${where} > ${a.fullName}`);
      if (failed.length === 0 && file.message)
        failures.push(`${name}: ${where}: ${file.message.split('\n')[0]}`);
    }
  }
}

vitestRun('unit and API tests (embedded PostgreSQL)', []);
if (process.env.KEEL_TEST_DATABASE_URL) {
  vitestRun('unit and API tests (KEEL_TEST_DATABASE_URL)', [], { KEEL_TEST_TARGET: 'url' });
}
if (existsSync(chromium)) {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-web.ts'), '--if-stale'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) failedRun = true;
  vitestRun('browser journeys (Chromium)', ['--config', 'vitest.e2e.config.ts']);
} else {
  console.log(
    `\nBrowser journeys not run: no Chromium at ${chromium} (apt-get install chromium, or set KEEL_CHROMIUM).`,
  );
  if (process.env.CI) failedRun = true;
}

if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(
  `\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(failedRun || total.failed > 0 ? 1 : 0);
