import type { KeelModule } from '../../kernel/http/app.ts';
import { auditsRoutes } from './routes.ts';

export { createAudit, stepAudit, updateAudit } from './commands/audits.ts';
export { addChecklistItem, updateChecklistItem } from './commands/checklist.ts';
export { raiseFinding, sendToImprovements } from './commands/findings.ts';
export { createProgramme, rateProcessRisk, stepProgramme } from './commands/programmes.ts';
export {
  type AuditState,
  auditStates,
  type ChecklistAnswer,
  checklistAnswers,
  type FindingKind,
  findingKinds,
  nonconformityKinds,
  type ProgrammeState,
  programmeStates,
  type RiskLevel,
  riskLevels,
} from './lifecycle.ts';
export { auditPlanners, auditReaders } from './policy.ts';
export { type AuditFilter, listAudits, presentAudit } from './queries/audits.ts';
export { type FindingFilter, listFindings } from './queries/findings.ts';
export { listProgrammes, programmeCoverage } from './queries/programmes.ts';
export { reportPdf } from './report.ts';
export type {
  AuditDetail,
  AuditInput,
  AuditPatch,
  AuditView,
  Calendar,
  ChecklistItemView,
  Coverage,
  FindingInput,
  FindingView,
  ProgrammeDetail,
  ProgrammeInput,
  ProgrammeView,
} from './shapes.ts';

/**
 * Internal audits (ISO/IEC 20000-1 9.2): audit programmes with their coverage, audits with scope, team,
 * checklist and report, the auditor's independence, and findings raising nonconformities and improvements.
 */
export const auditsModule: KeelModule = { name: 'audits', routes: auditsRoutes };
