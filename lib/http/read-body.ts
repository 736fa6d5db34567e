import { AppError } from '@/lib/errors/app-error';

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

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `The body is larger than ${Math.round(maxBytes / 1024)} KB; nothing was stored.`);
}

const MAX_JSON_DEPTH = 32;

/**
 * Reads a JSON body of at most maxBytes. Bad JSON, NUL characters and nesting deeper than 32 levels
 * are a 400 that says so, never a 500 further in.
 */
export async function readJsonBody(req: Request, maxBytes: number, opts: { stripNul?: boolean } = {}): Promise<unknown> {
  const text = (await readRawBody(req, maxBytes)).toString('utf8');
  const hasNul = text.includes('\u0000') || /\\u0000/i.test(text);
  if (hasNul && !opts.stripNul) throw new AppError('invalid_body', 'The body contains NUL characters; nothing was changed.');
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    throw new AppError('too_deep', `The body nests deeper than ${MAX_JSON_DEPTH} levels; nothing was changed.`);
  try {
    // Postgres text can't hold NUL; where a caller must not be refused (Gorgias counts failures), drop them.
    return hasNul
      ? JSON.parse(text.replace(/\u0000/g, ''), (_k, v) => (typeof v === 'string' ? v.replace(/\u0000/g, '') : v))
      : JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON.');
  }
}

/** The deepest nesting of objects and arrays in a JSON text, counted without parsing it. */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}
