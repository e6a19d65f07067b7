import type { Access } from '../access/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';

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
    /** Every route with its access declaration, in registration order (walked by a test). */
    registeredRoutes: Array<{ method: string; url: string; access: Access }>;
  }
}
