import type { KeelModule } from '../../kernel/http/app.ts';
import { cmdbRoutes } from './routes.ts';

export { createCi, createRelationship, loadCi, updateCi } from './commands.ts';
export { ciStatusOfService } from './lifecycle.ts';
export { impactOf } from './queries.ts';
export const cmdb: KeelModule = { name: 'cmdb', routes: cmdbRoutes };
