// npm run -s train-intents: trains the learned weights on the labelled sets and calibrates them on the
// held-out calibration split (see lib/domain/intent/train.ts for which sets), then writes
// lib/domain/intent/intent-model.json. tests/domain/intent-dataset.test.ts fails when it is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { buildModelFile, type LabelledRow } from '../lib/domain/intent/train';

const root = path.join(import.meta.dirname, '..');
const load = (set: string) =>
  fs
    .readFileSync(path.join(root, 'tests/fixtures', set), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LabelledRow);
const t0 = Date.now();
const file = buildModelFile(load);
fs.writeFileSync(path.join(root, 'lib/domain/intent/intent-model.json'), `${JSON.stringify(file)}\n`);
console.log(
  `trained on ${file.trainedOn} messages, ${file.features.length} features; calibrated on ${file.calibration.calibratedOn}; ${Date.now() - t0} ms`,
);
console.log('calibration (a, b) per intent:', JSON.stringify(file.calibration.perIntent));
