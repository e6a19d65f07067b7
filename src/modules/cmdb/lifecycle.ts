/** CI status lifecycle (see docs/cmdb.md): which status may follow which. */
export const ciStatuses = ['planned', 'in_build', 'live', 'under_maintenance', 'retired'] as const;
export type CiStatus = (typeof ciStatuses)[number];

const next: Record<CiStatus, readonly CiStatus[]> = {
  planned: ['in_build', 'live', 'retired'],
  in_build: ['live', 'planned', 'retired'],
  live: ['under_maintenance', 'retired'],
  under_maintenance: ['live', 'retired'],
  retired: ['planned'],
};

export const canMove = (from: CiStatus, to: CiStatus) => from === to || next[from].includes(to);
export const nextStatuses = (from: CiStatus) => next[from];

export const serviceStatuses = ['pipeline', 'live', 'retired'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];
const serviceNext: Record<ServiceStatus, readonly ServiceStatus[]> = {
  pipeline: ['live', 'retired'],
  live: ['retired'],
  retired: ['pipeline'],
};
export const canMoveService = (from: ServiceStatus, to: ServiceStatus) =>
  from === to || serviceNext[from].includes(to);

/** The CI status that mirrors a service's portfolio status. */
export const ciStatusOfService = (s: ServiceStatus): CiStatus =>
  s === 'pipeline' ? 'planned' : s === 'live' ? 'live' : 'retired';

/**
 * The fields a CSV import reads (and the export writes), besides `attributes.<key>`. Here beside the
 * statuses because the browser's import wizard offers the same columns, and a module shares only its
 * lifecycle and policy with the browser at run time.
 */
export const ciColumns = [
  'classKey',
  'name',
  'externalId',
  'status',
  'description',
  'owner',
  'location',
  'purchaseDate',
  'supplier',
  'cost',
  'warrantyEnd',
  'disposalDate',
] as const;

export const relationshipColumns = ['sourceClass', 'source', 'type', 'targetClass', 'target'] as const;
