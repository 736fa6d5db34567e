import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@/lib/runtime/config';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'concord-config-'));

describe('configuration', () => {
  it('runs in demo mode with no credentials and generates secrets once into the data directory', () => {
    const dir = tmp();
    const a = loadConfig({ CONCORD_DATA_DIR: dir });
    const b = loadConfig({ CONCORD_DATA_DIR: dir });
    expect(a.demoMode).toBe(true);
    expect(a.storage).toBe('pglite');
    expect(a.secrets.session.length).toBeGreaterThanOrEqual(32);
    expect(b.secrets).toEqual(a.secrets);
    expect(fs.existsSync(path.join(dir, 'demo-secrets.json'))).toBe(true);
  });

  it('uses secrets from the environment even in demo mode', () => {
    const c = loadConfig({ CONCORD_DATA_DIR: tmp(), DEMO_MODE: 'on', SHOPIFY_API_SECRET: 'from-env' });
    expect(c.secrets.shopifyWebhook).toBe('from-env');
  });

  it('picks the driver from the environment', () => {
    expect(loadConfig({ CONCORD_DATA_DIR: tmp(), DEMO_MODE: 'on', DATABASE_URL: 'postgres://u@h/db' }).storage).toBe('pg');
    expect(loadConfig({ CONCORD_DATA_DIR: tmp(), DEMO_MODE: 'on', POSTGRES_URL: 'postgres://u@h/db' }).storage).toBe('vercel-postgres');
  });

  it('names the variable and what to do when a value is invalid', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short' });
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toContain('DATABASE_URL');
      expect(msg).toContain('postgres://');
      expect(msg).toContain('SESSION_SECRET');
      expect(msg).toContain('openssl rand -hex 32');
      expect(msg).toContain('.env.example');
    }
  });

  it('stops outside demo mode when a secret is missing, naming each one', () => {
    const env = { SHOPIFY_SHOP_DOMAIN: 'acme.myshopify.com', SHOPIFY_ADMIN_ACCESS_TOKEN: 'shpat_x', CONCORD_DATA_DIR: tmp() };
    expect(() => loadConfig(env)).toThrow(/SHOPIFY_API_SECRET[\s\S]*GORGIAS_INTEGRATION_SECRET[\s\S]*SESSION_SECRET[\s\S]*CRON_SECRET/);
  });

  it('refuses half-set credentials instead of silently falling back to demo mode', () => {
    expect(() => loadConfig({ SHOPIFY_SHOP_DOMAIN: 'acme.myshopify.com', CONCORD_DATA_DIR: tmp() })).toThrow(
      /SHOPIFY_ADMIN_ACCESS_TOKEN is missing/,
    );
    expect(() => loadConfig({ GORGIAS_API_KEY: 'k', GORGIAS_DOMAIN: 'acme', CONCORD_DATA_DIR: tmp() })).toThrow(/must be set together/);
    // The domain alone is fine: it links the store to its helpdesk without API access.
    expect(() => loadConfig({ GORGIAS_DOMAIN: 'acme', DEMO_MODE: 'on', CONCORD_DATA_DIR: tmp() })).not.toThrow();
  });

  it('lets every outside base URL be overridden', () => {
    const c = loadConfig({
      CONCORD_DATA_DIR: tmp(),
      SHOPIFY_ADMIN_BASE_URL: 'http://127.0.0.1:4010',
      GORGIAS_BASE_URL: 'http://127.0.0.1:4020',
      KLAVIYO_BASE_URL: 'http://127.0.0.1:4030',
      OPENAI_BASE_URL: 'http://127.0.0.1:4040/v1',
    });
    expect([c.env.SHOPIFY_ADMIN_BASE_URL, c.env.GORGIAS_BASE_URL, c.env.KLAVIYO_BASE_URL, c.env.OPENAI_BASE_URL]).toEqual([
      'http://127.0.0.1:4010',
      'http://127.0.0.1:4020',
      'http://127.0.0.1:4030',
      'http://127.0.0.1:4040/v1',
    ]);
    expect(() => loadConfig({ CONCORD_DATA_DIR: tmp(), KLAVIYO_BASE_URL: 'not a url' })).toThrow(/KLAVIYO_BASE_URL/);
  });

  describe('demo mode only on purpose', () => {
    const secrets = { SHOPIFY_API_SECRET: 's', GORGIAS_INTEGRATION_SECRET: 'g', SESSION_SECRET: 'x'.repeat(32), CRON_SECRET: 'c' };

    it('turns demo off with DEMO_MODE=auto as soon as any production signal is set, and says which', () => {
      for (const [key, value] of Object.entries({
        DATABASE_URL: 'postgres://u@h/db',
        ADMIN_EMAIL: 'a@b.test',
        SESSION_SECRET: 'x'.repeat(32),
        KLAVIYO_API_KEY: 'pk_x',
      })) {
        const c = loadConfig({ CONCORD_DATA_DIR: tmp(), ...secrets, [key]: value });
        expect(c.demoMode, key).toBe(false);
        expect(c.demoReason).toContain('production configuration found');
      }
    });

    it('refuses to start a production-looking instance without its secrets instead of falling into demo mode', () => {
      // The attack: DATABASE_URL and a first admin set, no vendor keys: this used to seed demo data and demo logins.
      expect(() => loadConfig({ CONCORD_DATA_DIR: tmp(), DATABASE_URL: 'postgres://u@h/db', ADMIN_EMAIL: 'a@b.test' })).toThrow(
        /outside demo mode/,
      );
    });

    it('is on with no configuration at all, or with DEMO_MODE=on, and says why', () => {
      const bare = loadConfig({ CONCORD_DATA_DIR: tmp() });
      expect(bare.demoMode).toBe(true);
      expect(bare.demoReason).toContain('no configuration');
      const forced = loadConfig({ CONCORD_DATA_DIR: tmp(), DEMO_MODE: 'on', DATABASE_URL: 'postgres://u@h/db' });
      expect(forced.demoMode).toBe(true);
      expect(forced.demoReason).toContain('DATABASE_URL');
      expect(loadConfig({ CONCORD_DATA_DIR: tmp(), DEMO_MODE: 'off', ...secrets }).demoMode).toBe(false);
    });
  });
});

describe('a demo reachable from other machines', () => {
  it('says so loudly unless the server is bound to loopback', async () => {
    const { warnIfExposed } = await import('@/lib/runtime/warn-if-exposed');
    const said: string[] = [];
    expect(warnIfExposed('0.0.0.0', (m) => said.push(m))).toBe(true);
    expect(said[0]).toContain('DEMO MODE on an address other machines can reach (0.0.0.0)');
    for (const host of ['127.0.0.1', 'localhost', '::1'])
      expect(
        warnIfExposed(host, (m) => said.push(m)),
        host,
      ).toBe(false);
    expect(said).toHaveLength(1);
  });
});
