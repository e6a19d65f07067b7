import type { KeelModule } from '../../kernel/http/app.ts';
import { portfolioRoutes } from './routes.ts';

export { createService } from './commands.ts';
export { type CatalogueEntry, catalogueFor } from './queries.ts';
/** The answers the web app reads, as types. */
export type { CatalogueText, ServiceView, TechnicalView } from './shapes.ts';

/** The service portfolio and catalogue (ISO/IEC 20000-1 8.2.2, 8.2.4): every service is also a CI. */
export const portfolio: KeelModule = { name: 'portfolio', routes: portfolioRoutes };
