import fs from 'node:fs';
import path from 'node:path';

// Prompts are versioned text files, prompts/<name>.v<N>.txt, never edited in place: a change is a
// new version, and the version used is stored with each draft so a lead can tell which prompt
// wrote what. Reads are cached: a prompt file does not change while the process runs.

const PROMPTS_DIR = path.join(process.cwd(), 'prompts');

export interface Prompt {
  name: string; // "draft-reply"
  version: string; // "draft-reply.v1"
  text: string;
}

const cache = new Map<string, Prompt>();

/** 2, "2", "v2" or "draft-reply.v2" -> 2. */
function versionNumber(name: string, version: number | string): number {
  if (typeof version === 'number') return version;
  const m = new RegExp(`^(?:${name}\\.)?v?(\\d+)$`).exec(version.trim());
  if (!m) throw new Error(`Prompt version "${version}" is not a version of ${name}; use a number like 2 or "${name}.v2".`);
  return Number(m[1]);
}

/** The newest version of a prompt, or the version asked for. */
export function loadPrompt(name: string, version?: number | string, dir: string = PROMPTS_DIR): Prompt {
  // The name becomes a file path: only plain names, so no caller can read outside prompts/.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`Prompt name "${name}" must be lower-case letters, digits and dashes.`);
  let files: string[];
  try {
    files = fs.readdirSync(/*turbopackIgnore: true*/ dir);
  } catch {
    throw new Error(`The prompts folder ${dir} is missing; it ships with the app (prompts/*.txt).`);
  }
  const pattern = new RegExp(`^${name}\\.v(\\d+)\\.txt$`);
  const versions = files
    .map((f) => pattern.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
  const v = version === undefined ? versions[0] : versionNumber(name, version);
  if (v === undefined || !versions.includes(v)) {
    const have = versions.length ? `; available: ${versions.map((n) => `v${n}`).join(', ')}` : '';
    throw new Error(`No prompt ${name}${version === undefined ? '' : ` v${v}`} in ${dir}${have}.`);
  }
  const file = path.join(dir, `${name}.v${v}.txt`);
  const cached = cache.get(file);
  if (cached) return cached;
  const prompt = { name, version: `${name}.v${v}`, text: fs.readFileSync(/*turbopackIgnore: true*/ file, 'utf8') };
  cache.set(file, prompt);
  return prompt;
}

/**
 * Fills {{placeholders}} in one pass, so a value that itself contains "{{...}}" (a brand's
 * guidance, say) is inserted as written and never expanded. A placeholder with no value is a bug
 * in the caller, and fails loudly rather than sending the model a half-written prompt.
 */
export function renderPrompt(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    if (!Object.hasOwn(vars, key)) throw new Error(`Prompt placeholder {{${key}}} has no value.`);
    return vars[key];
  });
}
