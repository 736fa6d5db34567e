import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A value exported from lib/ or components/ that no other file names is dead weight (or an export
// that should be private): the house keeps none. Types may be exported for documentation.

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['lib', 'app', 'components', 'scripts', 'tests', 'instrumentation.ts', 'next.config.mjs'];
/** Exported only so a type can be derived from it in another file's signature. */
const ALLOWED = new Set(['lib/integrations/gorgias/client.ts:GORGIAS_HTTP_TRIGGERS']);

function sourceFiles(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [rel];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'migrations' || e.name === 'fixtures') return [];
    const child = path.join(rel, e.name);
    return e.isDirectory() ? sourceFiles(child) : /\.(ts|tsx|mjs)$/.test(e.name) ? [child] : [];
  });
}

export function deadValueExports(texts: Map<string, string>): string[] {
  const dead: string[] = [];
  for (const [file, text] of texts) {
    if (!/^(lib|components)\//.test(file)) continue;
    for (const m of text.matchAll(/^export (?:async )?(?:function|const|let|class) ([A-Za-z0-9_]+)/gm)) {
      const name = m[1];
      const word = new RegExp(`\\b${name}\\b`);
      const used = [...texts].some(([other, t]) => other !== file && word.test(t));
      if (!used && !ALLOWED.has(`${file}:${name}`)) dead.push(`${file}:${name}`);
    }
  }
  return dead;
}

describe('dead exports', () => {
  it('a planted export nobody imports is found', () => {
    const texts = new Map([
      ['lib/planted.ts', 'export function plantedNobodyCalls() {}\nexport const usedElsewhere = 1;\n'],
      ['lib/user.ts', "import { usedElsewhere } from './planted';\n"],
    ]);
    expect(deadValueExports(texts)).toEqual(['lib/planted.ts:plantedNobodyCalls']);
  });

  it('every exported value in lib/ and components/ is used by another file', () => {
    const texts = new Map(
      SCANNED.flatMap(sourceFiles).map((f) => [f.split(path.sep).join('/'), fs.readFileSync(path.join(ROOT, f), 'utf8')] as const),
    );
    expect(texts.size).toBeGreaterThan(300);
    expect(deadValueExports(texts)).toEqual([]);
  });
});
