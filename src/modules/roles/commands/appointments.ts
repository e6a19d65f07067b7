import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import { addDays, isDay, sqlToday, today } from '../../../kernel/days.ts';
import type { Queryable, Tx } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { enqueueJob } from '../../../kernel/jobs/queue.ts';
import type { Job } from '../../../kernel/jobs/worker.ts';
import { notify } from '../../../kernel/notify/notify.ts';
import { accessClash, canServe, mayAppoint } from '../policy.ts';
import { appointmentFor, peopleByIds } from '../queries.ts';
import { appointments, smsRoles } from '../schema.ts';
import type { AppointmentInput, AppointmentPatch } from '../shapes.ts';

export const SYNC_JOB = 'appointment.sync';

/**
 * Brings the access roles that appointments give in line with today's appointments for these people: a
 * holder has the role's access role from the first to the last day of the appointment, the deputy while the
 * holder is away. Granted rows are `source = 'appointment'` in user_roles, so an administrator's own grants
 * are never touched.
 */
export async function syncAppointedRoles(tx: Tx, userIds: readonly (string | null | undefined)[]) {
  const ids = [...new Set(userIds.filter((x): x is string => !!x))];
  if (!ids.length) return;
  const people = sql.param(ids);
  await tx.execute(
    sql`delete from user_roles where source = 'appointment' and user_id = any(${people}::uuid[])`,
  );
  await tx.execute(sql`
    insert into user_roles (user_id, role, source)
    select distinct x.person, r.access_role, 'appointment'
      from (select a.user_id as person, a.role_id from appointments a
             where a.starts_on <= ${sqlToday} and (a.ends_on is null or a.ends_on >= ${sqlToday})
            union all
            select a.deputy_id, a.role_id from appointments a
             where a.deputy_id is not null and a.away_from <= ${sqlToday} and a.away_until >= ${sqlToday}
               and a.starts_on <= ${sqlToday} and (a.ends_on is null or a.ends_on >= ${sqlToday})) x
      join sms_roles r on r.id = x.role_id and r.access_role is not null and not r.retired
     where x.person = any(${people}::uuid[])`);
}

/** The durable job that applies an appointment's future first and last days (and a deputy's) on the day. */
async function syncJob(job: Job, tx: Tx) {
  const { userIds } = job.payload as { userIds: string[] };
  await syncAppointedRoles(tx, userIds);
}
export const appointmentJobs = { [SYNC_JOB]: syncJob };

/** Schedules a sync for each future day on which this appointment starts or stops giving access. */
async function scheduleChanges(tx: Tx, a: typeof appointments.$inferSelect) {
  const now = today();
  const days = [
    a.startsOn,
    a.endsOn && addDays(a.endsOn, 1),
    a.awayFrom,
    a.awayUntil && addDays(a.awayUntil, 1),
  ];
  for (const day of new Set(days.filter((d): d is string => !!d && d > now)))
    await enqueueJob(
      tx,
      SYNC_JOB,
      { userIds: [a.userId, a.deputyId].filter(Boolean) },
      { dueAt: new Date(`${day}T00:00:00Z`), uniqueKey: `appointment:${a.id}:${day}:${a.version}` },
    );
}

async function check(tx: Queryable, a: AppointmentInput, accessRole: string | null): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [field, day] of [
    ['startsOn', a.startsOn],
    ['endsOn', a.endsOn],
    ['awayFrom', a.awayFrom],
    ['awayUntil', a.awayUntil],
  ] as const)
    if (day && !isDay(day)) errors.push({ field, message: 'must be a date (YYYY-MM-DD)' });
  if (errors.length) return errors;
  if (a.endsOn && a.endsOn < a.startsOn)
    errors.push({ field: 'endsOn', message: 'cannot be before the start' });
  if (!!a.awayFrom !== !!a.awayUntil)
    errors.push({ field: a.awayFrom ? 'awayUntil' : 'awayFrom', message: 'give both days of the absence' });
  else if (a.awayFrom && a.awayUntil) {
    if (a.awayUntil < a.awayFrom)
      errors.push({ field: 'awayUntil', message: 'cannot be before the first day away' });
    if (!a.deputyId)
      errors.push({ field: 'deputyId', message: 'name the deputy who acts during the absence' });
  }
  const people = await peopleByIds(tx, [a.userId, a.deputyId]);
  const holder = people.get(a.userId);
  if (!canServe(holder)) errors.push({ field: 'userId', message: 'must be an active member of the staff' });
  else {
    const clash = accessClash(holder, accessRole);
    if (clash) errors.push({ field: 'userId', message: clash });
  }
  if (a.deputyId) {
    const deputy = people.get(a.deputyId);
    if (a.deputyId === a.userId) errors.push({ field: 'deputyId', message: 'cannot be the holder' });
    else if (!canServe(deputy))
      errors.push({ field: 'deputyId', message: 'must be an active member of the staff' });
    else {
      const clash = accessClash(deputy, accessRole);
      if (clash) errors.push({ field: 'deputyId', message: clash });
    }
  }
  return errors;
}

async function roleOf(tx: Queryable, roleId: string) {
  const [role] = await tx.select().from(smsRoles).where(eq(smsRoles.id, roleId));
  return role;
}

function refuse(who: Principal, role: typeof smsRoles.$inferSelect) {
  if (!mayAppoint(who, role))
    throw problems.forbidden(
      role.accessRole
        ? `${role.name} gives the ${role.accessRole} access role: only top management or an administrator appoints to it.`
        : `Only top management, process owners or administrators appoint people to roles.`,
    );
}

export async function appoint(ctx: CommandContext, who: Principal, input: AppointmentInput) {
  const role = await roleOf(ctx.tx, input.roleId);
  if (!role) throw problems.validation([{ field: 'roleId', message: 'is not in the role catalogue' }]);
  if (role.retired) throw problems.validation([{ field: 'roleId', message: `${role.name} is retired` }]);
  refuse(who, role);
  const errors = await check(ctx.tx, input, role.accessRole);
  if (errors.length) throw problems.validation(errors);
  const [row] = await ctx.tx
    .insert(appointments)
    .values({ ...input, note: input.note?.trim() ?? '', appointedBy: who.userId })
    .returning();
  await ctx.audit({ action: 'appointment.made', recordType: 'role', recordId: role.key, after: row });
  await syncAppointedRoles(ctx.tx, [row!.userId, row!.deputyId]);
  await scheduleChanges(ctx.tx, row!);
  const link = `/roles/${role.id}`;
  await notify(
    ctx.tx,
    { userIds: [row!.userId] },
    'appointment.made',
    { role: role.name, from: row!.startsOn },
    link,
  );
  if (row!.deputyId)
    await notify(
      ctx.tx,
      { userIds: [row!.deputyId] },
      'appointment.deputy',
      { role: role.name, from: row!.startsOn },
      link,
    );
  return row!;
}

/**
 * Changes an appointment's dates, deputy or absence; ending it is setting `endsOn`. Access follows at once,
 * for the people before and after the change.
 */
export async function updateAppointment(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  patch: AppointmentPatch,
) {
  const before = await appointmentFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  const role = (await roleOf(ctx.tx, before.roleId))!;
  refuse(who, role);
  const merged = { ...before, ...patch };
  const errors = await check(ctx.tx, merged, role.accessRole);
  if (errors.length) throw problems.validation(errors);
  const [after] = await ctx.tx
    .update(appointments)
    .set({ ...patch, note: merged.note.trim(), updatedAt: new Date(), version: before.version + 1 })
    .where(eq(appointments.id, id))
    .returning();
  await ctx.audit({ action: 'appointment.changed', recordType: 'role', recordId: role.key, before, after });
  await syncAppointedRoles(ctx.tx, [before.userId, before.deputyId, after!.deputyId]);
  await scheduleChanges(ctx.tx, after!);
  if (after!.deputyId && after!.deputyId !== before.deputyId)
    await notify(
      ctx.tx,
      { userIds: [after!.deputyId] },
      'appointment.deputy',
      { role: role.name, from: after!.startsOn },
      `/roles/${role.id}`,
    );
  return after!;
}
