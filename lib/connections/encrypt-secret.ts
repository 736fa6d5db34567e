import crypto from 'node:crypto';

// Connection secrets at rest: AES-256-GCM with a fresh 96-bit IV per value. Each ciphertext names
// the key that sealed it (the first 8 hex digits of the key's SHA-256), so after a rotation old
// values still open with a previous key until `npm run -s rotate-secrets` re-seals them. The
// associated data binds a ciphertext to its row and column: a value copied into another shop's row
// does not decrypt there.
//
// Format: v1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>

export interface Keyring {
  current: Buffer;
  previous: Buffer[];
}

export class SecretDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretDecryptError';
  }
}

export function keyId(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function encryptSecret(keys: Keyring, plaintext: string, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keys.current, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', keyId(keys.current), iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join(
    '.',
  );
}

export function decryptSecret(keys: Keyring, sealed: string, context: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') throw new SecretDecryptError('not a Concord ciphertext');
  const [, id, iv, tag, ct] = parts;
  const key = [keys.current, ...keys.previous].find((k) => keyId(k) === id);
  if (!key)
    throw new SecretDecryptError(`sealed with key ${id}, which is neither CONCORD_ENCRYPTION_KEY nor in CONCORD_ENCRYPTION_PREVIOUS_KEYS`);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretDecryptError('the ciphertext does not authenticate (tampered, or moved from another row)');
  }
}

/** Whether a value still needs re-sealing under the current key. */
export function sealedWithCurrentKey(keys: Keyring, sealed: string): boolean {
  return sealed.split('.')[1] === keyId(keys.current);
}
