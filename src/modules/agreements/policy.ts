import type { Role } from '../../kernel/access/roles.ts';
import { cmdbReaders } from '../cmdb/policy.ts';

/** The service level manager agrees service levels (ISO/IEC 20000-1 8.3.3) and keeps the calendars. */
export const agreementEditors: Role[] = ['service_level_manager'];
export const agreementReaders: Role[] = cmdbReaders;
