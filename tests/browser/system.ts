import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDb, openDb, type DbHandle } from '@/lib/db/client';

// Helpers for system tests that run their own production server against a fresh PostgreSQL
// database (crash recovery, fault drills).

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SECRETS = {
  SHOPIFY_API_SECRET: 'sys-shopify-secret',
  GORGIAS_INTEGRATION_SECRET: 'sys-gorgias-secret',
  SESSION_SECRET: 'sys-session-secret-0123456789abcdef0123456789',
  CRON_SECRET: 'sys-cron-secret',
};
const ADMIN_URL = process.env.SYSTEM_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freshDatabase(name: string): Promise<{ url: string; handle: DbHandle; drop: () => Promise<void> }> {
  const admin = await openDb({ driver: 'pg', url: ADMIN_URL, poolSize: 1 });
  await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
  await admin.db.execute(sql.raw(`create database ${name}`));
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDb({ driver: 'pg', url, poolSize: 3 });
  await migrateDb(handle);
  return {
    url,
    handle,
    drop: async () => {
      await handle.close();
      await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
}

export function startServer(port: number, env: Record<string, string>): ChildProcess {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-sys-'));
  return spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      ...SECRETS,
      DEMO_MODE: 'off',
      CONCORD_WORKER: 'on',
      CONCORD_DATA_DIR: data,
      APP_URL: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
  });
}

export async function waitForHealth(port: number, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server on ${port} did not become healthy`);
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface StandIn {
  url: string;
  server: http.Server;
  close: () => Promise<void>;
}

/** A loopback HTTP stand-in for an outside API; the handler decides each answer. */
export async function standIn(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void): Promise<StandIn> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server, close: () => new Promise((r) => server.close(() => r())) };
}

export const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
