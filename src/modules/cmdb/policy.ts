import { type Role, staffRoles } from '../../kernel/access/roles.ts';

/** Who may do what in configuration management (issue: "configuration manager and service owners edit"). */
export const cmdbEditors: Role[] = ['configuration_manager', 'service_owner'];
/** Classes shape everyone's data: the configuration manager keeps them, with the administrator. */
export const classEditors: Role[] = ['configuration_manager', 'administrator'];
/** Everyone on the provider's side reads the CMDB; the auditor reads everything; customers do not. */
export const cmdbReaders: Role[] = [...staffRoles, 'internal_auditor'];
