import type { Role } from '../../kernel/access/roles.ts';

/** The role catalogue as the API gives it (GET /api/v1/roles). */
export type Appointment = {
  id: string;
  roleId: string;
  roleKey: string;
  roleName: string;
  userId: string;
  userName: string;
  deputyId: string | null;
  deputyName: string | null;
  startsOn: string;
  endsOn: string | null;
  awayFrom: string | null;
  awayUntil: string | null;
  note: string;
  state: 'future' | 'current' | 'ended';
  deputyActing: boolean;
  version: number;
};

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

export type Gap = {
  kind:
    | 'process_without_owner'
    | 'role_vacant'
    | 'role_without_deputy'
    | 'appointment_ending'
    | 'competence_missing';
  roleId?: string;
  processId?: string;
  name: string;
  userName?: string;
  endsOn?: string;
  competences?: string[];
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
export const gapLink = (g: Gap) => (g.roleId ? `/roles/${g.roleId}` : '/processes');
