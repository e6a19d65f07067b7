import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../testing/harness.ts';
import type { Db } from '../db/database.ts';
import { drawNumber, numberAfter } from './numbering.ts';

let db: Db;
beforeAll(async () => {
  db = (await freshDatabase()).db;
});

describe('work item numbering', () => {
  it('draws from the type’s sequence without waiting for a create still in progress', async () => {
    const first = await drawNumber(db, 'incident');
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    // a create that has drawn its number and not committed yet
    const slow = db.transaction(async (tx) => {
      const n = await drawNumber(tx, 'incident');
      await held;
      return n;
    });
    await new Promise((r) => setTimeout(r, 50));
    // another create draws and commits meanwhile (with the counter row it would wait for the first)
    const meanwhile = await db.transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '2s'`);
      return drawNumber(tx, 'incident');
    });
    release();
    const inProgress = await slow;
    expect(new Set([first, inProgress, meanwhile]).size).toBe(3);
    expect(Math.min(inProgress, meanwhile)).toBe(first + 1);
    expect(Math.max(inProgress, meanwhile)).toBe(first + 2);
  });

  it('leaves a failed create’s number unused, and moves on after numbers loaded in bulk, never back', async () => {
    const before = await drawNumber(db, 'request');
    await db
      .transaction(async (tx) => {
        await drawNumber(tx, 'request');
        throw new Error('validation failed after numbering');
      })
      .catch(() => {});
    expect(await drawNumber(db, 'request')).toBe(before + 2);
    await numberAfter(db, 'request', before + 1000);
    expect(await drawNumber(db, 'request')).toBe(before + 1001);
    await numberAfter(db, 'request', 5);
    expect(await drawNumber(db, 'request')).toBe(before + 1002);
  });

  it('counts in a row for a type without a sequence of its own', async () => {
    expect(await drawNumber(db, 'numbering_test')).toBe(1);
    expect(await drawNumber(db, 'numbering_test')).toBe(2);
    await numberAfter(db, 'numbering_test', 40);
    expect(await drawNumber(db, 'numbering_test')).toBe(41);
    await expect(drawNumber(db, 'bad type; drop table users')).rejects.toThrow(/invalid work item type/);
  });
});
