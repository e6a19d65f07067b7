import { sql } from 'drizzle-orm';
import type { Role } from '../access/roles.ts';
import { languages } from '../auth/users.ts';
import type { Tx } from '../db/database.ts';
import { type MessageKind, render } from './messages.ts';

export type Recipients = {
  userIds?: readonly (string | null | undefined)[];
  roles?: readonly Role[];
  groupId?: string | null;
};

/**
 * Tells people something inside the caller's transaction: each active recipient gets it once, in their own
 * language. Recipients are named directly, by access role, or as the members of a group.
 */
export async function notify(
  tx: Tx,
  to: Recipients,
  kind: MessageKind,
  params: Record<string, string>,
  link: string | null = null,
): Promise<number> {
  const ids = (to.userIds ?? []).filter((x): x is string => !!x);
  // the message in every language Keel speaks; each recipient's row takes theirs (English when theirs is
  // none of them), so finding the people and telling them is one statement
  const texts = Object.fromEntries(languages.map((l) => [l, render(kind, l, params)]));
  const res = await tx.execute(sql`
    insert into notifications (user_id, kind, text, params, link)
    select u.id, ${kind}, coalesce(${JSON.stringify(texts)}::jsonb ->> u.language, ${texts.en}), ${JSON.stringify(params)}::jsonb, ${link}
      from users u
     where u.active and u.id in (
       select unnest(${sql.param(ids)}::uuid[])
       union select r.user_id from user_roles r where r.role = any(${sql.param([...(to.roles ?? [])])}::text[])
       union select m.user_id from group_members m where m.group_id = ${to.groupId ?? null}::uuid)`);
  return res.rowCount ?? 0;
}

/**
 * Many notifications of one kind at once: each message goes to a work item's assignee, or to its group's
 * members when nobody is assigned, in each recipient's language. One query for the people, one insert.
 */
export async function notifyAssignees(
  tx: Tx,
  kind: MessageKind,
  messages: Array<{
    assigneeId: string | null;
    groupId: string | null;
    params: Record<string, string>;
    link: string;
  }>,
) {
  if (messages.length === 0) return 0;
  const res = await tx.execute<{ i: number; id: string; language: string }>(sql`
    select m.i, u.id, u.language
      from jsonb_to_recordset(${JSON.stringify(messages.map((m, i) => ({ i, a: m.assigneeId, g: m.groupId })))}::jsonb)
           as m(i int, a uuid, g uuid)
      join users u on u.active and (u.id = m.a or (m.a is null and u.id in (select user_id from group_members where group_id = m.g)))`);
  return insert(
    tx,
    kind,
    res.rows.map((r) => ({
      user_id: r.id,
      text: render(kind, r.language, messages[r.i]!.params),
      params: messages[r.i]!.params,
      link: messages[r.i]!.link,
    })),
  );
}

type Row = { user_id: string; text: string; params: Record<string, string>; link: string | null };

async function insert(tx: Tx, kind: MessageKind, rows: Row[]) {
  if (rows.length === 0) return 0;
  await tx.execute(sql`
    insert into notifications (user_id, kind, text, params, link)
    select x.user_id, ${kind}, x.text, x.params, x.link
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(user_id uuid, text text, params jsonb, link text)`);
  return rows.length;
}
