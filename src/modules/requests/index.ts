import type { KeelModule } from '../../kernel/http/app.ts';
import { requestRoutes } from './routes.ts';
import './type.ts';

export { createCatalogueItem, itemByMailAddress } from './catalogue-items.ts';
export { createRequest } from './requests.ts';

/** Service requests from the catalogue: forms, approvals, fulfilment tasks (docs/requests.md). */
export const requestsModule: KeelModule = { name: 'requests', routes: requestRoutes };
