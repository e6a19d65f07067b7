import { eq, sql } from 'drizzle-orm';
import { mustHold } from '../../kernel/access/actor.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { type Calendar, checkCalendar } from './calendar.ts';
import { agreementEditors, mayEditAgreement, mayEditCalendar } from './policy.ts';
import { agreementServices, agreements, agreementTargets, businessCalendars } from './schema.ts';
import type { AgreementInput, AgreementPatch, CalendarInput, CalendarPatch } from './shapes.ts';

function calendarErrors(c: Partial<CalendarInput>, before?: CalendarInput): FieldError[] {
  const merged = { ...before, ...c } as CalendarInput;
  return checkCalendar({
    timeZone: merged.timeZone,
    week: merged.week as Calendar['week'],
    holidays: merged.holidays ?? [],
  });
}

async function calendarNameTaken(ctx: CommandContext, name: string, self?: string) {
  const r = await ctx.tx.execute(
    sql`select 1 from business_calendars where lower(name) = lower(${name}) ${self ? sql`and id <> ${self}` : sql``}`,
  );
  if (r.rows.length)
    throw problems.conflict('Another calendar has this name.', [
      { field: 'name', message: 'is already in use' },
    ]);
}

export async function createCalendar(ctx: CommandContext, input: CalendarInput) {
  mustHold(ctx.actor, mayEditCalendar, `Business calendars are kept by: ${agreementEditors.join(', ')}.`);
  const errors = calendarErrors(input);
  if (errors.length) throw problems.validation(errors);
  await calendarNameTaken(ctx, input.name);
  const [row] = await ctx.tx
    .insert(businessCalendars)
    .values({ ...input, holidays: input.holidays ?? [] })
    .returning();
  await ctx.audit({
    action: 'calendar.created',
    recordType: 'business-calendar',
    recordId: row!.id,
    after: row,
  });
  return row!;
}

export async function updateCalendar(
  ctx: CommandContext,
  id: string,
  expected: number,
  patch: CalendarPatch,
) {
  mustHold(ctx.actor, mayEditCalendar, `Business calendars are kept by: ${agreementEditors.join(', ')}.`);
  const [before] = await ctx.tx
    .select()
    .from(businessCalendars)
    .where(eq(businessCalendars.id, id))
    .for('update');
  if (!before) throw problems.notFound(`Calendar ${id}`);
  checkVersion(expected, before.version);
  const errors = calendarErrors(patch, before as CalendarInput);
  if (errors.length) throw problems.validation(errors);
  if (patch.name) await calendarNameTaken(ctx, patch.name, id);
  const [after] = await ctx.tx
    .update(businessCalendars)
    .set({ ...patch, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(businessCalendars.id, id))
    .returning();
  // the service level report's months are months in this zone: its agreements' counts are counted anew
  if (after!.timeZone !== before.timeZone)
    await ctx.tx.execute(
      sql`select keel_rebuild_clock_counts(a.id) from agreements a where a.calendar_id = ${id}`,
    );
  await ctx.audit({
    action: 'calendar.updated',
    recordType: 'business-calendar',
    recordId: id,
    before,
    after,
  });
  return after!;
}

/** Each kind has its other party: a customer for an SLA, a supplier for an underpinning contract, an internal party for an OLA. */
async function check(ctx: CommandContext, a: AgreementInput, self?: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (a.kind === 'sla' && !a.customerId)
    errors.push({ field: 'customerId', message: 'an SLA is agreed with a customer' });
  if (a.kind === 'underpinning_contract' && !a.supplierCiId) {
    errors.push({ field: 'supplierCiId', message: 'an underpinning contract is agreed with a supplier' });
  }
  if (a.kind === 'ola' && !a.internalParty?.trim() && !a.groupId)
    errors.push({
      field: 'internalParty',
      message: 'an OLA is agreed with an internal party: name it, or its group (groupId)',
    });
  if (a.groupId) {
    if (a.kind !== 'ola') errors.push({ field: 'groupId', message: 'only an OLA is agreed with a group' });
    const g = await ctx.tx.execute(sql`select 1 from groups where id = ${a.groupId}`);
    if (g.rows.length === 0) errors.push({ field: 'groupId', message: 'no such group' });
  }
  if (a.supplierCiId) {
    const s = await ctx.tx.execute<{ class_key: string }>(
      sql`select class_key from cis where id = ${a.supplierCiId}`,
    );
    if (s.rows[0]?.class_key !== 'supplier')
      errors.push({ field: 'supplierCiId', message: 'must be a CI of class supplier' });
  }
  if (a.validFrom && a.validTo && a.validTo < a.validFrom)
    errors.push({ field: 'validTo', message: 'must not be before validFrom' });
  const seen = new Set<string>();
  (a.targets ?? []).forEach((t, i) => {
    const key = `${t.metric}/${t.priority}`;
    if (seen.has(key))
      errors.push({ field: `targets.${i}`, message: `${t.metric} for priority ${t.priority} is set twice` });
    seen.add(key);
  });
  if (a.serviceIds?.length) {
    const found = await ctx.tx.execute<{ id: string }>(
      sql`select id from services where id = any(${sql.param(a.serviceIds)}::uuid[])`,
    );
    const known = new Set(found.rows.map((r) => r.id));
    for (const s of a.serviceIds)
      if (!known.has(s)) errors.push({ field: 'serviceIds', message: `no service ${s}` });
  }
  const dup = await ctx.tx.execute(
    sql`select 1 from agreements where lower(name) = lower(${a.name}) ${self ? sql`and id <> ${self}` : sql``}`,
  );
  if (dup.rows.length) errors.push({ field: 'name', message: 'is already in use' });
  return errors;
}

/**
 * Replaces the services and targets named (a list not given stays as it is); answers what it wrote: the
 * service ids (once each) and the targets with their warning share.
 */
async function setParts(ctx: CommandContext, id: string, a: Pick<AgreementInput, 'serviceIds' | 'targets'>) {
  const written: { serviceIds?: string[]; targets?: Array<typeof agreementTargets.$inferSelect> } = {};
  if (a.serviceIds) {
    await ctx.tx.delete(agreementServices).where(eq(agreementServices.agreementId, id));
    const rows = a.serviceIds.length
      ? await ctx.tx
          .insert(agreementServices)
          .values([...new Set(a.serviceIds)].map((serviceId) => ({ agreementId: id, serviceId })))
          .returning()
      : [];
    written.serviceIds = rows.map((r) => r.serviceId);
  }
  if (a.targets) {
    await ctx.tx.delete(agreementTargets).where(eq(agreementTargets.agreementId, id));
    written.targets = a.targets.length
      ? await ctx.tx
          .insert(agreementTargets)
          .values(a.targets.map((t) => ({ ...t, agreementId: id })))
          .returning()
      : [];
  }
  return written;
}

export async function createAgreement(ctx: CommandContext, input: AgreementInput) {
  mustHold(ctx.actor, mayEditAgreement, `Agreements are kept by: ${agreementEditors.join(', ')}.`);
  const errors = await check(ctx, input);
  if (errors.length) throw problems.validation(errors);
  const { serviceIds, targets, ...row } = input;
  const [created] = await ctx.tx.insert(agreements).values(row).returning();
  const parts = await setParts(ctx, created!.id, { serviceIds: serviceIds ?? [], targets: targets ?? [] });
  await ctx.audit({
    action: 'agreement.created',
    recordType: 'agreement',
    recordId: created!.id,
    after: { ...created, ...parts },
  });
  return created!;
}

export async function updateAgreement(
  ctx: CommandContext,
  id: string,
  expected: number,
  patch: AgreementPatch,
) {
  mustHold(ctx.actor, mayEditAgreement, `Agreements are kept by: ${agreementEditors.join(', ')}.`);
  const [before] = await ctx.tx.select().from(agreements).where(eq(agreements.id, id)).for('update');
  if (!before) throw problems.notFound(`Agreement ${id}`);
  checkVersion(expected, before.version);
  const merged = { ...(before as unknown as AgreementInput), ...patch };
  const errors = await check(ctx, merged, id);
  if (errors.length) throw problems.validation(errors);
  const { serviceIds, targets, ...row } = patch;
  const [after] = await ctx.tx
    .update(agreements)
    .set({ ...row, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(agreements.id, id))
    .returning();
  const parts = await setParts(ctx, id, { serviceIds, targets });
  // another calendar may keep time in another zone, and the report's months with it
  if (after!.calendarId !== before.calendarId)
    await ctx.tx.execute(sql`select keel_rebuild_clock_counts(${id})`);
  await ctx.audit({
    action: 'agreement.updated',
    recordType: 'agreement',
    recordId: id,
    before,
    after: { ...after, ...parts },
  });
  return after!;
}
