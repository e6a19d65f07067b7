import { randomUUID } from 'node:crypto';
import { strToU8, unzipSync, Zip, ZipPassThrough } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkPack, MANIFEST, packZip } from './manifest.ts';

/** The check of a pack against its own manifest, on ZIPs made by hand. */
const meta = {
  pack: randomUUID(),
  period: { from: '2026-01-01', to: '2026-03-31' },
  madeAt: '2026-04-01T08:00:00.000Z',
  madeBy: { id: null, name: 'Keel', email: null },
  auditHead: null,
};

/** A ZIP of these entries in this order, names repeated as given (which `zipSync` cannot do). */
function zipOf(entries: ReadonlyArray<[string, Uint8Array]>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [name, bytes] of entries) {
    const f = new ZipPassThrough(name);
    zip.add(f);
    f.push(bytes, true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

describe('checkPack', () => {
  const good = packZip([{ path: 'a.txt', bytes: strToU8('the real file') }], meta);
  const manifestBytes = unzipSync(good.zip)[MANIFEST]!;

  it('finds nothing wrong with a pack as made', () => {
    expect(checkPack(good.zip).differences).toEqual([]);
  });

  it('reports a file whose name appears twice, even when the copy read last is the real one', () => {
    const zip = zipOf([
      ['a.txt', strToU8('a forged file')],
      ['a.txt', strToU8('the real file')],
      [MANIFEST, manifestBytes],
    ]);
    expect(checkPack(zip).differences).toEqual([{ path: 'a.txt', problem: 'appears twice in the ZIP' }]);
  });

  it('reports a manifest that appears twice without trusting either', () => {
    const zip = zipOf([
      ['a.txt', strToU8('the real file')],
      [MANIFEST, manifestBytes],
      [MANIFEST, manifestBytes],
    ]);
    const checked = checkPack(zip);
    expect(checked.manifest).toBeNull();
    expect(checked.differences).toEqual([{ path: MANIFEST, problem: 'appears twice in the ZIP' }]);
  });
});
