import fs from 'node:fs';
import path from 'node:path';

// Prompts are versioned files: prompts/<name>.v<N>.txt. The version used is stored with each draft.
const DIR = path.join(process.cwd(), 'prompts');

export interface Prompt {
  name: string;
  version: string; // "draft-reply.v1"
  text: string;
}

export function loadPrompt(name: string, version?: number): Prompt {
  const files = fs.readdirSync(DIR).filter((f) => f.startsWith(`${name}.v`) && f.endsWith('.txt'));
  const versions = files.map((f) => Number(f.slice(name.length + 2, -4))).filter(Number.isInteger).sort((a, b) => b - a);
  const v = version ?? versions[0];
  if (v === undefined || !versions.includes(v)) throw new Error(`No prompt ${name}${version ? ` v${version}` : ''} in prompts/`);
  return { name, version: `${name}.v${v}`, text: fs.readFileSync(path.join(DIR, `${name}.v${v}.txt`), 'utf8') };
}

export function renderPrompt(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
}
