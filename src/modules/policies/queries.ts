import { eq, inArray, sql } from 'drizzle-orm';
import { isRole } from '../../kernel/access/roles.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { isoTimestampOrNull as iso, isoTimestamp } from '../../kernel/db/timestamps.ts';
import { problems } from '../../kernel/http/problem.ts';
import { type Change, diffWords, tokens } from './diff.ts';
import {
  mayApprovePolicy,
  mayKeepPolicy,
  mayOverseePolicies,
  readableVersions,
  readsEverything,
} from './policy.ts';
import { policies, policyVersions } from './schema.ts';
import type { PolicyRow, PolicyView } from './shapes.ts';

export type Policy = typeof policies.$inferSelect;
export type PolicyVersion = typeof policyVersions.$inferSelect;

export async function policyFor(tx: Queryable, id: string, forUpdate = false): Promise<Policy> {
  const q = tx.select().from(policies).where(eq(policies.id, id));
  const [p] = forUpdate ? await q.for('update') : await q;
  if (!p) throw problems.notFound(`Policy ${id}`);
  return p;
}

export async function versionsOf(tx: Queryable, policyId: string): Promise<PolicyVersion[]> {
  return tx
    .select()
    .from(policyVersions)
    .where(eq(policyVersions.policyId, policyId))
    .orderBy(policyVersions.number);
}

async function groupsOf(db: Queryable, userId: string) {
  const r = await db.execute<{ group_id: string }>(
    sql`select group_id from group_members where user_id = ${userId}`,
  );
  return new Set(r.rows.map((x) => x.group_id));
}

type Coverage = {
  asked: number;
  acknowledged: number;
  percent: number | null;
  byRole: Array<{ role: string; asked: number; acknowledged: number; percent: number | null }>;
  outstanding: Array<{ userId: string; name: string; roles: string[]; remindedAt: string | null }>;
};
const pct = (a: number, n: number) => (n ? Math.round((a / n) * 1000) / 10 : null);

/** Of the people asked to acknowledge a version, who has: overall, per access role, and who not yet. */
export async function coverageOf(db: Queryable, versionIds: string[]): Promise<Map<string, Coverage>> {
  const out = new Map<string, Coverage>();
  if (versionIds.length === 0) return out;
  const res = await db.execute<{
    version_id: string;
    user_id: string;
    name: string;
    roles: string[];
    acknowledged: boolean;
    reminded_at: Date | null;
  }>(sql`
    select a.version_id, a.user_id, u.name, a.acknowledged_at is not null as acknowledged, a.reminded_at,
           coalesce(array(select role from user_roles r where r.user_id = u.id order by role), '{}') as roles
      from policy_acknowledgements a join users u on u.id = a.user_id
     where a.version_id = any(${sql.param(versionIds)}::uuid[]) and (a.closed_at is null or a.acknowledged_at is not null)
     order by lower(u.name)`);
  for (const id of versionIds) {
    const rows = res.rows.filter((r) => r.version_id === id);
    const roles = [...new Set(rows.flatMap((r) => r.roles))].sort();
    const acknowledged = rows.filter((r) => r.acknowledged).length;
    out.set(id, {
      asked: rows.length,
      acknowledged,
      percent: pct(acknowledged, rows.length),
      byRole: roles.map((role) => {
        const of = rows.filter((r) => r.roles.includes(role));
        const ack = of.filter((r) => r.acknowledged).length;
        return { role, asked: of.length, acknowledged: ack, percent: pct(ack, of.length) };
      }),
      outstanding: rows
        .filter((r) => !r.acknowledged)
        .map((r) => ({
          userId: r.user_id,
          name: r.name,
          roles: r.roles,
          remindedAt: iso(r.reminded_at),
        })),
    });
  }
  return out;
}

/** One policy as its reader may see it, with versions, decisions, coverage and the reader's own request. */
export async function presentPolicy(db: Queryable, who: Principal, id: string): Promise<PolicyView> {
  const p = await policyFor(db, id);
  const all = await versionsOf(db, id);
  const vs = readableVersions(who, await groupsOf(db, who.userId), p, all);
  if (vs.length === 0) throw problems.notFound(`Policy ${id}`);
  const full = readsEverything(who, p);
  const decisions = await db.execute<{
    version_id: string;
    decider: string;
    role: string;
    approved: boolean;
    comment: string;
    at: Date;
  }>(sql`
    select d.version_id, u.name as decider, d.role, d.approved, d.comment, d.at
      from policy_decisions d join users u on u.id = d.decider_id
     where d.version_id = any(${sql.param(vs.map((v) => v.id))}::uuid[]) order by d.id`);
  const names = await db.execute<{ id: string; name: string }>(sql`
    select id, name from users where id = any(${sql.param([p.ownerId, ...vs.flatMap((v) => (v.authorId ? [v.authorId] : []))])}::uuid[])`);
  const nameOf = (uid: string | null) => names.rows.find((n) => n.id === uid)?.name ?? null;
  const published = vs.find((v) => v.state === 'published');
  const inReview = vs.find((v) => v.state === 'in_review');
  const coverage = published && full ? (await coverageOf(db, [published.id])).get(published.id)! : null;
  const mine = published
    ? (
        await db.execute<{ acknowledged_at: Date | null; closed_at: Date | null }>(sql`
          select acknowledged_at, closed_at from policy_acknowledgements
           where version_id = ${published.id} and user_id = ${who.userId}`)
      ).rows[0]
    : undefined;
  return {
    id: p.id,
    identifier: p.identifier,
    title: p.title,
    kind: p.kind,
    process: p.process,
    owner: { id: p.ownerId, name: nameOf(p.ownerId) },
    reviewMonths: p.reviewMonths,
    approverRoles: p.approverRoles.filter(isRole),
    audience: p.audience,
    language: p.language,
    version: p.version,
    reviewDue: iso(published?.reviewDue ?? null),
    versions: vs.map((v) => ({
      number: v.number,
      state: v.state,
      body: v.body,
      changeNote: v.changeNote,
      author: nameOf(v.authorId),
      createdAt: iso(v.createdAt),
      submittedAt: iso(v.submittedAt),
      publishedAt: iso(v.publishedAt),
      endedAt: iso(v.endedAt),
      decisions: decisions.rows
        .filter((d) => d.version_id === v.id)
        .map((d) => ({
          decider: d.decider,
          role: d.role,
          approved: d.approved,
          comment: d.comment,
          at: isoTimestamp(d.at),
        })),
    })),
    coverage,
    myAcknowledgement: mine ? { asked: true as const, acknowledgedAt: iso(mine.acknowledged_at) } : null,
    abilities: {
      keep: mayKeepPolicy(who, p),
      decide: !!inReview && mayApprovePolicy(who, p, inReview),
      acknowledge: !!mine && !mine.acknowledged_at && !mine.closed_at,
    },
  };
}

/** The policies a person may read, with the state of each one's newest version and coverage of the one in force. */
export async function listPolicies(
  db: Queryable,
  who: Principal,
  filter: { reviewDue?: boolean } = {},
): Promise<PolicyRow[]> {
  const ps = await db.select().from(policies).orderBy(policies.identifier);
  const vs = await versionsOfMany(
    db,
    ps.map((p) => p.id),
  );
  const groups = await groupsOf(db, who.userId);
  const rows = ps
    .map((p) => ({
      p,
      vs: readableVersions(
        who,
        groups,
        p,
        vs.filter((v) => v.policyId === p.id),
      ),
    }))
    .filter((x) => x.vs.length > 0);
  const publishedIds = rows.flatMap((x) => x.vs.filter((v) => v.state === 'published').map((v) => v.id));
  const coverage = mayOverseePolicies(who) ? await coverageOf(db, publishedIds) : new Map<string, Coverage>();
  const mine = await db.execute<{ version_id: string; acknowledged_at: Date | null }>(sql`
    select version_id, acknowledged_at from policy_acknowledgements
     where user_id = ${who.userId} and version_id = any(${sql.param(publishedIds)}::uuid[])`);
  const now = Date.now();
  return rows
    .map(({ p, vs: own }) => {
      const published = own.find((v) => v.state === 'published');
      const latest = own.at(-1)!;
      const c = published ? coverage.get(published.id) : undefined;
      const m = published ? mine.rows.find((r) => r.version_id === published.id) : undefined;
      return {
        id: p.id,
        identifier: p.identifier,
        title: p.title,
        kind: p.kind,
        ownerId: p.ownerId,
        publishedVersion: published?.number ?? null,
        latestVersion: latest.number,
        latestState: latest.state,
        reviewDue: iso(published?.reviewDue ?? null),
        reviewOverdue: !!published?.reviewDue && published.reviewDue.getTime() <= now,
        coverage: c ? { asked: c.asked, acknowledged: c.acknowledged, percent: c.percent } : null,
        toAcknowledge: !!m && !m.acknowledged_at,
      };
    })
    .filter((r) => !filter.reviewDue || r.reviewOverdue);
}

/** What changed in a version against the version it followed (for readers of a new version). */
export async function changesIn(db: Queryable, who: Principal, id: string, number: number) {
  const p = await policyFor(db, id);
  const all = await versionsOf(db, id);
  const v = readableVersions(who, await groupsOf(db, who.userId), p, all).find((x) => x.number === number);
  if (!v) throw problems.notFound(`Version ${number} of policy ${id}`);
  // the version before it that was in force, else simply the one before (whether or not this reader may
  // read it: only the words that changed are shown)
  const previous =
    all.filter((x) => x.number < number && x.publishedAt).at(-1) ??
    all.filter((x) => x.number < number).at(-1);
  const changes: Change[] = previous
    ? diffWords(tokens(previous.body), tokens(v.body))
    : [{ op: 'added', text: tokens(v.body).join(' ') }];
  return { number, against: previous?.number ?? null, changes };
}

/** The published policies a person has still to acknowledge. */
export async function pendingAcknowledgements(db: Queryable, who: Principal) {
  const r = await db.execute<{
    id: string;
    identifier: string;
    title: string;
    number: number;
    requested_at: Date;
  }>(sql`
    select p.id, p.identifier, p.title, v.number, a.requested_at
      from policy_acknowledgements a
      join policy_versions v on v.id = a.version_id and v.state = 'published'
      join policies p on p.id = v.policy_id
     where a.user_id = ${who.userId} and a.acknowledged_at is null and a.closed_at is null
     order by a.requested_at`);
  return r.rows.map((x) => ({
    policyId: x.id,
    identifier: x.identifier,
    title: x.title,
    version: x.number,
    requestedAt: iso(x.requested_at),
  }));
}

/**
 * Used by lists: the versions of many policies at once, without their text (a list shows none of it, and a
 * policy's text can be long), in one query.
 */
export async function versionsOfMany(tx: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: policyVersions.id,
      policyId: policyVersions.policyId,
      number: policyVersions.number,
      state: policyVersions.state,
      audience: policyVersions.audience,
      reviewDue: policyVersions.reviewDue,
    })
    .from(policyVersions)
    .where(inArray(policyVersions.policyId, ids))
    .orderBy(policyVersions.number);
}
