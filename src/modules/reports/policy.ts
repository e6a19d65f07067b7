import { externalRoles, holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';

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

/** Everyone inside the provider reads schedules and distributions; customers and suppliers never do. */
export const mayReadReports = (who: Who) => holdsAny(who, reportReaders);

/**
 * A service level report may go to people inside the provider and to the users of the customer it is agreed
 * with, never to another customer's users or a supplier's; the KPI pack and the management review pack are the
 * provider's own and go to people inside it only. A person holding an outside role (customer, supplier) is
 * judged by that role even if they hold an inside one as well: what they get may leave the provider.
 */
export const internalOnlyKinds: readonly ReportKind[] = ['kpi_pack', 'review_pack'];
export type Recipient = Who & { customerId?: string | null };
export const mayReceive = (
  kind: ReportKind,
  person: Recipient,
  agreementCustomerId: string | null = null,
) => {
  if (!holdsAny(person, externalRoles)) return holdsAny(person, internalRoles);
  if (internalOnlyKinds.includes(kind) || holdsAny(person, ['supplier'])) return false;
  return !!person.customerId && person.customerId === agreementCustomerId;
};
