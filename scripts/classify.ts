// npm run -s classify -- --input FILE: one {"text": ...} per JSON line in, one classification per line out.
// Rules only unless OPENAI_API_KEY is set (then the model is asked where the rules are unsure).
import { z } from 'zod';
import { classifyMessage } from '../lib/intents/classify-message';
import { loadConfig } from '../lib/runtime/config';
import { createOpenAI, openAIModel } from '../lib/integrations/openai/client';
import { errorMessage, inputPath, readLines } from './lines';

const line = z.object({ text: z.string(), subject: z.string().nullish() });

async function main() {
  const lines = readLines(inputPath(process.argv.slice(2)));
  const key = process.env.OPENAI_API_KEY;
  const config = key ? loadConfig({ ...process.env, DEMO_MODE: 'on', CONCORD_DATA_DIR: process.env.CONCORD_DATA_DIR ?? '.data' }) : null;
  const deps = { openai: config ? createOpenAI(config) : null, model: config ? openAIModel(config) : 'none' };
  const out: string[] = [];
  for (const l of lines) {
    try {
      const input = line.parse(JSON.parse(l));
      const c = await classifyMessage({ text: input.text, subject: input.subject ?? null }, deps);
      out.push(JSON.stringify({ intent: c.intent, confidence: c.confidence, reasons: c.reasons, decided_by: c.decidedBy }));
    } catch (err) {
      out.push(JSON.stringify({ error: errorMessage(err) }));
    }
  }
  process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
}

void main();
