import type OpenAI from 'openai';
import { classifyIntent, RULES_CONFIDENT_AT, type ClassifyInput } from '@/lib/domain/intent/classify';
import type { Classification } from '@/lib/domain/types';
import { askModelForIntent } from '@/lib/integrations/openai/intent-model';

/** Rules first; the model only where the rules are unsure and only if one is configured. */
export async function classifyMessage(input: ClassifyInput, deps: { openai: OpenAI | null; model: string }): Promise<Classification> {
  const rules = classifyIntent(input);
  if (rules.confidence >= RULES_CONFIDENT_AT || !deps.openai) return rules;
  try {
    const m = await askModelForIntent(deps.openai, deps.model, input);
    return {
      intent: m.intent,
      confidence: m.confidence,
      reasons: [`model ${deps.model} decided (rules were unsure at ${rules.confidence})`, ...m.reasons, ...rules.reasons.slice(0, 2).map((r) => `rules: ${r}`)],
      decidedBy: 'model',
      orderNumbers: rules.orderNumbers,
    };
  } catch (err) {
    return { ...rules, reasons: [...rules.reasons, `model unavailable: ${(err as Error).message.slice(0, 120)}`] };
  }
}
