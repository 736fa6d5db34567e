import crypto from 'node:crypto';
import { promisify } from 'node:util';

// scrypt from node:crypto: no native add-on, memory-hard, the salt and cost stored with the hash.
// Always the asynchronous form (the synchronous one blocked the server for every guess), and at most
// MAX_CONCURRENT at a time so a login flood can't starve webhooks of the libuv thread pool.
const N = 16384;
const MAX_CONCURRENT = 2;
const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

let running = 0;
const waiting: Array<() => void> = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await limited(() => scrypt(password, salt, 32, { N, r: 8, p: 1 }));
  return `scrypt$${N}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await limited(() => scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(n), r: 8, p: 1 }));
  return crypto.timingSafeEqual(expected, actual);
}

// A fixed hash to verify against when the email is unknown: exactly one scrypt either way, so the
// answer time doesn't tell which emails have accounts.
let dummy: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummy;
}
