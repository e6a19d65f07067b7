export type Role =
  | 'administrator'
  | 'top_management'
  | 'service_owner'
  | 'process_owner'
  | 'service_desk_agent'
  | 'resolver'
  | 'incident_manager'
  | 'problem_manager'
  | 'change_manager'
  | 'configuration_manager'
  | 'service_level_manager'
  | 'internal_auditor'
  | 'customer';

export type Language = 'en' | 'nl' | 'da';

export type Me = {
  id: string;
  email: string;
  name: string;
  language: Language;
  roles: Role[];
  via: 'session' | 'token';
  csrfToken?: string;
};

export type User = {
  id: string;
  email: string;
  name: string;
  language: Language;
  active: boolean;
  roles: Role[];
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type Page<T> = { items: T[]; total: number; limit: number; offset: number };

export type ApiToken = {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  userName?: string;
  userEmail?: string;
};

export type AuditEntry = {
  id: number;
  seq: number | null;
  at: string;
  actorLabel: string;
  action: string;
  recordType: string;
  recordId: string;
  requestId: string | null;
};
