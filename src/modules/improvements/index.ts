import type { KeelModule } from '../../kernel/http/app.ts';
import { improvementRoutes } from './routes.ts';

export { proposeImprovement } from './commands/propose.ts';
export {
  addImprovementAction,
  fireImprovementStep,
  setImprovementActionDone,
  updateImprovement,
} from './commands/register.ts';
export {
  type ImprovementSource,
  type ImprovementState,
  improvementSources,
  improvementStates,
} from './lifecycle.ts';
export { weightedScore } from './scoring.ts';
export type {
  CriterionView,
  ImprovementPatch,
  ImprovementRow,
  ImprovementTransition,
  ImprovementView,
  NewImprovement,
  ProposeInput,
} from './shapes.ts';

/** The improvement register (ISO/IEC 20000-1 10.2, docs/check-and-act.md). */
export const improvementsModule: KeelModule = { name: 'improvements', routes: improvementRoutes };
