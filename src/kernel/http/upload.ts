import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { problems } from './problem.ts';

/** A file part's bytes, or null as soon as there are more than `max` of them. */
async function readUpTo(file: Readable & { truncated?: boolean }, max: number): Promise<Buffer | null> {
  const pieces: Buffer[] = [];
  let size = 0;
  for await (const piece of file as AsyncIterable<Buffer>) {
    size += piece.length;
    if (size > max) return null;
    pieces.push(piece);
  }
  return file.truncated ? null : Buffer.concat(pieces);
}

/** A file sent as multipart/form-data: its name, declared media type and bytes. */
export type UploadedFile = { fileName: string; contentType: string; content: Buffer };

/**
 * Reads the file a request sends in the multipart field `file`, at most `maxBytes` of it (the installation's
 * attachment limit): 415 when the request is not multipart, 413 past the limit (without reading the rest),
 * a field error when the field is missing. Every upload route (work items, articles) reads files this way.
 */
export async function receiveFile(request: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  if (!request.isMultipart())
    throw problems.unsupportedMedia('Send the file as multipart/form-data in the field "file".');
  const tooLarge = () => problems.tooLarge(`Files may be at most ${maxBytes} bytes.`);
  // a body that says it is larger than the file may be (with room for the form's own lines) is not read
  if (Number(request.headers['content-length']) > maxBytes + 64 * 1024) throw tooLarge();
  // one byte more than allowed is read, so a file over the limit shows by its length, not by a flag
  const part = await request.file({ limits: { fileSize: maxBytes + 1 } });
  if (part?.fieldname !== 'file') throw problems.validation([{ field: 'file', message: 'is required' }]);
  const content = await readUpTo(part.file, maxBytes);
  if (!content) {
    // stop reading the rest: the 413 closes the connection (toBuffer would read the upload to its end)
    request.raw.unpipe();
    request.raw.pause();
    throw tooLarge();
  }
  return { fileName: part.filename.slice(0, 255), contentType: part.mimetype, content };
}
