import type { KeelModule } from '../../kernel/http/app.ts';
import { customerRoutes } from './routes/customers.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';

export { createCustomer } from './commands.ts';
/** The answers the web app reads, as types. */
export type { ApiToken, Customer, User } from './shapes.ts';

/** Administration: people and their access roles, API tokens, and the customer organisations served. */
export const administration: KeelModule = {
  name: 'administration',
  routes: async (app) => {
    await app.register(userRoutes);
    await app.register(tokenRoutes);
    await app.register(customerRoutes);
  },
};
