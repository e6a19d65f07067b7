import type { KeelModule } from '../../kernel/http/app.ts';
import { policyJobs } from './commands.ts';
import { policyRoutes } from './routes.ts';

export {
  acknowledgePolicy,
  createPolicy,
  decidePolicy,
  newDraft,
  publishPolicy,
  saveDraft,
  submitPolicy,
} from './commands.ts';
export { policyWriters } from './policy.ts';
export { listPolicies, type Policy, policyFor, presentPolicy } from './queries.ts';
export type {
  Coverage,
  DecisionInput,
  DraftInput,
  PendingAcknowledgement,
  PolicyChanges,
  PolicyInput,
  PolicyPatch,
  PolicyRow,
  PolicyView,
} from './shapes.ts';
export { policyShape } from './shapes.ts';

/** Policies (ISO/IEC 20000-1 5.2): versioned documents, approved, published to an audience, acknowledged. */
export const policiesModule: KeelModule = { name: 'policies', routes: policyRoutes, jobs: policyJobs };
