import type { FastifyInstance } from 'fastify';
import type { KeelModule } from '../../kernel/http/app.ts';
import { customerRoutes } from './customers.ts';
import { administrationRoutes } from './routes.ts';

export { createCustomer } from './customers.ts';
export const administration: KeelModule = {
  name: 'administration',
  routes: async (app: FastifyInstance) => {
    await app.register(administrationRoutes);
    await app.register(customerRoutes);
  },
};
