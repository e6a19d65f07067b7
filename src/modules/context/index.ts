import type { KeelModule } from '../../kernel/http/app.ts';
import { contextRoutes } from './routes.ts';

export { saveIssue, saveParty, saveScope } from './commands.ts';
export { presentContext, presentScope } from './queries.ts';
export type {
  ContextView,
  Issue,
  IssueInput,
  Party,
  PartyInput,
  ScopeInput,
  ScopeVersion,
  ScopeView,
  ScopeWarning,
} from './shapes.ts';

/** Context of the organisation (ISO/IEC 20000-1 4.1–4.3): issues, interested parties, the scope of the SMS. */
export const contextModule: KeelModule = { name: 'context', routes: contextRoutes };
