import { StringDecoder } from 'node:string_decoder';
import type { FastifyRequest } from 'fastify';

/**
 * Reads a request body as UTF-8 text of at most `maxBytes`, refusing as soon as it is larger: by its
 * Content-Length before reading a byte, else at the piece that crosses the limit. It then stops reading (the
 * client is held back, and the 413 closes the connection), so an oversized upload is never held in memory.
 * `inspect` sees each piece of text as it arrives and may refuse it too, by throwing.
 */
export function readLimitedText(
  request: FastifyRequest,
  payload: NodeJS.ReadableStream,
  opts: { maxBytes: number; tooLarge: () => Error; inspect?: (text: string) => void },
): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > opts.maxBytes) return Promise.reject(opts.tooLarge());
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    const pieces: string[] = [];
    let bytes = 0;
    const detach = () => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
    };
    const refuse = (e: unknown) => {
      detach();
      payload.pause();
      reject(e);
    };
    const take = (text: string) => {
      opts.inspect?.(text);
      pieces.push(text);
    };
    function onData(chunk: Buffer | string) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (bytes > opts.maxBytes) return refuse(opts.tooLarge());
      try {
        take(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      } catch (e) {
        refuse(e);
      }
    }
    function onEnd() {
      detach();
      try {
        take(decoder.end());
        resolve(pieces.join(''));
      } catch (e) {
        reject(e);
      }
    }
    function onError(e: unknown) {
      detach();
      reject(e);
    }
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  });
}
