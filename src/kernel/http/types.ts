import type { Access } from '../access/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';

/** A registered route: who may call it, and the schemas of its successful answers by status code. */
export type RegisteredRoute = {
  method: string;
  url: string;
  access: Access;
  answers: Record<string, unknown>;
};

/** What Keel's routes can reach: the database and the validated settings. */
export type Keel = { db: Db; config: Config };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    keel: Keel;
    /** Every route with its access declaration and answer shapes, in registration order (walked by tests). */
    registeredRoutes: RegisteredRoute[];
  }
}
