import type { FastifyReply, FastifyRequest } from 'fastify';
import { problems } from './problem.ts';

/** Optimistic locking: GET sends the record's version as ETag, writes send it back as If-Match. */
export const etagOf = (version: number) => `"${version}"`;

export function setEtag(reply: FastifyReply, version: number) {
  reply.header('etag', etagOf(version));
}

/** The version the client last read; 428 when it sent none. */
export function expectedVersion(request: FastifyRequest): number {
  const h = request.headers['if-match'];
  if (!h) throw problems.preconditionRequired();
  const m = /^(?:W\/)?"(\d+)"$/.exec(String(h).trim());
  if (!m) throw problems.stale();
  return Number(m[1]);
}

/** Throws 412 when the record moved on since the client read it. */
export function checkVersion(expected: number, current: number) {
  if (expected !== current) throw problems.stale();
}
