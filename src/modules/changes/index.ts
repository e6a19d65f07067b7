import type { KeelModule } from '../../kernel/http/app.ts';
import { changeRoutes } from './routes.ts';
import './type.ts';

export { CHANGE_CLOSED_JOB, createChange } from './commands.ts';
/** The shapes of the change API's answers, for the web app (types only). */
export type { ChangePatch, ChangeRow, ChangeView, NewChange } from './routes.ts';
export { changeWorkload } from './workload.ts';

/** Change management: record, assess, approve, implement and review changes (docs/changes.md). */
export const changesModule: KeelModule = { name: 'changes', routes: changeRoutes };
