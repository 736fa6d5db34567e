// npm run -s train-words: rebuilds lib/domain/intent/word-model.json from the labelled sets (never the
// holdout). tests/domain/intent-dataset.test.ts fails when the file is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { trainWordModel } from '../lib/domain/intent/word-model';
import type { Intent } from '../lib/domain/types';

const WORD_MODEL_TRAINING_SETS = ['tests/fixtures/intents.jsonl', 'tests/fixtures/intents-dev.jsonl', 'tests/fixtures/intents-dev2.jsonl'];

const root = path.join(import.meta.dirname, '..');
const rows = WORD_MODEL_TRAINING_SETS.flatMap((f) =>
  fs.readFileSync(path.join(root, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; intent: Intent }),
);
const model = trainWordModel(rows);
fs.writeFileSync(path.join(root, 'lib/domain/intent/word-model.json'), `${JSON.stringify(model)}\n`);
console.log(`trained on ${model.trainedOn} messages; ${Object.keys(model.logProbs).length} words and word pairs`);
