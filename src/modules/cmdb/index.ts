import type { KeelModule } from '../../kernel/http/app.ts';
import { cmdbImportRoutes, cmdbRoutes } from './routes.ts';

export { createCi, createClass, createRelationship, loadCi, updateCi } from './commands.ts';
export { ciStatusOfService } from './lifecycle.ts';
export { impactOf } from './queries.ts';
export const cmdb: KeelModule = {
  name: 'cmdb',
  routes: async (app) => {
    await app.register(cmdbRoutes);
    // its own scope: the CSV body parser applies to these routes only
    await app.register(cmdbImportRoutes);
  },
};
