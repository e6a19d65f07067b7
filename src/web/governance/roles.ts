import type { Role } from '../../kernel/access/roles.ts';
import type { AppointmentView, Gap } from '../../modules/roles/index.ts';

/** The role catalogue as the API gives it (GET /api/v1/roles): the server's own shapes where it has them. */
export type Appointment = AppointmentView;
export type { Gap };

export type SmsRole = {
  id: string;
  key: string;
  name: string;
  description: string;
  responsibilities: string[];
  authorities: string[];
  competences: string[];
  accessRole: Role | null;
  processKey: string | null;
  needsDeputy: boolean;
  retired: boolean;
  version: number;
  holders: Appointment[];
};

export type Catalogue = { items: SmsRole[]; gaps: Gap[] };

export type SmsProcess = {
  id: string;
  key: string;
  name: string;
  description: string;
  ownerId: string | null;
  ownerName: string | null;
  kpis: string[];
  criteria: string;
  raci: Array<{ activity: string; cells: Record<string, 'R' | 'A' | 'C' | 'I'> }>;
  version: number;
};

/** Lines typed one per row, as a list (blank lines dropped). */
export const toLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Where a gap's record lives. */
export const gapLink = (g: Gap) => ('roleId' in g ? `/roles/${g.roleId}` : '/processes');
