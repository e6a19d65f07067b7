import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * deploy/ cannot be run in CI (no systemd, no Docker daemon), so these read the files: both start the same
 * entry point, with node itself as the process that gets SIGTERM, and what they name exists.
 */
const root = path.resolve(import.meta.dirname, '..');
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');
const unit = read('deploy/keel.service');
const dockerfile = read('deploy/Dockerfile');
const setting = (key: string) =>
  unit
    .split('\n')
    .filter((l) => l.startsWith(`${key}=`))
    .map((l) => l.slice(key.length + 1));

describe('deploy/keel.service', () => {
  it('runs node from node_modules on the CLI entry point directly, not through npm or a shell', () => {
    const [exec] = setting('ExecStart');
    const [dir] = setting('WorkingDirectory');
    const [bin, script, command] = exec!.split(/\s+/);
    expect(command).toBe('serve');
    // the unit names the installed location; the same relative paths must exist in this repository
    const rel = (p: string) => path.relative(dir!, p);
    expect(rel(bin!)).toBe('node_modules/.bin/node');
    expect(existsSync(path.join(root, rel(bin!)))).toBe(true);
    expect(existsSync(path.join(root, rel(script!)))).toBe(true);
    expect(rel(script!)).toBe('src/cli/keel.ts');
  });

  it('restarts on failure, runs as its own user, stops Keel alone first and is hardened', () => {
    expect(setting('Restart')).toEqual(['on-failure']);
    expect(setting('User')).toEqual(['keel']);
    expect(setting('KillMode')).toEqual(['mixed']);
    expect(setting('EnvironmentFile')[0]).toMatch(/keel\.env$/);
    expect(setting('NoNewPrivileges')).toEqual(['yes']);
    expect(setting('ProtectSystem')).toEqual(['strict']);
    expect(setting('PrivateTmp')).toEqual(['yes']);
    const [data] = setting('Environment').filter((e) => e.startsWith('KEEL_DATA_DIR='));
    expect(setting('ReadWritePaths')).toEqual([data!.split('=')[1]]);
  });
});

describe('deploy/Dockerfile', () => {
  const lines = dockerfile.split('\n');
  const last = (instr: string) => lines.filter((l) => l.startsWith(`${instr} `)).at(-1)!;

  it('runs the same entry point as the unit, in exec form with node as the process', () => {
    const cmd = JSON.parse(last('CMD').slice(4)) as string[];
    const exec = setting('ExecStart')[0]!.split(/\s+/);
    expect(cmd[0]).toBe('node');
    expect(cmd.slice(1)).toEqual([path.relative(setting('WorkingDirectory')[0]!, exec[1]!), exec[2]]);
    expect(existsSync(path.join(root, cmd[1]!))).toBe(true);
  });

  it('runs as a user of its own, checks /healthz, keeps the data folder in a volume', () => {
    expect(last('USER')).toBe('USER keel');
    expect(dockerfile).toMatch(/HEALTHCHECK [^\n]*\\\n[^\n]*\/healthz/);
    const dataDir = /KEEL_DATA_DIR=(\S+)/.exec(dockerfile)![1];
    expect(last('VOLUME')).toBe(`VOLUME ["${dataDir}"]`);
    expect(dockerfile).toContain('npm ci --omit=dev');
    // everything it copies exists
    for (const l of lines.filter((x) => x.startsWith('COPY ') && !x.includes('--from'))) {
      for (const src of l.split(/\s+/).slice(1, -1)) expect(existsSync(path.join(root, src)), src).toBe(true);
    }
  });

  it('.dockerignore keeps local state out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const p of ['node_modules', 'data', '.keel-test', '.git']) expect(ignored).toContain(p);
  });
});
