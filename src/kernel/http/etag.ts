import type { FastifyReply, FastifyRequest } from 'fastify';
import { problems } from './problem.ts';

/** Optimistic locking: GET sends the record's version as a strong ETag, writes send it back as If-Match. */
export const etagOf = (version: number) => `"${version}"`;

export function setEtag(reply: FastifyReply, version: number) {
  reply.header('etag', etagOf(version));
}

/**
 * What `If-Match: *` stands for: any version the record has now (RFC 9110 13.1.1). Versions are never
 * negative, so this names no real one; `checkVersion` lets it through, and a record that does not exist is
 * a 404 before that.
 */
export const anyVersion = -1;

const entityTag = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

/**
 * The version the client last read, from If-Match; 428 when it sent none. If-Match compares strongly: a weak
 * tag (W/"3") never matches, so a list of weak tags only is refused with 412. Keel matches one version, so a
 * list names at most one strong tag; `*` matches whatever version the record has.
 */
export function expectedVersion(request: FastifyRequest): number {
  const h = request.headers['if-match'];
  if (h === undefined || h === '') throw problems.preconditionRequired();
  const given = String(h).trim();
  if (given === '*') return anyVersion;
  const tags = given.split(',').map((t) => entityTag.exec(t.trim()));
  if (tags.some((t) => t === null)) {
    throw problems.validation([
      { field: 'headers.if-match', message: 'must be an entity tag such as "4", a list of them, or *' },
    ]);
  }
  const strong = [...new Set(tags.filter((t) => !t![1]).map((t) => t![2]!))];
  if (strong.length > 1) {
    throw problems.validation([
      { field: 'headers.if-match', message: 'must name one version: the ETag you last read, or *' },
    ]);
  }
  const version = strong[0] !== undefined && /^(0|[1-9]\d{0,9})$/.test(strong[0]) ? Number(strong[0]) : null;
  // a weak tag, or a strong one that is no version Keel sends, matches nothing the record can be
  if (version === null) throw problems.stale();
  return version;
}

/** Throws 412 when the record moved on since the client read it (`anyVersion` matches every version). */
export function checkVersion(expected: number, current: number) {
  if (expected !== anyVersion && expected !== current) throw problems.stale();
}
