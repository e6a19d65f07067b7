import type { KeelModule } from '../../kernel/http/app.ts';
import { agreementRoutes } from './routes.ts';

export { createAgreement, createCalendar } from './commands.ts';
export const agreementsModule: KeelModule = { name: 'agreements', routes: agreementRoutes };
