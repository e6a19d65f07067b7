import { z } from 'zod';
import { roles as accessRoles } from '../../kernel/access/roles.ts';
import { kpiKeys } from '../objectives/index.ts';
import { authorities } from './policy.ts';

/** What the roles API takes, declared once: the routes validate it, the commands take its type. */
const required = (max: number) => z.string().trim().min(1, { error: 'is required' }).max(max);
const lines = z.array(z.string().max(500)).max(50);
const day = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });

export const roleBody = z.object({
  key: z.string().trim().max(40),
  name: required(120),
  description: z.string().max(4000).optional(),
  responsibilities: lines.optional(),
  authorities: z.array(z.enum(authorities)).max(authorities.length).optional(),
  competences: lines.optional(),
  accessRole: z.enum(accessRoles).nullable().optional(),
  processKey: z.string().trim().max(40).nullable().optional(),
  needsDeputy: z.boolean().optional(),
  retired: z.boolean().optional(),
});
export const rolePatch = roleBody.omit({ key: true }).partial();

export const raciRow = z.object({
  activity: z.string().max(200),
  cells: z.record(z.string().max(40), z.enum(['R', 'A', 'C', 'I'])),
});
export const processBody = z.object({
  key: z.string().trim().max(40),
  name: required(120),
  description: z.string().max(4000).optional(),
  ownerId: z.uuid().nullable().optional(),
  kpis: z.array(z.enum(kpiKeys)).max(kpiKeys.length).optional(),
  criteria: z.string().max(4000).optional(),
  raci: z.array(raciRow).max(60).optional(),
});
export const processPatch = processBody.omit({ key: true }).partial();

const appointmentChange = {
  deputyId: z.uuid().nullable().optional(),
  startsOn: day.optional(),
  endsOn: day.nullable().optional(),
  awayFrom: day.nullable().optional(),
  awayUntil: day.nullable().optional(),
  note: z.string().max(2000).optional(),
};
export const appointmentBody = z.object({
  roleId: z.uuid(),
  userId: z.uuid(),
  ...appointmentChange,
  startsOn: day,
});
export const appointmentPatch = z.object(appointmentChange);

export const competenceBody = z.object({
  userId: z.uuid(),
  competence: required(120),
  source: z.enum(['training', 'assessment', 'experience']),
  title: z.string().max(200).optional(),
  achievedOn: day,
  expiresOn: day.nullable().optional(),
  evidence: z.string().max(2000).optional(),
});

export type RoleInput = z.infer<typeof roleBody>;
export type RolePatch = z.infer<typeof rolePatch>;
/**
 * A process as the commands take it: the body's fields, with its KPIs as text (Keel's own callers, the demo
 * among them, name them so; the command names any it does not know).
 */
export type ProcessInput = Omit<z.infer<typeof processBody>, 'kpis'> & { kpis?: readonly string[] };
export type ProcessPatch = Omit<z.infer<typeof processPatch>, 'kpis'> & { kpis?: readonly string[] };
export type AppointmentInput = z.infer<typeof appointmentBody>;
export type AppointmentPatch = z.infer<typeof appointmentPatch>;
export type CompetenceInput = Omit<z.infer<typeof competenceBody>, 'userId'>;
