/**
 * Shapes the API answers with. Where the server has the type, it is imported (type-only, erased at build),
 * so the web app and the API cannot drift apart.
 */
import type { Role } from '../kernel/access/roles.ts';
import type { TokenView, UserView } from '../kernel/auth/users.ts';

export type { Role };
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

export type User = UserView;
export type ApiToken = TokenView & { userName: string; userEmail: string };
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };

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
