import { z } from 'zod';
import { roles as accessRoles } from '../../kernel/access/roles.ts';
import { day } from '../../kernel/http/params.ts';
import { kpiKeys } from '../objectives/index.ts';
import { authorities } from './policy.ts';

/** What the roles API takes, declared once: the routes validate it, the commands take its type. */
const required = (max: number) => z.string().trim().min(1, { error: 'is required' }).max(max);
const lines = z.array(z.string().max(500)).max(50);

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

/** What the roles API answers, declared once: the routes encode through it, the web reads its types. */
export const appointmentShape = z.object({
  id: z.uuid(),
  roleId: z.uuid(),
  roleKey: z.string(),
  roleName: z.string(),
  userId: z.uuid(),
  userName: z.string(),
  deputyId: z.uuid().nullable(),
  deputyName: z.string().nullable(),
  startsOn: z.string().describe('YYYY-MM-DD'),
  endsOn: z.string().nullable(),
  awayFrom: z.string().nullable(),
  awayUntil: z.string().nullable(),
  note: z.string(),
  state: z.enum(['future', 'current', 'ended']).describe('current from the first to the last day'),
  deputyActing: z.boolean().describe('The deputy acts today because the holder is away'),
  version: z.number().int(),
});

const inRole = { roleId: z.uuid(), roleKey: z.string(), name: z.string() };
export const gapShape = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('process_without_owner'),
    processId: z.uuid(),
    processKey: z.string(),
    name: z.string(),
  }),
  z.object({ kind: z.literal('role_vacant'), ...inRole }),
  z.object({ kind: z.literal('role_without_deputy'), ...inRole, userName: z.string() }),
  z.object({ kind: z.literal('appointment_ending'), ...inRole, userName: z.string(), endsOn: z.string() }),
  z.object({
    kind: z.literal('competence_missing'),
    ...inRole,
    userId: z.uuid(),
    userName: z.string(),
    competences: z.array(z.string()),
  }),
]);

export const roleShape = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  responsibilities: z.array(z.string()),
  authorities: z.array(z.string()),
  competences: z.array(z.string()),
  accessRole: z.enum(accessRoles).nullable(),
  processKey: z.string().nullable(),
  needsDeputy: z.boolean(),
  retired: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int(),
  holders: z.array(appointmentShape).describe('Current and coming appointments'),
});
export const catalogueShape = z.object({ items: z.array(roleShape), gaps: z.array(gapShape) });
export const roleDetailShape = roleShape.extend({
  appointments: z.array(appointmentShape).describe('All of them, past ones too'),
  gaps: z.array(gapShape),
});

export const processShape = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  ownerId: z.uuid().nullable(),
  kpis: z.array(z.string()),
  criteria: z.string(),
  raci: z.array(raciRow),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int(),
});
export const processListShape = z.object({
  items: z.array(processShape.extend({ ownerName: z.string().nullable() })),
});

export const competenceRecordShape = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  competence: z.string(),
  source: z.enum(['training', 'assessment', 'experience']),
  title: z.string(),
  achievedOn: z.string(),
  expiresOn: z.string().nullable(),
  evidence: z.string(),
  recordedBy: z.uuid().nullable(),
  createdAt: z.date(),
});
export const competenceListShape = z.object({
  items: z.array(
    competenceRecordShape.omit({ userId: true, recordedBy: true, createdAt: true }).extend({
      createdAt: z.string(),
      recordedBy: z.string().nullable().describe('The name of the person who recorded it'),
      expired: z.boolean(),
    }),
  ),
});

export type AppointmentView = z.infer<typeof appointmentShape>;
export type Gap = z.infer<typeof gapShape>;
export type SmsRole = z.infer<typeof roleShape>;
export type Catalogue = z.infer<typeof catalogueShape>;
export type RoleDetail = z.infer<typeof roleDetailShape>;
export type SmsProcess = z.infer<typeof processListShape>['items'][number];
export type CompetenceRecord = z.infer<typeof competenceListShape>['items'][number];
