import type OpenAI from 'openai';
import { classifyIntent, RULES_CONFIDENT_AT, type ClassifyInput } from '@/lib/domain/intent/classify';
import type { Classification } from '@/lib/domain/types';
import { askModelForIntent } from '@/lib/integrations/openai/intent-model';

export interface ModelDeps {
  openai: OpenAI | null;
  model: string;
  /** The whole call, connect to answer; past it the rules' answer stands. */
  timeoutMs?: number;
  /** Asked just before a call: false when this hour's budget of model calls is spent. */
  takeBudget?: () => Promise<boolean>;
}

const DEFAULT_MODEL_TIMEOUT_MS = 4_000;

/**
 * Rules and learned weights first; the model only where they are unsure (confidence below
 * RULES_CONFIDENT_AT), only if one is configured, within its timeout and hourly budget. The model's
 * answer is stored as decided_by "model" with its reasons; it is never enough to automate anything
 * (see lib/domain/intent/automation-gate.ts). Any failure leaves the rules' answer, with the reason.
 */
export async function classifyMessage(input: ClassifyInput, deps: ModelDeps): Promise<Classification> {
  const rules = classifyIntent(input);
  if (rules.confidence >= RULES_CONFIDENT_AT || !deps.openai) return rules;
  if (deps.takeBudget && !(await deps.takeBudget())) {
    return { ...rules, reasons: [...rules.reasons, 'model not asked: this hour’s budget of model calls is spent'].slice(-6) };
  }
  const timeoutMs = deps.timeoutMs ?? DEFAULT_MODEL_TIMEOUT_MS;
  try {
    const m = await askModelForIntent(deps.openai, deps.model, input, { timeoutMs });
    return {
      intent: m.intent,
      confidence: m.confidence,
      reasons: [
        `model ${deps.model} decided (rules were unsure: ${rules.intent} at ${rules.confidence})`,
        ...m.reasons.map((r) => `model: ${r.replace(/\d{3,}/g, '###')}`),
        ...rules.reasons.slice(0, 2).map((r) => `rules: ${r}`),
      ],
      decidedBy: 'model',
      orderNumbers: rules.orderNumbers,
    };
  } catch (err) {
    return { ...rules, reasons: [...rules.reasons.slice(0, 5), `model unavailable: ${(err as Error).message.slice(0, 120)}`] };
  }
}
