import { eq, getTableColumns, sql } from 'drizzle-orm';
import { users } from '../../kernel/auth/schema.ts';
import { addDays, today } from '../../kernel/days.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { problems } from '../../kernel/http/problem.ts';
import { appointments, smsProcesses, smsRoles } from './schema.ts';
import type { AppointmentView, CompetenceRecord, Gap } from './shapes.ts';

export type Person = { id: string; name: string; active: boolean; roles: string[] };

/** The people among `ids` with their current access roles (direct or appointed); missing ids are absent. */
export async function peopleByIds(tx: Queryable, ids: readonly (string | null | undefined)[]) {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return new Map<string, Person>();
  const res = await tx.execute<Person>(sql`
    select u.id, u.name, u.active,
           coalesce(array(select distinct role from user_roles r where r.user_id = u.id), '{}') as roles
      from users u where u.id = any(${sql.param(want)}::uuid[])`);
  return new Map(res.rows.map((p) => [p.id, p]));
}

export async function roleFor(tx: Queryable, id: string, forUpdate = false) {
  const q = tx.select().from(smsRoles).where(eq(smsRoles.id, id));
  const [r] = forUpdate ? await q.for('update') : await q;
  if (!r) throw problems.notFound(`Role ${id}`);
  return r;
}

export async function processFor(tx: Queryable, id: string, forUpdate = false) {
  const q = tx.select().from(smsProcesses).where(eq(smsProcesses.id, id));
  const [r] = forUpdate ? await q.for('update') : await q;
  if (!r) throw problems.notFound(`Process ${id}`);
  return r;
}

export async function appointmentFor(tx: Queryable, id: string, forUpdate = false) {
  const q = tx.select().from(appointments).where(eq(appointments.id, id));
  const [a] = forUpdate ? await q.for('update') : await q;
  if (!a) throw problems.notFound(`Appointment ${id}`);
  return a;
}

/** How far ahead an ending appointment counts as a gap: time to appoint a successor. */
export const ENDING_WITHIN_DAYS = 30;

type Row = {
  id: string;
  role_id: string;
  role_key: string;
  role_name: string;
  user_id: string;
  user_name: string;
  deputy_id: string | null;
  deputy_name: string | null;
  starts_on: string;
  ends_on: string | null;
  away_from: string | null;
  away_until: string | null;
  note: string;
  version: number;
};

const stateOf = (r: Row, day: string): AppointmentView['state'] =>
  r.starts_on > day ? 'future' : r.ends_on && r.ends_on < day ? 'ended' : 'current';

/** Appointments, newest first; `roleId`/`userId` (as holder or deputy) narrow them, `ended=false` hides past ones. */
export async function listAppointments(
  db: Queryable,
  f: { roleId?: string; userId?: string; ended?: boolean } = {},
): Promise<AppointmentView[]> {
  const res = await db.execute<Row>(sql`
    select a.id, a.role_id, r.key as role_key, r.name as role_name, a.user_id, u.name as user_name,
           a.deputy_id, d.name as deputy_name, a.starts_on::text, a.ends_on::text, a.away_from::text,
           a.away_until::text, a.note, a.version
      from appointments a join sms_roles r on r.id = a.role_id join users u on u.id = a.user_id
      left join users d on d.id = a.deputy_id
     where (${f.roleId ?? null}::uuid is null or a.role_id = ${f.roleId ?? null}::uuid)
       and (${f.userId ?? null}::uuid is null or ${f.userId ?? null}::uuid in (a.user_id, a.deputy_id))
       and (${f.ended ?? null}::boolean is not false or a.ends_on is null or a.ends_on >= (now() at time zone 'utc')::date)
     order by a.starts_on desc, u.name`);
  const day = today();
  return res.rows.map((r) => {
    const state = stateOf(r, day);
    return {
      id: r.id,
      roleId: r.role_id,
      roleKey: r.role_key,
      roleName: r.role_name,
      userId: r.user_id,
      userName: r.user_name,
      deputyId: r.deputy_id,
      deputyName: r.deputy_name,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      awayFrom: r.away_from,
      awayUntil: r.away_until,
      note: r.note,
      state,
      deputyActing:
        state === 'current' && !!r.deputy_id && !!r.away_from && r.away_from <= day && r.away_until! >= day,
      version: r.version,
    };
  });
}

/** One appointment as the lists show it. */
export async function appointmentView(db: Queryable, a: { id: string; roleId: string }) {
  const view = (await listAppointments(db, { roleId: a.roleId })).find((x) => x.id === a.id);
  if (!view) throw problems.notFound(`Appointment ${a.id}`);
  return view;
}

/** The competences each person holds today (unexpired records). */
async function competencesHeld(db: Queryable, userIds: string[]) {
  const held = new Map<string, Set<string>>();
  if (!userIds.length) return held;
  const res = await db.execute<{ user_id: string; competence: string }>(sql`
    select distinct user_id, lower(competence) as competence from competence_records
     where user_id = any(${sql.param(userIds)}::uuid[])
       and achieved_on <= (now() at time zone 'utc')::date
       and (expires_on is null or expires_on >= (now() at time zone 'utc')::date)`);
  for (const r of res.rows) {
    if (!held.has(r.user_id)) held.set(r.user_id, new Set());
    held.get(r.user_id)!.add(r.competence);
  }
  return held;
}

type Role = typeof smsRoles.$inferSelect;

/**
 * The gaps of one role in service: nobody holds it, a holder has no deputy (where it needs one), an
 * appointment ends soon with no successor, a holder lacks one of its competences. `live` are the role's
 * current and coming appointments; `held` the competences its current holders hold today.
 */
function gapsOf(r: Role, live: AppointmentView[], held: Map<string, Set<string>>, day: string): Gap[] {
  if (r.retired) return [];
  const gaps: Gap[] = [];
  const soon = addDays(day, ENDING_WITHIN_DAYS);
  const now = live.filter((a) => a.state === 'current');
  const base = { roleId: r.id, roleKey: r.key, name: r.name };
  if (!now.length) gaps.push({ kind: 'role_vacant', ...base });
  for (const a of now) {
    if (r.needsDeputy && !a.deputyId)
      gaps.push({ kind: 'role_without_deputy', ...base, userName: a.userName });
    const successor = live.some(
      (b) => b.id !== a.id && b.userId !== a.userId && (!b.endsOn || b.endsOn > a.endsOn!),
    );
    if (a.endsOn && a.endsOn <= soon && !successor)
      gaps.push({ kind: 'appointment_ending', ...base, userName: a.userName, endsOn: a.endsOn });
    const mine = held.get(a.userId) ?? new Set();
    const missing = r.competences.filter((c) => !mine.has(c.toLowerCase()));
    if (missing.length)
      gaps.push({
        kind: 'competence_missing',
        ...base,
        userId: a.userId,
        userName: a.userName,
        competences: missing,
      });
  }
  return gaps;
}

const currentHolders = (live: AppointmentView[]) => [
  ...new Set(live.filter((a) => a.state === 'current').map((a) => a.userId)),
];

/** The role catalogue with each role's current and coming holders, and the gaps of the whole catalogue. */
export async function roleCatalogue(db: Queryable, opts: { retired?: boolean } = {}) {
  const roles = await db.select().from(smsRoles).orderBy(smsRoles.name);
  const processes = await db.select().from(smsProcesses).orderBy(smsProcesses.name);
  const live = await listAppointments(db, { ended: false });
  const held = await competencesHeld(db, currentHolders(live));
  const day = today();
  const gaps: Gap[] = [];
  for (const p of processes)
    if (!p.ownerId)
      gaps.push({ kind: 'process_without_owner', processId: p.id, processKey: p.key, name: p.name });
  const items = roles
    .filter((r) => opts.retired || !r.retired)
    .map((r) => {
      const holders = live.filter((a) => a.roleId === r.id);
      gaps.push(...gapsOf(r, holders, held, day));
      return { ...r, holders };
    });
  return { items, gaps };
}

/**
 * One role with all its appointments, past ones too, its current and coming holders and its gaps: it reads
 * this role, its appointments and its holders' competences only, not the whole catalogue.
 */
export async function presentRole(db: Queryable, id: string) {
  const [r] = await db.select().from(smsRoles).where(eq(smsRoles.id, id));
  if (!r) throw problems.notFound(`Role ${id}`);
  const appointments = await listAppointments(db, { roleId: id });
  const holders = appointments.filter((a) => a.state !== 'ended');
  const held = r.retired
    ? new Map<string, Set<string>>()
    : await competencesHeld(db, currentHolders(holders));
  return { ...r, holders, appointments, gaps: gapsOf(r, holders, held, today()) };
}

/** The process register with owners' names and each process's RACI matrix. */
export async function listProcesses(db: Queryable) {
  return db
    .select({ ...getTableColumns(smsProcesses), ownerName: users.name })
    .from(smsProcesses)
    .leftJoin(users, eq(users.id, smsProcesses.ownerId))
    .orderBy(smsProcesses.name);
}

/** A person's competence and training records, newest first. */
export async function competencesOf(db: Queryable, userId: string) {
  const res = await db.execute<CompetenceRecord>(sql`
    select c.id, c.competence, c.source, c.title, c.achieved_on::text as "achievedOn", c.expires_on::text as "expiresOn",
           c.evidence, c.created_at as "createdAt", r.name as "recordedBy",
           (c.expires_on is not null and c.expires_on < (now() at time zone 'utc')::date) as expired
      from competence_records c left join users r on r.id = c.recorded_by
     where c.user_id = ${userId}
     order by c.achieved_on desc, c.created_at desc`);
  return res.rows;
}

/** Why someone is not independent of a process: they own it, or hold a role Responsible in its RACI. */
export type ProcessTie = {
  userId: string;
  userName: string;
  processKey: string;
  processName: string;
  tie: 'owner' | 'responsible';
  /** The role they are appointed to (or deputise in) that is Responsible (for `responsible`). */
  roleName: string | null;
  /** Whether they are the deputy of that appointment rather than its holder. */
  deputy: boolean;
};

/**
 * The ties of these people to these processes (by register key) over a period (a day by default): a process
 * they own, or one whose RACI has an R for a role they hold, or deputise in, by an appointment overlapping the
 * period. Audits use it for the auditor's independence over the audit's dates.
 */
export async function processTies(
  db: Queryable,
  userIds: readonly string[],
  processKeys: readonly string[],
  period: { from: string; to: string } = { from: today(), to: today() },
): Promise<ProcessTie[]> {
  if (!userIds.length || !processKeys.length) return [];
  const keys = processKeys.map((k) => k.toLowerCase());
  const people = sql.param([...userIds]);
  const res = await db.execute<ProcessTie>(sql`
    select u.id as "userId", u.name as "userName", p.key as "processKey", p.name as "processName",
           'owner' as tie, null as "roleName", false as deputy
      from sms_processes p join users u on u.id = p.owner_id
     where lower(p.key) = any(${sql.param(keys)}::text[]) and p.owner_id = any(${people}::uuid[])
    union
    select u.id, u.name, p.key, p.name, 'responsible', r.name, holder.deputy
      from sms_processes p
     cross join lateral jsonb_array_elements(p.raci) as row(activity)
     cross join lateral jsonb_each_text(row.activity -> 'cells') as cell(role_key, letter)
      join sms_roles r on lower(r.key) = lower(cell.role_key)
      join appointments a on a.role_id = r.id
     cross join lateral (values (a.user_id, false), (a.deputy_id, true)) as holder(id, deputy)
      join users u on u.id = holder.id
     where lower(p.key) = any(${sql.param(keys)}::text[]) and cell.letter = 'R'
       and holder.id = any(${people}::uuid[])
       and a.starts_on <= ${period.to}::date and (a.ends_on is null or a.ends_on >= ${period.from}::date)
     order by 1, 3, 5, 6`);
  return res.rows;
}
