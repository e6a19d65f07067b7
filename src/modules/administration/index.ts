import type { KeelModule } from '../../kernel/http/app.ts';
import { administrationRoutes } from './routes.ts';

export const administration: KeelModule = { name: 'administration', routes: administrationRoutes };
