import { z } from 'zod';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

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

export const envSchema = z.object({
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
  // Projection: workers per process (default 2 on PostgreSQL, 1 on the embedded database) and events
  // per transaction (default 100 on PostgreSQL, 10 on the embedded database, where a transaction holds
  // the only connection and webhook acknowledgements wait for it).
  CONCORD_PROJECTION_WORKERS: z.coerce.number().int().min(1).max(16).optional(),
  CONCORD_PROJECTION_BATCH: z.coerce.number().int().min(1).max(500).optional(),
  // An automatic reply waits at most this long for the customer's unapplied events, then goes to a person.
  CONCORD_FRESHNESS_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  // Timeout for calls to outside APIs (read directly by lib/integrations/http.ts; validated here).
  CONCORD_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),

  SHOPIFY_SHOP_DOMAIN: optionalString.refine((v) => v === undefined || /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(v), {
    message: 'must be the store’s myshopify domain, e.g. acme.myshopify.com',
  }),
  SHOPIFY_ADMIN_ACCESS_TOKEN: optionalString,
  SHOPIFY_API_SECRET: optionalString,
  SHOPIFY_API_VERSION: z.string().regex(/^\d{4}-\d{2}$/, { message: 'must look like 2026-10' }).default('2026-10'),
  SHOPIFY_ADMIN_BASE_URL: optionalUrl('the Shopify Admin API (tests and fault drills)'),

  GORGIAS_DOMAIN: optionalString,
  GORGIAS_API_EMAIL: optionalString,
  GORGIAS_API_KEY: optionalString,
  GORGIAS_BASE_URL: optionalUrl('the Gorgias REST API'),
  GORGIAS_INTEGRATION_SECRET: optionalString,

  KLAVIYO_API_KEY: optionalString,
  KLAVIYO_BASE_URL: optionalUrl('the Klaviyo API').default('https://a.klaviyo.com'),
  KLAVIYO_REVISION: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must look like 2026-07-15' }).default('2026-07-15'),

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl('an OpenAI-compatible server'),
  OPENAI_MODEL: z.string().default('gpt-4.1-mini'),

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
  dataDir: string;
  storage: 'pglite' | 'pg' | 'vercel-postgres';
  appUrl: string;
  connections: { shopify: boolean; gorgias: boolean; klaviyo: boolean; openai: boolean };
  secrets: { shopifyWebhook: string; gorgiasIntegration: string; session: string; cron: string };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `  - ${i.path.join('.') || '(environment)'}: ${i.message}`)
    .join('\n');
}

/** Parses and checks the environment. Pure apart from reading/creating the demo secrets file. */
export function loadConfig(rawEnv: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(rawEnv);
  if (!parsed.success) {
    throw new ConfigError(`Concord cannot start: the environment has invalid values.\n${formatIssues(parsed.error)}\nFix them in .env (see .env.example) and start again.`);
  }
  const env = parsed.data;
  const connections = {
    shopify: Boolean(env.SHOPIFY_SHOP_DOMAIN && env.SHOPIFY_ADMIN_ACCESS_TOKEN),
    gorgias: Boolean(env.GORGIAS_DOMAIN && env.GORGIAS_API_EMAIL && env.GORGIAS_API_KEY),
    klaviyo: Boolean(env.KLAVIYO_API_KEY),
    openai: Boolean(env.OPENAI_API_KEY),
  };
  const demoMode =
    env.DEMO_MODE === 'on' || (env.DEMO_MODE === 'auto' && !connections.shopify && !connections.gorgias && !connections.klaviyo);
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.CONCORD_DATA_DIR ?? '.data');
  const storage = env.DATABASE_URL ? 'pg' : env.POSTGRES_URL ? 'vercel-postgres' : 'pglite';

  const partialCredentials: string[] = [];
  if (env.SHOPIFY_SHOP_DOMAIN && !env.SHOPIFY_ADMIN_ACCESS_TOKEN) partialCredentials.push('SHOPIFY_ADMIN_ACCESS_TOKEN is missing (SHOPIFY_SHOP_DOMAIN is set)');
  if (env.SHOPIFY_ADMIN_ACCESS_TOKEN && !env.SHOPIFY_SHOP_DOMAIN) partialCredentials.push('SHOPIFY_SHOP_DOMAIN is missing (SHOPIFY_ADMIN_ACCESS_TOKEN is set)');
  const gorgiasSet = [env.GORGIAS_DOMAIN, env.GORGIAS_API_EMAIL, env.GORGIAS_API_KEY].filter(Boolean).length;
  if (gorgiasSet > 0 && gorgiasSet < 3) partialCredentials.push('GORGIAS_DOMAIN, GORGIAS_API_EMAIL and GORGIAS_API_KEY must be set together');
  if (partialCredentials.length > 0) {
    throw new ConfigError(`Concord cannot start: incomplete credentials.\n${partialCredentials.map((p) => `  - ${p}`).join('\n')}\nSet the missing variables in .env (see .env.example), or unset the partial ones to run in demo mode.`);
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
  return {
    env,
    demoMode,
    dataDir,
    storage,
    appUrl: env.APP_URL.replace(/\/$/, ''),
    connections,
    secrets: {
      shopifyWebhook: pick('SHOPIFY_API_SECRET'),
      gorgiasIntegration: pick('GORGIAS_INTEGRATION_SECRET'),
      session: pick('SESSION_SECRET'),
      cron: pick('CRON_SECRET'),
    },
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
    };
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  }
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
