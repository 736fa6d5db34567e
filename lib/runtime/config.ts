import 'server-only';
import { z } from 'zod';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { isShopDomain } from '@/lib/integrations/shopify/shop-domain';

// All configuration comes from the environment and is validated here, once. A bad value stops
// start-up with a message that names the variable and says what to do.

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const optionalUrl = (what: string) =>
  optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: `must be an http(s) URL for ${what}, e.g. http://127.0.0.1:4010`,
  });

const envSchema = z.object({
  NODE_ENV: optionalString,
  // Storage: nothing set = embedded PGlite under CONCORD_DATA_DIR.
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be a postgres:// connection string, e.g. postgres://postgres@127.0.0.1:5432/concord',
  }),
  POSTGRES_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be the postgres:// connection string Vercel Postgres gives you',
  }),
  CONCORD_DATA_DIR: optionalString,
  APP_URL: optionalUrl('the public address of this app').default('http://localhost:3000'),
  DEMO_MODE: z.enum(['auto', 'on', 'off']).default('auto'),
  CONCORD_WORKER: z.enum(['on', 'off']).default('on'),
  // How long a claimed outbox effect stays locked before another worker may retry it (crash recovery).
  CONCORD_OUTBOX_LOCK_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  // How long a widget link handed to Gorgias stays valid; Gorgias gets a fresh one on every ticket event.
  CONCORD_WIDGET_LINK_TTL_MINUTES: z.coerce.number().int().min(5).max(1440).default(480),
  // Projection: workers per process (default 2 on PostgreSQL, 1 on the embedded database) and events
  // per transaction (default 100 on PostgreSQL, 10 on the embedded database, where a transaction holds
  // the only connection and webhook acknowledgements wait for it).
  CONCORD_PROJECTION_WORKERS: z.coerce.number().int().min(1).max(16).optional(),
  CONCORD_PROJECTION_BATCH: z.coerce.number().int().min(1).max(500).optional(),
  // An automatic reply waits at most this long for the customer's unapplied events, then goes to a person.
  CONCORD_FRESHNESS_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  // Timeout for calls to outside APIs (read directly by lib/integrations/http.ts; validated here).
  CONCORD_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),

  // The Dev Dashboard app's client id and the scopes its install asks for (OAuth install, /api/shopify/install).
  SHOPIFY_API_KEY: optionalString,
  SHOPIFY_SCOPES: optionalString,
  // AES-256-GCM key for connection secrets at rest: 32 bytes as base64 or hex (openssl rand -base64 32).
  // Older keys stay readable while listed in CONCORD_ENCRYPTION_PREVIOUS_KEYS (comma-separated).
  CONCORD_ENCRYPTION_KEY: optionalString.refine((v) => v === undefined || encryptionKeyBytes(v) !== null, {
    message: 'must be 32 random bytes as base64 or hex; generate one with: openssl rand -base64 32',
  }),
  CONCORD_ENCRYPTION_PREVIOUS_KEYS: optionalString.refine(
    (v) => v === undefined || v.split(',').every((k) => encryptionKeyBytes(k.trim()) !== null),
    {
      message: 'must be a comma-separated list of 32-byte keys (base64 or hex)',
    },
  ),

  SHOPIFY_SHOP_DOMAIN: optionalString.refine((v) => v === undefined || isShopDomain(v), {
    message: 'must be the store’s myshopify domain, e.g. acme.myshopify.com',
  }),
  SHOPIFY_ADMIN_ACCESS_TOKEN: optionalString,
  SHOPIFY_API_SECRET: optionalString,
  SHOPIFY_API_VERSION: z
    .string()
    .regex(/^\d{4}-\d{2}$/, { message: 'must look like 2026-10' })
    .default('2026-10'),
  SHOPIFY_ADMIN_BASE_URL: optionalUrl('the Shopify Admin API (tests and fault drills)'),

  GORGIAS_DOMAIN: optionalString,
  GORGIAS_API_EMAIL: optionalString,
  GORGIAS_API_KEY: optionalString,
  GORGIAS_BASE_URL: optionalUrl('the Gorgias REST API'),
  GORGIAS_INTEGRATION_SECRET: optionalString,

  KLAVIYO_API_KEY: optionalString,
  KLAVIYO_BASE_URL: optionalUrl('the Klaviyo API').default('https://a.klaviyo.com'),
  KLAVIYO_REVISION: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must look like 2026-07-15' })
    .default('2026-07-15'),

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl('an OpenAI-compatible server'),
  OPENAI_MODEL: z.string().default('gpt-4.1-mini'),
  // The ticket projection asks the model about messages the rules are unsure of: at most this many
  // calls per shop per hour (counted in the audit log, shared by every process), each cut off after the timeout.
  CONCORD_INTENT_MODEL_PER_HOUR: z.coerce.number().int().min(0).max(100_000).default(120),
  CONCORD_INTENT_MODEL_TIMEOUT_MS: z.coerce.number().int().min(200).max(30_000).default(4_000),

  SESSION_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters; generate one with: openssl rand -hex 32',
  }),
  CRON_SECRET: optionalString,
  ADMIN_EMAIL: optionalString,
  ADMIN_PASSWORD: optionalString,
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env;
  demoMode: boolean;
  /** Why demo mode is on or off, for the start-up log. */
  demoReason: string;
  dataDir: string;
  storage: 'pglite' | 'pg' | 'vercel-postgres';
  appUrl: string;
  connections: { shopify: boolean; gorgias: boolean; klaviyo: boolean; openai: boolean };
  secrets: { shopifyWebhook: string; gorgiasIntegration: string; session: string; cron: string };
  /** Keys for connection secrets: `current` encrypts, every key decrypts. `derived`: no key was set
   * outside demo mode, so the current one is derived from SESSION_SECRET (start-up warns). */
  encryption: { current: Buffer; previous: Buffer[]; derived: boolean };
}

/** 32 bytes from base64 or hex, or null. */
function encryptionKeyBytes(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const b = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return b.length === 32 ? b : null;
  }
  return null;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  - ${i.path.join('.') || '(environment)'}: ${i.message}`).join('\n');
}

// Anything that says "this is a real deployment". With DEMO_MODE=auto (the default) a single one turns
// demo mode off: demo data and demo accounts must never appear on an instance that holds real data.
const PRODUCTION_SIGNALS = [
  'DATABASE_URL',
  'POSTGRES_URL',
  'ADMIN_EMAIL',
  'SHOPIFY_API_SECRET',
  'SHOPIFY_API_KEY',
  'SHOPIFY_ADMIN_ACCESS_TOKEN',
  'SHOPIFY_SHOP_DOMAIN',
  'GORGIAS_INTEGRATION_SECRET',
  'GORGIAS_API_KEY',
  'KLAVIYO_API_KEY',
  'SESSION_SECRET',
  'CRON_SECRET',
  'CONCORD_ENCRYPTION_KEY',
] as const;

/** Demo only on purpose: DEMO_MODE=on, or no configuration at all. */
function decideDemoMode(env: Record<string, unknown>): { demoMode: boolean; demoReason: string } {
  const present = PRODUCTION_SIGNALS.filter((k) => typeof env[k] === 'string' && (env[k] as string).trim() !== '');
  if (env.DEMO_MODE === 'on') {
    return {
      demoMode: true,
      demoReason: `DEMO_MODE=on${present.length ? ` (although ${present.join(', ')} ${present.length === 1 ? 'is' : 'are'} set)` : ''}`,
    };
  }
  if (env.DEMO_MODE === 'off') return { demoMode: false, demoReason: 'DEMO_MODE=off' };
  if (present.length > 0) return { demoMode: false, demoReason: `production configuration found (${present.join(', ')})` };
  return { demoMode: true, demoReason: 'no configuration at all (set DEMO_MODE=off or any secret to leave demo mode)' };
}

/** Parses and checks the environment. Pure apart from reading/creating the demo secrets file. */
export function loadConfig(rawEnv: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(rawEnv);
  if (!parsed.success) {
    throw new ConfigError(
      `Concord cannot start: the environment has invalid values.\n${formatIssues(parsed.error)}\nFix them in .env (see .env.example) and start again.`,
    );
  }
  const env = parsed.data;
  const connections = {
    shopify: Boolean(env.SHOPIFY_SHOP_DOMAIN && env.SHOPIFY_ADMIN_ACCESS_TOKEN),
    gorgias: Boolean(env.GORGIAS_DOMAIN && env.GORGIAS_API_EMAIL && env.GORGIAS_API_KEY),
    klaviyo: Boolean(env.KLAVIYO_API_KEY),
    openai: Boolean(env.OPENAI_API_KEY),
  };
  const { demoMode, demoReason } = decideDemoMode(env);
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.CONCORD_DATA_DIR ?? '.data');
  const storage = env.DATABASE_URL ? 'pg' : env.POSTGRES_URL ? 'vercel-postgres' : 'pglite';

  const partialCredentials: string[] = [];
  if (env.SHOPIFY_SHOP_DOMAIN && !env.SHOPIFY_ADMIN_ACCESS_TOKEN)
    partialCredentials.push('SHOPIFY_ADMIN_ACCESS_TOKEN is missing (SHOPIFY_SHOP_DOMAIN is set)');
  if (env.SHOPIFY_ADMIN_ACCESS_TOKEN && !env.SHOPIFY_SHOP_DOMAIN)
    partialCredentials.push('SHOPIFY_SHOP_DOMAIN is missing (SHOPIFY_ADMIN_ACCESS_TOKEN is set)');
  // GORGIAS_DOMAIN alone links the store to its helpdesk (the sidebar needs only the integration secret);
  // the API email and key need it and each other.
  if ((env.GORGIAS_API_EMAIL || env.GORGIAS_API_KEY) && !(env.GORGIAS_DOMAIN && env.GORGIAS_API_EMAIL && env.GORGIAS_API_KEY)) {
    partialCredentials.push('GORGIAS_DOMAIN, GORGIAS_API_EMAIL and GORGIAS_API_KEY must be set together');
  }
  if (partialCredentials.length > 0) {
    throw new ConfigError(
      `Concord cannot start: incomplete credentials.\n${partialCredentials.map((p) => `  - ${p}`).join('\n')}\nSet the missing variables in .env (see .env.example), or unset the partial ones to run in demo mode.`,
    );
  }

  const required: Array<[keyof Env, string]> = [
    ['SHOPIFY_API_SECRET', 'the Shopify app’s client secret, used to verify webhook signatures'],
    ['GORGIAS_INTEGRATION_SECRET', 'the Bearer secret you paste into the Gorgias HTTP integration’s headers'],
    ['SESSION_SECRET', 'a random string of 32+ characters that signs widget links and sessions (openssl rand -hex 32)'],
    ['CRON_SECRET', 'the secret your scheduler sends as Authorization: Bearer <secret> to /api/cron/*'],
  ];
  let generated: Record<string, string> = {};
  const missing = required.filter(([key]) => !env[key]);
  if (missing.length > 0) {
    if (!demoMode) {
      throw new ConfigError(
        `Concord cannot start outside demo mode without these secrets:\n${missing.map(([k, why]) => `  - ${k}: ${why}`).join('\n')}\nSet them in .env (see .env.example).`,
      );
    }
    generated = demoSecrets(dataDir);
  }
  const pick = (key: keyof Env) => (env[key] as string | undefined) ?? generated[key]!;
  const session = pick('SESSION_SECRET');
  const previous = (env.CONCORD_ENCRYPTION_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => encryptionKeyBytes(k)!);
  // Setups from before connections were data have no key: derive one from SESSION_SECRET so they
  // keep working, and keep accepting it once a real key is set (until rotate-secrets re-encrypts).
  const derivedKey = crypto.createHash('sha256').update(`concord-connections-v1:${session}`).digest();
  let current: Buffer;
  let derived = false;
  if (env.CONCORD_ENCRYPTION_KEY) current = encryptionKeyBytes(env.CONCORD_ENCRYPTION_KEY)!;
  else if (demoMode) current = encryptionKeyBytes(demoEncryptionKey(dataDir))!;
  else {
    current = derivedKey;
    derived = true;
  }
  if (!derived) previous.push(derivedKey);
  return {
    env,
    demoMode,
    demoReason,
    dataDir,
    storage,
    appUrl: env.APP_URL.replace(/\/$/, ''),
    connections,
    secrets: {
      shopifyWebhook: pick('SHOPIFY_API_SECRET'),
      gorgiasIntegration: pick('GORGIAS_INTEGRATION_SECRET'),
      session,
      cron: pick('CRON_SECRET'),
    },
    encryption: { current, previous, derived },
  };
}

// In demo mode, secrets that are not set are generated once and kept in the data directory, so
// links and signatures stay valid across restarts.
function demoSecrets(dataDir: string): Record<string, string> {
  const file = path.join(dataDir, 'demo-secrets.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    const secrets = {
      SHOPIFY_API_SECRET: crypto.randomBytes(24).toString('hex'),
      GORGIAS_INTEGRATION_SECRET: crypto.randomBytes(24).toString('hex'),
      SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
      CRON_SECRET: crypto.randomBytes(24).toString('hex'),
      CONCORD_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
    };
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  }
}

// The demo's encryption key is generated like its other secrets; a data directory from before it
// existed gets one added to its secrets file.
function demoEncryptionKey(dataDir: string): string {
  const file = path.join(dataDir, 'demo-secrets.json');
  let secrets: Record<string, string> = {};
  try {
    secrets = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // no file yet
  }
  if (secrets.CONCORD_ENCRYPTION_KEY && encryptionKeyBytes(secrets.CONCORD_ENCRYPTION_KEY)) return secrets.CONCORD_ENCRYPTION_KEY;
  const key = crypto.randomBytes(32).toString('base64');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...secrets, CONCORD_ENCRYPTION_KEY: key }, null, 2), { mode: 0o600 });
  return key;
}

let cached: Config | undefined;
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}
/** Tests change the environment between cases. */
export function resetConfigForTests(): void {
  cached = undefined;
}
