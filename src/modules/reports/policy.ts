import { holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';

/**
 * Scheduled service reports (9.4, docs/check-and-act.md): who reads the schedules and what was sent, who
 * keeps the schedules; what can be reported, how often, in which formats.
 */
type Who = { roles: readonly string[] };

export const reportKinds = ['service_level', 'kpi_pack', 'review_pack'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportFrequencies = ['monthly', 'quarterly'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];
export const reportFormats = ['pdf', 'csv'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** Everyone inside the provider reads the schedules and the distribution record (it is 9.4's evidence). */
export const reportReaders: readonly Role[] = internalRoles;
/** Who sets up and changes scheduled reports. */
export const reportKeepers: readonly Role[] = ['service_level_manager', 'process_owner', 'top_management'];

export const mayKeepReports = (who: Who) => holdsAny(who, reportKeepers);
