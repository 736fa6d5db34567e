// npx tsx --conditions=react-server scripts/eval-intents.ts [--threshold 0.8] [--no-speed] [FILE...]
// Per labelled set ({"text", "intent"} JSON lines): accuracy, macro-F1, per-intent precision/recall/F1,
// and per intent what automation would do at the threshold (precision and recall of the answers that
// pass the intent gate: rules/weights answer at or above the calibrated confidence threshold). For the
// new sets, the blind score recorded before any tuning (tests/fixtures/intents-new-BLIND.md) is printed
// first. Then throughput on one core beside the CPU reference loop (timed before and after).
import fs from 'node:fs';
import { classifyIntent } from '../lib/domain/intent/classify';
import { intentGate } from '../lib/domain/intent/automation-gate';
import { intentMetrics } from '../lib/domain/intent/metrics';
import { CALIBRATION_SETS, TRAINING_SETS } from '../lib/domain/intent/train';
import { defaultSettings } from '../lib/domain/settings';
import { INTENTS, type Intent } from '../lib/domain/types';
import { cpuReferenceMs } from './cpu-reference';

const args = process.argv.slice(2);
const threshold = args.includes('--threshold') ? Number(args[args.indexOf('--threshold') + 1]) : defaultSettings().automation.minConfidence;
const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--threshold');
const FIX = 'tests/fixtures/';
const sets = files.length
  ? files
  : ['intents.jsonl', 'intents-dev.jsonl', 'intents-dev2.jsonl', 'intents-new-dev.jsonl', 'intents-holdout.jsonl', 'intents-new-calib.jsonl', 'intents-new-test.jsonl'].map((f) => FIX + f);

// "tests/fixtures/intents-new-dev.jsonl: 257 messages, accuracy 77.0%, macro-F1 0.811, …" as recorded blind
const blindFile = `${FIX}intents-new-BLIND.md`;
const blind = new Map<string, string>();
if (fs.existsSync(blindFile)) {
  for (const m of fs.readFileSync(blindFile, 'utf8').matchAll(/^(tests\/fixtures\/\S+\.jsonl): \d+ messages, (accuracy [\d.]+%, macro-F1 [\d.]+)/gm)) blind.set(m[1], m[2]);
}
const role = (file: string) => {
  const name = file.replace(FIX, '');
  if (TRAINING_SETS.includes(name)) return 'trained and tuned on';
  if (name === 'intents-new-calib.jsonl') return 'calibration only (never trained or tuned on)';
  if (CALIBRATION_SETS.includes(name)) return 'holdout: never trained on; also calibrates';
  if (name === 'intents-new-test.jsonl') return 'BLIND test: never trained, tuned or calibrated on';
  return 'not used in training';
};
const pct = (x: number) => (x * 100).toFixed(1);

const everything: string[] = [];
const pooled: { expected: Intent; got: Intent; pass: boolean }[] = [];
for (const file of sets) {
  if (!fs.existsSync(file)) {
    console.log(`${file}: missing`);
    continue;
  }
  const rows = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; intent: Intent });
  everything.push(...rows.map((r) => r.text));
  const results = rows.map((r) => ({ expected: r.intent, c: classifyIntent({ text: r.text }) }));
  const m = intentMetrics(results.map((r) => ({ expected: r.expected, got: r.c.intent })));
  console.log(`\n${file} (${role(file)}): ${m.n} messages`);
  if (blind.has(file)) console.log(`  blind, before tuning:  ${blind.get(file)}`);
  console.log(`  ${blind.has(file) ? 'now, after tuning:     ' : ''}accuracy ${pct(m.accuracy)}%, macro-F1 ${m.macroF1.toFixed(3)}`);
  console.log(`  ${'intent'.padEnd(16)}    P     R    F1    n   | automation at ≥ ${threshold.toFixed(2)}: P     R    answered`);
  for (const i of INTENTS) {
    const s = m.perIntent[i];
    const gated = results.filter((r) => r.c.intent === i && intentGate(r.c, threshold).ok);
    const tp = gated.filter((r) => r.expected === i).length;
    const auto = gated.length ? `${(tp / gated.length).toFixed(2)}  ${s.support ? (tp / s.support).toFixed(2) : '  - '}  ${String(gated.length).padStart(4)}` : '   -     -      0';
    console.log(`  ${i.padEnd(16)} ${s.precision.toFixed(2)}  ${s.recall.toFixed(2)}  ${s.f1.toFixed(2)}  ${String(s.support).padStart(3)}   |                         ${auto}`);
  }
  console.log(`  top confusions: ${m.confusions.slice(0, 6).map((c) => `${c.expected}→${c.got} ×${c.count}`).join(', ') || 'none'}`);
  if (role(file) !== 'trained and tuned on') pooled.push(...results.map((r) => ({ expected: r.expected, got: r.c.intent, pass: intentGate(r.c, threshold).ok })));
}

if (pooled.length) {
  console.log(`\nAutomation on all messages never trained on (${pooled.length}), at ≥ ${threshold.toFixed(2)}:`);
  for (const i of ['wismo', 'cancel'] as Intent[]) {
    const gated = pooled.filter((r) => r.got === i && r.pass);
    const tp = gated.filter((r) => r.expected === i).length;
    const support = pooled.filter((r) => r.expected === i).length;
    console.log(`  ${i.padEnd(8)} precision ${gated.length ? (tp / gated.length).toFixed(3) : '-'} (${tp}/${gated.length}), recall ${(tp / support).toFixed(3)} (${tp}/${support})`);
  }
}

if (!args.includes('--no-speed') && everything.length) {
  const before = cpuReferenceMs();
  for (const t of everything) classifyIntent({ text: t }); // warm up
  let n = 0;
  const t0 = process.hrtime.bigint();
  while (process.hrtime.bigint() - t0 < 3_000_000_000n) {
    for (const t of everything) {
      classifyIntent({ text: t });
      n++;
    }
  }
  const perSec = n / (Number(process.hrtime.bigint() - t0) / 1e9);
  const after = cpuReferenceMs();
  console.log(`\nThroughput (rules + learned weights, no model), one core: ${Math.round(perSec).toLocaleString('en-US')} messages/s over ${everything.length} messages`);
  console.log(`CPU reference (the bench's 10⁸-step loop, median of 3): ${Math.round(before)} ms before, ${Math.round(after)} ms after (the bench README's quiet host: 148–182 ms)`);
}
