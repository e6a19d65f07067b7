import type { Role } from '../../kernel/access/roles.ts';
import { cmdbReaders } from '../cmdb/policy.ts';

/** The service owner and the service level manager keep the portfolio. */
export const portfolioEditors: Role[] = ['service_owner', 'service_level_manager'];
export const portfolioReaders: Role[] = cmdbReaders;
