import { HttpError } from './responses';

export const MAX_WEBHOOK_BYTES = 2 * 1024 * 1024;

/** Reads the raw request body, refusing more than maxBytes without buffering it all. */
export async function readRawBody(req: Request, maxBytes = MAX_WEBHOOK_BYTES): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'payload_too_large', `The body is larger than ${Math.round(maxBytes / 1024)} KB; nothing was stored.`);
}
