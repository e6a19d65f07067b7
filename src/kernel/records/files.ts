import { createHash } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { problems } from '../http/problem.ts';

/**
 * Attachments: the declared content type must be on the allow-list, match the file name's extension,
 * and, for formats with a signature, match the bytes. Anything a browser could run (HTML, SVG, scripts)
 * is refused outright.
 */
const allowed: Record<string, { ext: string[]; magic?: number[][] }> = {
  'text/plain': { ext: ['.txt', '.log'] },
  'text/csv': { ext: ['.csv'] },
  'application/json': { ext: ['.json'] },
  'application/pdf': { ext: ['.pdf'], magic: [[0x25, 0x50, 0x44, 0x46]] },
  'image/png': { ext: ['.png'], magic: [[0x89, 0x50, 0x4e, 0x47]] },
  'image/jpeg': { ext: ['.jpg', '.jpeg'], magic: [[0xff, 0xd8, 0xff]] },
  'image/gif': { ext: ['.gif'], magic: [[0x47, 0x49, 0x46, 0x38]] },
  'application/zip': { ext: ['.zip'], magic: [[0x50, 0x4b, 0x03, 0x04]] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    ext: ['.docx'],
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    ext: ['.xlsx'],
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  'message/rfc822': { ext: ['.eml'] },
};

export const allowedContentTypes = Object.keys(allowed);

export function checkUpload(fileName: string, declared: string, content: Buffer): string {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  const rule = allowed[type];
  if (!rule) {
    throw problems.unsupportedMedia(
      `Files of type ${type || 'unknown'} are not accepted; accepted: ${allowedContentTypes.join(', ')}.`,
    );
  }
  const ext = path.extname(fileName).toLowerCase();
  if (!rule.ext.includes(ext)) {
    throw problems.validation([
      { field: 'file', message: `a ${type} file should end in ${rule.ext.join(' or ')}` },
    ]);
  }
  if (rule.magic && !rule.magic.some((m) => m.every((b, i) => content[i] === b))) {
    throw problems.validation([{ field: 'file', message: `the file's content is not ${type}` }]);
  }
  if (content.length === 0) throw problems.validation([{ field: 'file', message: 'is empty' }]);
  return type;
}

/**
 * Keeps a file's bytes in the shared content-addressed store (attachment_blobs), once however many records
 * attach them; returns the address (SHA-256, hex) a record's attachment row refers to.
 */
export async function storeBlob(tx: Tx, content: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  await tx.execute(
    sql`insert into attachment_blobs (sha256, content) values (${sha256}, ${content}) on conflict do nothing`,
  );
  return sha256;
}
