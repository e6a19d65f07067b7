/**
 * Shapes several areas of the web app share. Each comes from the server where it declares it (type-only,
 * erased at build), so the web app and the API cannot drift apart.
 */
import type { z } from 'zod';
import type { Role } from '../kernel/access/roles.ts';
import type { meSchema } from '../kernel/auth/routes.ts';

export type { Role };

/** The signed-in person, as `GET /api/v1/me` answers. */
export type Me = z.infer<typeof meSchema>;
export type Language = Me['language'];

/** A page of a list read by offset (users, the audit log). */
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };

/**
 * A server answer's type as it arrives: the server's schemas may say Date (their handlers return Date
 * objects), but JSON carries every instant as an ISO 8601 text.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends ReadonlyArray<infer U>
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
