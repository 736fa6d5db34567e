// npx tsx --conditions=react-server scripts/export-intent-corrections.ts > corrections.jsonl
// Agents' and leads' intent corrections as {"text", "intent"} lines, the format of
// tests/fixtures/intents*.jsonl: `npx tsx --conditions=react-server scripts/eval-intents.ts corrections.jsonl` scores the
// classifier on them, and they can be added to a training set.
import { getDb } from '../lib/db';
import { exportIntentCorrections } from '../lib/intents/correct-intent';

async function main(): Promise<void> {
  const out = await exportIntentCorrections(await getDb());
  if (out) process.stdout.write(`${out}\n`);
  process.exit(0);
}

void main();
