import type { Intent } from '../types';
import { GORGIAS_INTENT_MAP } from './rules';

// Gorgias reads intents itself ("product/question", "order/cancel"). The classifier already counts
// them as evidence; when Gorgias's reading still points elsewhere than Concord's, the agent and the
// lead should see both (issue 20.6): one of the two is wrong, and a correction trains the classifier.

export interface IntentDisagreement {
  gorgias: string; // Gorgias's own label, e.g. "product/question"
  gorgiasIntent: Intent; // what that label means in Concord's intents
  concord: Intent;
}

const FROM_REASON = /^(\w+): Gorgias tagged the message (\S+)$/;

/** Gorgias's labels for a ticket: the message intents the classifier recorded, and ticket tags named like them. */
function gorgiasLabels(reasons: string[], tags: string[]): string[] {
  const out: string[] = [];
  for (const r of reasons) {
    const m = FROM_REASON.exec(r.trim());
    if (m && GORGIAS_INTENT_MAP[m[2]]) out.push(m[2]);
  }
  for (const t of tags) {
    const label = t
      .trim()
      .toLowerCase()
      .replace(/^([a-z]+)[-_ ]/, '$1/');
    if (GORGIAS_INTENT_MAP[label]) out.push(label);
  }
  return [...new Set(out)];
}

/** Gorgias's reading against Concord's: a disagreement when none of Gorgias's labels means Concord's intent. */
export function intentDisagreement(intent: Intent | null, reasons: string[], tags: string[]): IntentDisagreement | null {
  if (!intent) return null;
  const labels = gorgiasLabels(reasons, tags);
  if (labels.length === 0 || labels.some((l) => GORGIAS_INTENT_MAP[l] === intent)) return null;
  return { gorgias: labels[0], gorgiasIntent: GORGIAS_INTENT_MAP[labels[0]], concord: intent };
}
