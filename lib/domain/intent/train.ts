import type { Intent } from '../types';
import { INTENTS } from '../types';
import { messageFeatures, scoreRules } from './classify';
import { fitCalibration, loadModel, scoreFeatures, trainLinear, type LinearModelFile } from './linear-model';

// Which labelled sets (tests/fixtures/) the weights learn from and which calibrate them. The holdout,
// the new calibration split and the new blind test set are never trained on; the blind test set is
// not used here at all.
export const TRAINING_SETS = ['intents.jsonl', 'intents-dev.jsonl', 'intents-dev2.jsonl', 'intents-new-dev.jsonl'];
export const CALIBRATION_SETS = ['intents-new-calib.jsonl', 'intents-holdout.jsonl'];

export interface LabelledRow {
  text: string;
  intent: Intent;
}

/** Trains the weights and fits the calibration: what scripts/train-intents.ts writes to intent-model.json. */
export function buildModelFile(load: (set: string) => LabelledRow[]): LinearModelFile {
  const train = TRAINING_SETS.flatMap(load);
  const rows = train.map((r) => ({ features: messageFeatures(scoreRules({ text: r.text })), intent: r.intent }));
  const { bias, features, weights } = trainLinear(rows);
  const file: LinearModelFile = {
    version: 1,
    trainedOn: train.length,
    sets: TRAINING_SETS,
    intents: [...INTENTS],
    bias,
    features,
    weights,
    calibration: { calibratedOn: 0, sets: CALIBRATION_SETS, global: [1, 0], perIntent: {} },
  };
  const model = loadModel(file);
  const held = CALIBRATION_SETS.flatMap(load);
  const answers = held.map((r) => {
    const s = scoreFeatures(model, messageFeatures(scoreRules({ text: r.text })), false);
    return { intent: INTENTS[s.best], p: s.probs[s.best], correct: INTENTS[s.best] === r.intent };
  });
  file.calibration = { calibratedOn: held.length, sets: CALIBRATION_SETS, ...fitCalibration(answers) };
  return file;
}
