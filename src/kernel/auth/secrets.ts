import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Random tokens for sessions, API tokens and one-time links: 256 bits, URL-safe. */
export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Fast hash for high-entropy tokens (sessions, API tokens): brute force is hopeless, lookups stay fast. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Compares a secret a client sent with the expected one in constant time: no timing hint at its bytes. */
export function sameSecret(sent: string | string[] | undefined, expected: string | undefined): boolean {
  if (typeof sent !== 'string' || !expected) return false;
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/**
 * Passwords: scrypt, memory-hard, N=2^15, r=8, p=1 (32 MiB per hash, OWASP's recommended minimum), with a
 * 16-byte salt. Stored as scrypt$N$r$p$salt$hash so the cost can be raised later without a migration.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEYLEN,
      { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 },
      (e, key) => (e ? reject(e) : resolve(key)),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  // with no stored hash, still spend the time, so response time does not tell which accounts exist
  const parts = (stored ?? `scrypt$${N}$${R}$${P}$${randomBytes(16).toString('base64url')}$`).split('$');
  const [alg, n, r, p, salt, key] = parts;
  if (alg !== 'scrypt' || !n || !r || !p || salt === undefined || key === undefined) return false;
  const derived = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  const expected = Buffer.from(key, 'base64url');
  return stored !== null && expected.length === derived.length && timingSafeEqual(derived, expected);
}

/** The password rule shown to users: long rather than complicated (NIST SP 800-63B). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
