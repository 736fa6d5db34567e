// npx tsx scripts/eval-intents.ts [FILE...]: accuracy, macro-F1, per-intent scores and throughput of
// the rules classifier on labelled JSON lines ({"text", "intent"}).
import fs from 'node:fs';
import { classifyIntent } from '../lib/domain/intent/classify';
import { intentMetrics } from '../lib/domain/intent/metrics';
import type { Intent } from '../lib/domain/types';

const files = process.argv.slice(2).length ? process.argv.slice(2) : ['tests/fixtures/intents.jsonl', 'tests/fixtures/intents-dev.jsonl', 'tests/fixtures/intents-dev2.jsonl', 'tests/fixtures/intents-holdout.jsonl'];
for (const file of files) {
  if (!fs.existsSync(file)) {
    console.log(`${file}: missing`);
    continue;
  }
  const rows = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; intent: Intent });
  const m = intentMetrics(rows.map((r) => ({ expected: r.intent, got: classifyIntent({ text: r.text }).intent })));
  let n = 0;
  const t0 = process.hrtime.bigint();
  while (process.hrtime.bigint() - t0 < 2_000_000_000n) {
    for (const r of rows) {
      classifyIntent({ text: r.text });
      n++;
    }
  }
  const perSec = n / (Number(process.hrtime.bigint() - t0) / 1e9);
  console.log(`\n${file}: ${m.n} messages, accuracy ${(m.accuracy * 100).toFixed(1)}%, macro-F1 ${m.macroF1.toFixed(3)}, ${Math.round(perSec).toLocaleString('en-US')} messages/s (one core)`);
  for (const [intent, s] of Object.entries(m.perIntent)) console.log(`  ${intent.padEnd(16)} P ${s.precision.toFixed(2)}  R ${s.recall.toFixed(2)}  F1 ${s.f1.toFixed(2)}  (n=${s.support})`);
  console.log(`  top confusions: ${m.confusions.slice(0, 6).map((c) => `${c.expected}→${c.got} ×${c.count}`).join(', ') || 'none'}`);
}
