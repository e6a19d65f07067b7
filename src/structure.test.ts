import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The structure `npm run check` enforces (.dependency-cruiser.cjs, docs/architecture.md), checked on a small
 * tree made for the purpose, so a rule that stopped catching what it should is noticed, and on Keel's own.
 */
const root = path.resolve(import.meta.dirname, '..');
const config = path.join(root, '.dependency-cruiser.cjs');
const depcruise = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

function cruise(cwd: string, ...paths: string[]) {
  const r = spawnSync(process.execPath, [depcruise, ...paths, '--config', config, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const out = JSON.parse(r.stdout) as {
    summary: { violations: Array<{ rule: { name: string }; from: string; to: string; cycle?: unknown[] }> };
  };
  return out.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

const fixture = mkdtempSync(path.join(tmpdir(), 'keel-structure-'));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

function file(name: string, text: string) {
  const at = path.join(fixture, name);
  mkdirSync(path.dirname(at), { recursive: true });
  writeFileSync(at, text);
}

describe('the structure check', () => {
  it('fails on a sibling’s internals, a kernel → module import, a cycle and server code in the web', () => {
    file('tsconfig.json', '{ "compilerOptions": { "allowImportingTsExtensions": true } }');
    // a module with its face and an internal
    file('src/modules/risks/index.ts', "export { scoreRisk } from './scoring.ts';\n");
    file('src/modules/risks/scoring.ts', 'export const scoreRisk = () => 1;\n');
    file('src/modules/risks/policy.ts', "export const riskEditors = ['process_owner'];\n");
    // a sibling that goes through the face, and one that reaches past it
    file(
      'src/modules/plan/index.ts',
      "import { scoreRisk } from '../risks/index.ts';\nexport const p = scoreRisk;\n",
    );
    file(
      'src/modules/audits/index.ts',
      "import { scoreRisk } from '../risks/scoring.ts';\nexport const a = scoreRisk;\n",
    );
    // the kernel importing a module
    file(
      'src/kernel/http/app.ts',
      "import { scoreRisk } from '../../modules/risks/index.ts';\nexport const k = scoreRisk;\n",
    );
    // two files importing each other
    file(
      'src/kernel/db/tx.ts',
      "import { append } from '../audit/append.ts';\nexport const tx = () => append;\n",
    );
    file(
      'src/kernel/audit/append.ts',
      "import { tx } from '../db/tx.ts';\nexport const append = () => tx;\n",
    );
    // the web: a rule at run time is fine, a type through the face is fine, server code is not
    file(
      'src/web/risks/RisksPage.tsx',
      [
        "import { riskEditors } from '../../modules/risks/policy.ts';",
        "import type { scoreRisk } from '../../modules/risks/index.ts';",
        "import { scoreRisk as run } from '../../modules/risks/index.ts';",
        'export const page = [riskEditors, run] as unknown as typeof scoreRisk;',
        '',
      ].join('\n'),
    );
    expect(cruise(fixture, 'src')).toEqual([
      'kernel-knows-no-module: src/kernel/http/app.ts → src/modules/risks/index.ts',
      'module-internals: src/modules/audits/index.ts → src/modules/risks/scoring.ts',
      'no-cycles: src/kernel/audit/append.ts → src/kernel/db/tx.ts',
      'web-runtime-shares-rules-only: src/web/risks/RisksPage.tsx → src/modules/risks/index.ts',
    ]);
  });

  it('finds nothing wrong with Keel itself', () => {
    expect(cruise(root, 'src', 'bench', 'e2e', 'scripts')).toEqual([]);
  });
});
