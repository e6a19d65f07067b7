import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../../demo/organisation.ts';
import { addDays, today } from '../../../kernel/days.ts';
import { type TestKeel, testKeel } from '../../../testing/harness.ts';
import { keelMaker, makeEvidencePack } from './make.ts';
import { checkPack } from './manifest.ts';
import { periodOf } from './period.ts';
import { brokenLinks, unzip } from './testing.ts';

/** The pack of the demo organisation's last year: made in under 30 seconds, whole, its links all inside. */
let k: TestKeel;
beforeAll(async () => {
  k = await testKeel();
  await loadDemo(k.db);
}, 240_000);

describe('the evidence pack of the demo', () => {
  it('is made in under 30 s and is whole', async () => {
    const period = periodOf({ from: addDays(today(), -365), to: today() });
    const started = performance.now();
    const pack = await makeEvidencePack(k.db, keelMaker('demo test'), period);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(30);
    expect(checkPack(pack.zip).differences).toEqual([]);
    const files = unzip(pack.zip);
    expect(brokenLinks(files)).toEqual([]);
    // the demo's published policies and plan are among the documents, its changes among the records
    expect(
      Object.keys(files).filter((p) => /^records\/(policies|plan)\/.+\.pdf$/.test(p)).length,
    ).toBeGreaterThan(0);
    expect(pack.manifest.files.find((f) => f.path === 'records/changes.csv')!.size).toBeGreaterThan(1000);
    console.log(
      `demo pack: ${pack.manifest.files.length + 1} files, ${pack.zip.length} bytes in ${seconds.toFixed(1)} s`,
    );
  }, 60_000);
});
