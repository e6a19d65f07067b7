import type { KeelModule } from '../../kernel/http/app.ts';
import { catalogueRoutes } from './routes/catalogue.ts';
import { requestRoutes } from './routes/requests.ts';
import { taskRoutes } from './routes/tasks.ts';
import './type.ts';

export { createCatalogueItem } from './commands/catalogue-items.ts';
export { createRequest } from './commands/requests.ts';
export { itemByMailAddress } from './queries/catalogue.ts';
/** The shapes of the request API's answers, for the web app (types only). */
export type {
  CatalogueItemPatch,
  CatalogueItemView,
  CatalogueService,
  FieldChoice,
  NewCatalogueItem,
  OrderableItem,
  OrderField,
} from './routes/catalogue.ts';
export type {
  ApprovalDecision,
  NewRequest,
  PendingApproval,
  RequestApproval,
  RequestClock,
  RequestView,
} from './routes/requests.ts';
export type { TaskView } from './routes/tasks.ts';
export { requestWorkload } from './workload.ts';

/** Service requests from the catalogue: forms, approvals, fulfilment tasks (docs/requests.md). */
export const requestsModule: KeelModule = {
  name: 'requests',
  routes: async (app) => {
    await app.register(catalogueRoutes);
    await app.register(requestRoutes);
    await app.register(taskRoutes);
  },
};
