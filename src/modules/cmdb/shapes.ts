import { z } from 'zod';
import { cursorQuery } from '../../kernel/http/pagination.ts';
import { commaList, day, historyOf } from '../../kernel/http/params.ts';
import { ciStatuses } from './lifecycle.ts';

/**
 * The CMDB's API shapes, declared once: the routes validate and answer with them, the commands take their
 * inferred inputs, and the web app imports the inferred answers (through index.ts) as types.
 */

/** Names in the languages Keel speaks; English is required, the others fall back to it. */
export const names = z.object({
  en: z.string().trim().min(1).max(200),
  nl: z.string().trim().max(200).optional(),
  da: z.string().trim().max(200).optional(),
});
export type Names = z.infer<typeof names>;

/* ---------- classes ---------- */

export const attributeTypes = ['text', 'number', 'integer', 'boolean', 'date', 'choice'] as const;
export const attributeDef = z.object({
  key: z.string().min(1).max(40),
  label: z.string().trim().min(1).max(200),
  type: z.enum(attributeTypes),
  required: z.boolean().default(false),
  values: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
});
export type AttributeDef = z.infer<typeof attributeDef>;

export const classShape = z.object({
  key: z.string(),
  names,
  description: z.string(),
  attributes: z.array(attributeDef),
  builtIn: z.boolean(),
  version: z.number().int(),
});
export type CiClass = z.infer<typeof classShape>;

export const classBody = z.object({
  key: z.string().max(40),
  names,
  description: z.string().max(2000).optional(),
  attributes: z.array(attributeDef).max(100).default([]),
});
export type ClassInput = z.infer<typeof classBody>;

export const classPatch = z.strictObject({
  names: names.optional(),
  description: z.string().max(2000).optional(),
  attributes: z.array(attributeDef).max(100).optional(),
});
export type ClassPatch = z.infer<typeof classPatch>;

export const classKeyParam = z.object({ key: z.string().max(40) });

/* ---------- configuration items ---------- */

const date = day;
const ciFields = {
  name: z.string().trim().min(1, { error: 'is required' }).max(300),
  externalId: z.string().trim().min(1).max(200).nullable().optional(),
  status: z.enum(ciStatuses).optional(),
  ownerId: z.uuid().nullable().optional(),
  locationId: z.uuid().nullable().optional(),
  description: z.string().max(20_000).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  purchaseDate: date.nullable().optional(),
  supplier: z.string().trim().max(300).nullable().optional(),
  cost: z
    .union([
      z.number().min(0, { error: 'must not be negative' }).max(999_999_999_999),
      z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, { error: 'must be an amount like 1234.50' }),
    ])
    .transform(String)
    .nullable()
    .optional(),
  warrantyEnd: date.nullable().optional(),
  disposalDate: date.nullable().optional(),
};

export const ciBody = z.object({ classKey: z.string().min(1).max(40), ...ciFields });
export type CiInput = z.infer<typeof ciBody>;

export const ciPatch = z.strictObject({
  ...ciFields,
  name: ciFields.name.optional(),
  changeRef: z
    .string()
    .max(40)
    .nullable()
    .optional()
    .describe('The change record (a work-item number) this change belongs to'),
});
export type CiPatch = z.infer<typeof ciPatch>;

export const ciShape = z.object({
  id: z.uuid(),
  classKey: z.string(),
  className: names,
  name: z.string(),
  externalId: z.string().nullable(),
  status: z.string(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  locationId: z.uuid().nullable(),
  locationName: z.string().nullable(),
  description: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  purchaseDate: z.string().nullable(),
  supplier: z.string().nullable(),
  cost: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  disposalDate: z.string().nullable(),
  serviceId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CiView = z.infer<typeof ciShape>;

export const ciSorts = ['name', 'updatedAt', 'createdAt'] as const;
export const ciListQuery = cursorQuery.extend({
  class: commaList(z.string().max(40)).optional().describe('Class keys, comma-separated'),
  status: commaList(z.enum(ciStatuses)).optional().describe('Statuses, comma-separated'),
  q: z.string().trim().max(200).optional().describe('Part of the name or external id'),
  ownerId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  sort: z.enum(ciSorts).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** A CI's relationship as read from its side ("runs on" one way, "hosts" the other). */
export const ciRelationshipShape = z.object({
  id: z.uuid(),
  typeKey: z.string(),
  direction: z.enum(['outgoing', 'incoming']),
  label: names,
  other: z.object({ id: z.uuid(), name: z.string(), classKey: z.string(), status: z.string() }),
});
export type RelationshipView = z.infer<typeof ciRelationshipShape>;

/** A CI's history: each field change, and the change record it belongs to once linked. */
export const ciHistoryShape = historyOf({ changeRef: z.string().nullable() });
export type CiHistoryEntry = z.infer<typeof ciHistoryShape>['items'][number];

export const changeLinkBody = z.object({
  entryIds: z.array(z.number().int().positive()).min(1).max(500),
  changeRef: z.string().min(1).max(40),
});

export const impactDirections = ['upstream', 'downstream'] as const;
export const impactItemShape = z.object({
  id: z.uuid(),
  name: z.string(),
  classKey: z.string(),
  status: z.string(),
  /** The service this CI is, if it is one. */
  serviceId: z.uuid().nullable(),
  depth: z.number().int(),
  via: z.uuid(),
  relationship: z.string(),
});
export type ImpactItem = z.infer<typeof impactItemShape>;

export const impactShape = z.object({
  ci: z.object({ id: z.uuid(), name: z.string(), classKey: z.string() }),
  direction: z.enum(impactDirections),
  items: z.array(impactItemShape),
  services: z
    .array(
      z.object({
        id: z.uuid(),
        ciId: z.uuid(),
        name: z.string(),
        criticality: z.number().int(),
        status: z.string(),
      }),
    )
    .optional(),
  customers: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })).optional(),
  agreements: z
    .array(
      z.object({
        id: z.uuid(),
        kind: z.string(),
        name: z.string(),
        status: z.string(),
        partyName: z.string().nullable(),
      }),
    )
    .optional(),
});
export type Impact = z.infer<typeof impactShape>;

/* ---------- relationships ---------- */

export const relationshipTypeShape = z.object({ key: z.string(), forward: names, reverse: names });
export type RelationshipType = z.infer<typeof relationshipTypeShape>;

export const relationshipShape = z.object({
  id: z.uuid(),
  sourceId: z.uuid(),
  targetId: z.uuid(),
  typeKey: z.string(),
  createdAt: z.string(),
});
export type Relationship = z.infer<typeof relationshipShape>;

export const relationshipBody = z.object({
  sourceId: z.uuid(),
  targetId: z.uuid(),
  typeKey: z.string().min(1).max(40),
});
export type RelationshipInput = z.infer<typeof relationshipBody>;

export const relationshipListQuery = cursorQuery.extend({
  ciId: z.uuid().optional(),
  type: z.string().max(40).optional(),
});

/* ---------- licences ---------- */

export const licencePositionShape = z.object({
  id: z.uuid(),
  name: z.string(),
  vendor: z.string().nullable(),
  metric: z.string().nullable(),
  expires: z.string().nullable(),
  entitlements: z.number().int(),
  installations: z.number().int(),
  /** installations − entitlements: above zero is over-use (a compliance risk), below zero unused licences. */
  balance: z.number().int(),
  /** Only per-install licences are judged by installations; per-user and per-core ones are not measured here. */
  position: z.enum(['over', 'under', 'balanced', 'not_measured']),
});
export type LicencePosition = z.infer<typeof licencePositionShape>;

/* ---------- configuration verification ---------- */

export const auditStates = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export const checkResults = ['match', 'mismatch'] as const;

export const auditSummaryShape = z.object({
  id: z.uuid(),
  title: z.string(),
  classKey: z.string().nullable(),
  sampleSize: z.number().int().nullable(),
  plannedFor: z.string(),
  state: z.enum(auditStates),
  auditorId: z.uuid().nullable(),
  auditorName: z.string().nullable(),
  version: z.number().int(),
  completedAt: z.string().nullable(),
  items: z.number().int(),
  checked: z.number().int(),
  matches: z.number().int(),
  mismatches: z.number().int(),
  openFollowUps: z.number().int(),
  accuracy: z.number().nullable().describe('Matches as a share of CIs checked, in %'),
});
export type AuditSummary = z.infer<typeof auditSummaryShape>;

export const auditItemShape = z.object({
  ciId: z.uuid(),
  name: z.string(),
  classKey: z.string(),
  result: z.enum(checkResults).nullable(),
  discrepancy: z.string().nullable(),
  followUp: z.string().nullable(),
  followUpDone: z.boolean(),
  checkedByName: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type AuditItem = z.infer<typeof auditItemShape>;

export const auditShape = auditSummaryShape.extend({ ciItems: z.array(auditItemShape) });
export type Audit = z.infer<typeof auditShape>;

export const auditPlanBody = z.object({
  title: z.string().trim().min(1, { error: 'is required' }).max(300),
  classKey: z.string().max(40).nullable().optional(),
  sampleSize: z.number().int().min(1).max(10_000).nullable().optional(),
  plannedFor: day,
  auditorId: z.uuid().nullable().optional(),
});
export type AuditPlan = z.infer<typeof auditPlanBody>;

export const checkBody = z.strictObject({
  result: z.enum(checkResults).optional(),
  discrepancy: z.string().max(5000).nullable().optional(),
  followUp: z.string().max(5000).nullable().optional(),
  followUpDone: z.boolean().optional(),
});
export type Check = z.infer<typeof checkBody>;

/* ---------- CSV import ---------- */

export const importQuery = z.object({
  dryRun: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  mapping: z
    .string()
    .max(10_000)
    .optional()
    .describe(
      'JSON object from CSV column to field, e.g. {"Asset tag":"externalId","RAM":"attributes.memory_gb","Notes":"ignore"}',
    ),
});

export const rowResultShape = z.object({
  row: z.number().int(),
  action: z.enum(['create', 'update', 'unchanged', 'error']),
  key: z.string(),
  id: z.uuid().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type RowResult = z.infer<typeof rowResultShape>;

export const importReportShape = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  rows: z.array(rowResultShape),
});
export type ImportReport = z.infer<typeof importReportShape>;
