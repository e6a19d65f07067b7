import { type SQL, sql } from 'drizzle-orm';
import type { Role } from '../access/roles.ts';
import { languages } from '../auth/users.ts';
import type { Tx } from '../db/database.ts';
import { readableByUserSql } from '../records/visibility.ts';
import { type MessageKind, render } from './messages.ts';

export type Recipients = {
  userIds?: readonly (string | null | undefined)[];
  roles?: readonly Role[];
  groupId?: string | null;
};

/**
 * A message in every language Keel speaks. The statement that finds its recipients also writes it, each
 * row taking its reader's language (`readersText`, English when theirs is none of them): one round trip.
 */
const inEveryLanguage = (kind: MessageKind, params: Record<string, string>) =>
  Object.fromEntries(languages.map((l) => [l, render(kind, l, params)]));
const readersText = (texts: SQL) => sql`coalesce(${texts} ->> u.language, ${texts} ->> 'en')`;

const ITEM_LINK = '/work-items/';
/**
 * A notification about a work item (its link is the item's page) reaches only people who may read the item,
 * by the one rule in records/visibility.ts, whoever the sender named: a customer is never told of another
 * organisation's work, and mail (made from notifications) follows. `u` is the recipient.
 */
const mayBeTold = (link: SQL) => sql`(${link} is null or left(${link}, ${ITEM_LINK.length}) <> ${ITEM_LINK}
  or exists (select 1 from work_items w where w.number = substr(${link}, ${ITEM_LINK.length + 1})
              and ${readableByUserSql('u', 'w')}))`;

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
  const texts = sql`${JSON.stringify(inEveryLanguage(kind, params))}::jsonb`;
  const res = await tx.execute(sql`
    insert into notifications (user_id, kind, text, params, link)
    select u.id, ${kind}, ${readersText(texts)}, ${JSON.stringify(params)}::jsonb, ${link}
      from users u
     where u.active and u.id in (
       select unnest(${sql.param(ids)}::uuid[])
       union select r.user_id from user_roles r where r.role = any(${sql.param([...(to.roles ?? [])])}::text[])
       union select m.user_id from group_members m where m.group_id = ${to.groupId ?? null}::uuid)
       and ${mayBeTold(sql`${link}::text`)}`);
  return res.rowCount ?? 0;
}

/**
 * Many notifications of one kind at once: each message goes to a work item's assignee, or to its group's
 * members when nobody is assigned, in each recipient's language, all in one statement.
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
  const rows = messages.map((m) => ({
    a: m.assigneeId,
    g: m.groupId,
    texts: inEveryLanguage(kind, m.params),
    params: m.params,
    link: m.link,
  }));
  const res = await tx.execute(sql`
    insert into notifications (user_id, kind, text, params, link)
    select u.id, ${kind}, ${readersText(sql`m.texts`)}, m.params, m.link
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as m(a uuid, g uuid, texts jsonb, params jsonb, link text)
      join users u on u.active and (u.id = m.a or (m.a is null and u.id in (select user_id from group_members where group_id = m.g)))
     where ${mayBeTold(sql`m.link`)}`);
  return res.rowCount ?? 0;
}
