import { INTENTS, type Intent } from '../types';

export interface IntentMetrics {
  n: number;
  accuracy: number;
  macroF1: number;
  perIntent: Record<Intent, { precision: number; recall: number; f1: number; support: number }>;
  confusions: { expected: Intent; got: Intent; count: number }[];
}

/** Accuracy, per-intent precision/recall/F1 and macro-F1 over labelled pairs. */
export function intentMetrics(pairs: { expected: Intent; got: Intent }[]): IntentMetrics {
  const perIntent = {} as IntentMetrics['perIntent'];
  for (const i of INTENTS) {
    const tp = pairs.filter((p) => p.expected === i && p.got === i).length;
    const fp = pairs.filter((p) => p.expected !== i && p.got === i).length;
    const fn = pairs.filter((p) => p.expected === i && p.got !== i).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    perIntent[i] = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support: tp + fn };
  }
  const present = INTENTS.filter((i) => perIntent[i].support > 0);
  const counts = new Map<string, number>();
  for (const p of pairs) if (p.expected !== p.got) counts.set(`${p.expected}>${p.got}`, (counts.get(`${p.expected}>${p.got}`) ?? 0) + 1);
  return {
    n: pairs.length,
    accuracy: pairs.length ? pairs.filter((p) => p.expected === p.got).length / pairs.length : 0,
    macroF1: present.reduce((s, i) => s + perIntent[i].f1, 0) / Math.max(1, present.length),
    perIntent,
    confusions: [...counts.entries()]
      .map(([k, count]) => ({ expected: k.split('>')[0] as Intent, got: k.split('>')[1] as Intent, count }))
      .sort((a, b) => b.count - a.count),
  };
}
