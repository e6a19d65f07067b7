import type { KeelModule } from '../../kernel/http/app.ts';
import { auditRoutes } from './routes/audits.ts';
import { ciRoutes } from './routes/cis.ts';
import { classRoutes } from './routes/classes.ts';
import { exportRoutes } from './routes/export.ts';
import { importRoutes } from './routes/import.ts';
import { licenceRoutes } from './routes/licences.ts';
import { relationshipRoutes } from './routes/relationships.ts';

export { createCi, loadCi, updateCi } from './commands/cis.ts';
export { createClass } from './commands/classes.ts';
export { createRelationship } from './commands/relationships.ts';
/** A service is a CI: the portfolio keeps its statuses and moves its CI with it. */
export {
  canMoveService,
  ciStatusOfService,
  type ServiceStatus,
  serviceStatuses,
} from './lifecycle.ts';
export { impactOf } from './queries.ts';
/** The answers the web app reads, as types. */
export type {
  AttributeDef,
  Audit,
  AuditItem,
  AuditPlan,
  AuditSummary,
  Check,
  CiClass,
  CiHistoryEntry,
  CiView,
  Impact,
  ImpactItem,
  ImportReport,
  LicencePosition,
  Names,
  Relationship,
  RelationshipInput,
  RelationshipType,
  RelationshipView,
} from './shapes.ts';

/** Configuration management (ISO/IEC 20000-1 8.2.6) and licence compliance (8.2.5). */
export const cmdb: KeelModule = {
  name: 'cmdb',
  routes: async (app) => {
    await app.register(classRoutes);
    await app.register(ciRoutes);
    await app.register(relationshipRoutes);
    await app.register(licenceRoutes);
    await app.register(auditRoutes);
    await app.register(exportRoutes);
    // its own scope: the CSV body parser applies to these routes only
    await app.register(importRoutes);
  },
};
