import type { KeelModule } from '../../kernel/http/app.ts';
import { portfolioRoutes } from './routes.ts';

export { createService } from './commands.ts';
export { catalogueFor } from './queries.ts';
export const portfolio: KeelModule = { name: 'portfolio', routes: portfolioRoutes };
