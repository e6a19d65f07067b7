import { describe, expect, it } from 'vitest';
import { sharedBuffersMb } from './embedded.ts';

const GiB = 2 ** 30;

describe("the embedded server's shared buffers", () => {
  it('takes an eighth of the memory, from PostgreSQL’s default of 128 MB up to 4 GB', () => {
    expect(sharedBuffersMb(24 * GiB)).toBe(3072);
    expect(sharedBuffersMb(8 * GiB)).toBe(1024);
    expect(sharedBuffersMb(0.5 * GiB)).toBe(128);
    expect(sharedBuffersMb(256 * GiB)).toBe(4096);
  });

  it('follows KEEL_PG_SHARED_BUFFERS, and refuses what is not a size', () => {
    expect(sharedBuffersMb(24 * GiB, '512')).toBe(512);
    expect(sharedBuffersMb(24 * GiB, '')).toBe(3072);
    expect(() => sharedBuffersMb(24 * GiB, '2GB')).toThrow(/whole number of megabytes/);
    expect(() => sharedBuffersMb(24 * GiB, '8')).toThrow(/16 or more/);
  });
});
