import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/runtime/config';
import { decryptSecret, encryptSecret, keyId, SecretDecryptError, sealedWithCurrentKey } from '@/lib/connections/encrypt-secret';
import { gorgiasAccounts } from '@/lib/db/schema';
import { rotateEncryptionKey } from '@/lib/connections/rotate-encryption-key';
import { saveGorgiasAccount, saveKlaviyoAccount } from '@/lib/connections/save-accounts';
import { loadShopifyConnection, openAccessToken, saveShopifyConnection } from '@/lib/connections/shopify-connection-store';
import { ensureShop } from '@/lib/connections/shops';
import { TEST_SECRETS, useTestApp } from '../helpers/app';

const k = () => crypto.randomBytes(32);

describe('connection secrets at rest (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV each time, and names its key', () => {
    const keys = { current: k(), previous: [] };
    const a = encryptSecret(keys, 'shpat_secret', 'shopify_connections:a.myshopify.com:access_token');
    const b = encryptSecret(keys, 'shpat_secret', 'shopify_connections:a.myshopify.com:access_token');
    expect(a).not.toBe(b);
    expect(a).not.toContain('shpat_secret');
    expect(a.split('.')[1]).toBe(keyId(keys.current));
    expect(decryptSecret(keys, a, 'shopify_connections:a.myshopify.com:access_token')).toBe('shpat_secret');
  });

  it('refuses a ciphertext moved to another row or tampered with', () => {
    const keys = { current: k(), previous: [] };
    const a = encryptSecret(keys, 'shpat_secret', 'shopify_connections:a.myshopify.com:access_token');
    expect(() => decryptSecret(keys, a, 'shopify_connections:b.myshopify.com:access_token')).toThrow(SecretDecryptError);
    const parts = a.split('.');
    parts[4] = Buffer.from('x' + Buffer.from(parts[4], 'base64url').toString('latin1').slice(1), 'latin1').toString('base64url');
    expect(() => decryptSecret(keys, parts.join('.'), 'shopify_connections:a.myshopify.com:access_token')).toThrow(SecretDecryptError);
  });

  it('after a rotation, values sealed with a previous key still open; unknown keys are named in the error', () => {
    const old = k();
    const sealed = encryptSecret({ current: old, previous: [] }, 'pk_live', 'klaviyo_accounts:eu:private_key');
    const rotated = { current: k(), previous: [old] };
    expect(decryptSecret(rotated, sealed, 'klaviyo_accounts:eu:private_key')).toBe('pk_live');
    expect(sealedWithCurrentKey(rotated, sealed)).toBe(false);
    expect(() => decryptSecret({ current: k(), previous: [] }, sealed, 'klaviyo_accounts:eu:private_key')).toThrow(new RegExp(keyId(old)));
  });

  it('reads CONCORD_ENCRYPTION_KEY (base64 or hex) and previous keys; without one, derives from SESSION_SECRET and keeps accepting it later', () => {
    const base = { ...TEST_SECRETS, DEMO_MODE: 'off' };
    const key = crypto.randomBytes(32);
    const old = crypto.randomBytes(32);
    const c = loadConfig({
      ...base,
      CONCORD_ENCRYPTION_KEY: key.toString('base64'),
      CONCORD_ENCRYPTION_PREVIOUS_KEYS: old.toString('hex'),
    });
    expect(c.encryption.current.equals(key)).toBe(true);
    expect(c.encryption.previous[0].equals(old)).toBe(true);
    expect(c.encryption.derived).toBe(false);
    const derived = loadConfig(base);
    expect(derived.encryption.derived).toBe(true);
    const sealedBefore = encryptSecret(derived.encryption, 'token', 'ctx');
    expect(decryptSecret(c.encryption, sealedBefore, 'ctx')).toBe('token');
    expect(() => loadConfig({ ...base, CONCORD_ENCRYPTION_KEY: 'too-short' })).toThrow(/CONCORD_ENCRYPTION_KEY: must be 32 random bytes/);
  });
});

describe('rotating the encryption key', () => {
  const t = useTestApp();
  it('re-seals every stored secret under the new key; the old key is then no longer needed', async () => {
    const db = t.get().db;
    const oldKey = crypto.randomBytes(32);
    const before = { ...loadConfig({ ...TEST_SECRETS, DEMO_MODE: 'off', CONCORD_ENCRYPTION_KEY: oldKey.toString('base64') }) };
    await ensureShop(db, { id: 'north-a.myshopify.com' });
    await saveShopifyConnection(db, before, {
      shopId: 'north-a.myshopify.com',
      grant: 'static',
      apiVersion: '2026-10',
      now: new Date(),
      pair: { accessToken: 'shpat_old_key', scopes: '', accessTokenExpiresAt: null, refreshToken: null, refreshTokenExpiresAt: null },
    });
    await saveGorgiasAccount(db, before, { domain: 'north', apiEmail: 'ops@north.test', apiKey: 'gorgias-key-1' });
    await saveKlaviyoAccount(db, before, { label: 'North', privateKey: 'pk_north_123456' });
    const newKey = crypto.randomBytes(32);
    const rotated = loadConfig({
      ...TEST_SECRETS,
      DEMO_MODE: 'off',
      CONCORD_ENCRYPTION_KEY: newKey.toString('hex'),
      CONCORD_ENCRYPTION_PREVIOUS_KEYS: oldKey.toString('base64'),
    });
    expect(await rotateEncryptionKey(db, rotated)).toEqual({ resealed: 3, alreadyCurrent: 0 });
    expect(await rotateEncryptionKey(db, rotated)).toEqual({ resealed: 0, alreadyCurrent: 3 });
    const onlyNew = loadConfig({ ...TEST_SECRETS, DEMO_MODE: 'off', CONCORD_ENCRYPTION_KEY: newKey.toString('hex') });
    expect(openAccessToken(onlyNew, (await loadShopifyConnection(db, 'north-a.myshopify.com'))!)).toBe('shpat_old_key');
    const [g] = await db.select().from(gorgiasAccounts);
    expect(decryptSecret(onlyNew.encryption, g.apiKeyEnc, 'gorgias_accounts:north:api_key')).toBe('gorgias-key-1');
  });
});
