import type { Role } from './roles.ts';

/** Who is acting: a signed-in person, a machine with an API token, or Keel itself (jobs, CLI). */
export type Actor = {
  kind: 'user' | 'token' | 'system';
  userId: string | null;
  label: string;
  roles: readonly Role[];
};

export const systemActor = (label = 'keel'): Actor => ({ kind: 'system', userId: null, label, roles: [] });
