import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@/lib/errors/app-error';
import { ERROR_STATUS } from '@/lib/http/error-status';

// The house rules for routes and services, read from the files on disk so a new file is held to them
// the day it lands: every route goes through withRoute and stays short; services know nothing of HTTP.

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAX_ROUTE_LINES = 30;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function walk(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(rel, keep));
    else if (keep(rel)) out.push(rel);
  }
  return out.sort();
}

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const lineCount = (src: string) => src.replace(/\n$/, '').split('\n').length;

/** Each exported HTTP method and what it is: a withRoute(...) handler, another method (POST = GET), or something else. */
function exportedMethods(src: string): Array<{ method: string; wrapped: boolean }> {
  const out: Array<{ method: string; wrapped: boolean }> = [];
  for (const m of src.matchAll(/export\s+(?:async\s+)?(const|function)\s+([A-Z]+)\b(?:\s*=\s*([\w.]+))?/g)) {
    if (!METHODS.includes(m[2])) continue;
    const wrapped = m[1] === 'const' && (m[3] === 'withRoute' || METHODS.includes(m[3] ?? ''));
    out.push({ method: m[2], wrapped });
  }
  return out;
}

describe('routes', () => {
  const routes = walk('app', (f) => f.endsWith('/route.ts'));

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(30);
  });

  it(`every app/**/route.ts has at most ${MAX_ROUTE_LINES} lines`, () => {
    const long = routes.map((f) => [f, lineCount(read(f))] as const).filter(([, n]) => n > MAX_ROUTE_LINES);
    expect(long, 'move what is not transport into the capability’s service in lib/').toEqual([]);
  });

  it('every exported method of every route is a withRoute(...) handler', () => {
    const bad: string[] = [];
    for (const f of routes) {
      const methods = exportedMethods(read(f));
      if (methods.length === 0) bad.push(`${f}: exports no method`);
      for (const m of methods) if (!m.wrapped) bad.push(`${f}: ${m.method}`);
    }
    expect(bad).toEqual([]);
  });

  it('the rule itself catches a bare handler and a long file', () => {
    expect(exportedMethods('export async function GET(req: Request) {}')).toEqual([{ method: 'GET', wrapped: false }]);
    expect(exportedMethods('export const POST = handle(async () => x);')).toEqual([{ method: 'POST', wrapped: false }]);
    expect(exportedMethods("export const GET = withRoute({ auth: 'cron' }, f);\nexport const POST = GET;")).toEqual([
      { method: 'GET', wrapped: true },
      { method: 'POST', wrapped: true },
    ]);
    expect(lineCount('a\n'.repeat(31))).toBe(31);
  });
});

describe('services', () => {
  const FORBIDDEN = /(?:from|import)\s*\(?\s*['"](?:@\/lib\/http(?:\/[^'"]*)?|next(?:\/[^'"]*)?|(?:\.\.\/)+http(?:\/[^'"]*)?)['"]/;

  it('nothing under lib/ outside lib/http imports lib/http or next/*', () => {
    const files = walk('lib', (f) => /\.(ts|tsx)$/.test(f) && !f.startsWith('lib/http/') && !f.startsWith('lib/db/migrations/'));
    expect(files.length).toBeGreaterThan(100);
    const bad = files.filter((f) =>
      read(f)
        .split('\n')
        .some((line) => FORBIDDEN.test(line)),
    );
    expect(bad).toEqual([]);
  });

  it('the rule itself catches each form', () => {
    for (const line of [
      "import { cookies } from 'next/headers';",
      "import { withRoute } from '@/lib/http/with-route';",
      "import x from '../http/read-body';",
      "import { NextResponse } from 'next/server';",
    ]) {
      expect(FORBIDDEN.test(line), line).toBe(true);
    }
    expect(FORBIDDEN.test("import { AppError } from '@/lib/errors/app-error';")).toBe(false);
    expect(FORBIDDEN.test("import { z } from 'zod';")).toBe(false);
  });
});

describe('errors', () => {
  it('every error code has one HTTP status, and every status is an error status', () => {
    for (const code of ERROR_CODES) expect(ERROR_STATUS[code], code).toBeGreaterThanOrEqual(400);
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('nothing throws HttpError any more, and codes are never free strings', () => {
    const files = [...walk('lib', (f) => /\.(ts|tsx)$/.test(f)), ...walk('app', (f) => /\.(ts|tsx)$/.test(f))];
    expect(files.filter((f) => /\bHttpError\b/.test(read(f)))).toEqual([]);
  });
});
