import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { runCommand, systemActor } from '../db/tx.ts';
import { notify, notifyAssignees } from './notify.ts';

/** Notifications are written by the statement that finds their recipients, each in the reader's language. */
let k: TestKeel;
let pieter: TestUser;
let karen: TestUser;
let gone: TestUser;
let groupId: string;

const textsOf = async (userId: string) =>
  (
    await k.db.execute<{ text: string }>(
      sql`select text from notifications where user_id = ${userId} order by id`,
    )
  ).rows.map((r) => r.text);

beforeAll(async () => {
  k = await testKeel();
  pieter = await k.user(['service_desk_agent']);
  karen = await k.user(['service_desk_agent']);
  gone = await k.user(['service_desk_agent']);
  await k.db.execute(sql`update users set language = 'nl' where id = ${pieter.id}`);
  await k.db.execute(sql`update users set language = 'da' where id = ${karen.id}`);
  await k.db.execute(sql`update users set active = false where id = ${gone.id}`);
  groupId = (
    await k.db.execute<{ id: string }>(sql`insert into groups (name) values ('Front office') returning id`)
  ).rows[0]!.id;
  await k.db.execute(sql`
    insert into group_members (group_id, user_id) values (${groupId}, ${karen.id}), (${groupId}, ${gone.id})`);
});

describe('notifications', () => {
  it('reach active recipients once, by person and by group, in each one’s language', async () => {
    const n = await runCommand(k.db, systemActor(), null, (ctx) =>
      notify(ctx.tx, { userIds: [pieter.id, karen.id, gone.id], groupId }, 'incident.assigned', {
        number: 'INC-000001',
        title: 'Printer',
      }),
    );
    expect(n).toBe(2);
    expect(await textsOf(pieter.id)).toEqual(['INC-000001 is aan u toegewezen: Printer']);
    expect(await textsOf(karen.id)).toEqual(['INC-000001 er tildelt dig: Printer']);
    expect(await textsOf(gone.id)).toEqual([]);
  });

  it('go to each item’s assignee, or its group’s members when nobody is assigned', async () => {
    const n = await runCommand(k.db, systemActor(), null, (ctx) =>
      notifyAssignees(ctx.tx, 'incident.assigned', [
        { assigneeId: pieter.id, groupId, params: { number: 'INC-000002', title: 'Till' }, link: '/a' },
        { assigneeId: null, groupId, params: { number: 'INC-000003', title: 'Wi-Fi' }, link: '/b' },
      ]),
    );
    expect(n).toBe(2);
    expect((await textsOf(pieter.id)).at(-1)).toBe('INC-000002 is aan u toegewezen: Till');
    expect((await textsOf(karen.id)).at(-1)).toBe('INC-000003 er tildelt dig: Wi-Fi');
    expect(await textsOf(gone.id)).toEqual([]);
  });
});
