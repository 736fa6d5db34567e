import fs from 'node:fs';
import { ZodError } from 'zod';

// Shared by the JSON-lines CLIs: read --input FILE (or - for stdin) and answer one line per line.
export function inputPath(argv: string[]): string {
  const i = argv.indexOf('--input');
  const p = i >= 0 ? argv[i + 1] : undefined;
  if (!p) {
    process.stderr.write('usage: --input FILE (JSON lines; - for stdin)\n');
    process.exit(2);
  }
  return p;
}

export function readLines(path: string): string[] {
  const text = path === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(path, 'utf8');
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/** One output line per input line, in order; a bad line answers {"error": ...} so order is kept. */
export function mapLines(lines: string[], fn: (value: unknown) => unknown, parse: (line: string) => unknown = JSON.parse): string {
  return lines
    .map((line) => {
      try {
        return JSON.stringify(fn(parse(line)));
      } catch (err) {
        return JSON.stringify({ error: errorMessage(err) });
      }
    })
    .join('\n');
}

export function errorMessage(err: unknown): string {
  if (err instanceof ZodError)
    return err.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'line'}: ${i.message}`)
      .join('; ');
  return err instanceof Error ? err.message.split('\n')[0].slice(0, 300) : String(err);
}
