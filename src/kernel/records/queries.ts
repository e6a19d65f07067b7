import { asc, eq, sql } from 'drizzle-orm';
import type { Principal } from '../auth/principal.ts';
import type { Queryable } from '../db/database.ts';
import { isoTimestamp } from '../db/timestamps.ts';
import { allowedTransitions } from './lifecycle.ts';
import type { WorkItem, WorkItemType } from './registry.ts';
import { attachments } from './schema.ts';
import { visibilitySql } from './visibility.ts';

/**
 * What this person may do with the item, from the type's own rules (its module's policy.ts), so screens show
 * exactly the buttons the server allows: edit its fields, comment, write internal notes, attach, link.
 */
export function abilitiesOn(item: WorkItem, def: WorkItemType, who: Principal) {
  const write = !def.lifecycle.final.includes(item.state) && def.canWrite(who, item);
  return {
    edit: write && (def.canEditFields ?? def.canWrite)(who, item),
    comment: def.canWrite(who, item),
    commentInternal: def.canWrite(who, item) && def.canSeeInternal(who),
    attach: write,
    link: write,
  };
}

export const presentItem = (item: WorkItem, def: WorkItemType, who: Principal) => ({
  id: item.id,
  type: item.type,
  number: item.number,
  title: item.title,
  description: item.description,
  state: item.state,
  final: def.lifecycle.final.includes(item.state),
  priority: item.priority,
  requesterId: item.requesterId,
  assigneeId: item.assigneeId,
  groupId: item.groupId,
  customerId: item.customerId,
  serviceId: item.serviceId,
  language: item.language,
  dueAt: item.dueAt?.toISOString() ?? null,
  major: item.major,
  createdBy: item.createdBy,
  createdAt: item.createdAt.toISOString(),
  updatedAt: item.updatedAt.toISOString(),
  version: item.version,
  abilities: abilitiesOn(item, def, who),
  transitions: def.canWrite(who, item)
    ? allowedTransitions(def.lifecycle, item.state, who.roles).map((t) => ({
        name: t.name,
        to: t.to,
        requires: [...(t.requires ?? [])],
      }))
    : [],
});

export async function listComments(tx: Queryable, itemId: string, withInternal: boolean) {
  const res = await tx.execute<{
    id: string;
    workItemId: string;
    authorId: string | null;
    authorName: string | null;
    body: string;
    internal: boolean;
    createdAt: Date;
  }>(sql`
    select c.id, c.work_item_id as "workItemId", c.author_id as "authorId", u.name as "authorName", c.body,
           c.internal, c.created_at as "createdAt"
      from work_item_comments c left join users u on u.id = c.author_id
     where c.work_item_id = ${itemId} ${withInternal ? sql`` : sql`and not c.internal`}
     order by c.created_at, c.id`);
  return res.rows.map((c) => ({ ...c, createdAt: isoTimestamp(c.createdAt) }));
}

export async function listAttachments(tx: Queryable, itemId: string) {
  const rows = await tx
    .select()
    .from(attachments)
    .where(eq(attachments.workItemId, itemId))
    .orderBy(asc(attachments.createdAt));
  return rows.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() }));
}

export async function attachmentWithContent(tx: Queryable, id: string) {
  const res = await tx.execute<{
    work_item_id: string;
    file_name: string;
    content_type: string;
    content: Buffer;
  }>(sql`
    select a.work_item_id, a.file_name, a.content_type, b.content
      from work_item_attachments a join attachment_blobs b on b.sha256 = a.sha256 where a.id = ${id}`);
  return res.rows[0] ?? null;
}

/** Links of an item, both directions, leaving out those whose other end this person may not see. */
export async function listLinks(tx: Queryable, itemId: string, who: Principal) {
  const res = await tx.execute<{
    id: string;
    kind: string;
    from: string;
    to: string;
    direction: 'outgoing' | 'incoming';
  }>(sql`
    select l.id, l.kind, f.number as "from", t.number as "to",
           case when l.from_id = ${itemId} then 'outgoing' else 'incoming' end as direction
      from work_item_links l join work_items f on f.id = l.from_id join work_items t on t.id = l.to_id
      join work_items o on o.id = case when l.from_id = ${itemId} then l.to_id else l.from_id end
     where (l.from_id = ${itemId} or l.to_id = ${itemId}) and ${visibilitySql(who, 'o')}
     order by l.created_at`);
  return res.rows;
}

export async function listWatchers(tx: Queryable, itemId: string) {
  const res = await tx.execute<{ userId: string; name: string }>(sql`
    select u.id as "userId", u.name from work_item_watchers w join users u on u.id = w.user_id
     where w.work_item_id = ${itemId} order by u.name`);
  return res.rows;
}

export async function listHistory(tx: Queryable, itemId: string) {
  const res = await tx.execute<{
    id: number;
    field: string;
    oldValue: unknown;
    newValue: unknown;
    actorId: string | null;
    actorName: string | null;
    at: Date;
  }>(sql`
    select h.id, h.field, h.old_value as "oldValue", h.new_value as "newValue", h.actor_id as "actorId",
           u.name as "actorName", h.at
      from work_item_field_history h left join users u on u.id = h.actor_id
     where h.work_item_id = ${itemId} order by h.id desc`);
  return res.rows.map((h) => ({ ...h, id: Number(h.id), at: isoTimestamp(h.at) }));
}
