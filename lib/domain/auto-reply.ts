import type { Settings } from './settings';
import type { Intent, ShipmentHealth, Verdict } from './types';

// Auto-reply only for the safe case the mission names first: a WISMO question about a healthy
// shipment, confidently classified, grounded, switched on, and the store not in shadow mode.
export function autoReplyDecision(input: {
  intent: Intent;
  confidence: number;
  shipment: ShipmentHealth | null;
  grounding: { ok: boolean };
  settings: Settings;
  verdict: Verdict | null;
}): { send: boolean; shadow: boolean; reasons: string[] } {
  const blockers: string[] = [];
  if (input.intent !== 'wismo') blockers.push(`intent is ${input.intent}, only WISMO is auto-replied`);
  if (!input.shipment || !input.shipment.healthy || input.shipment.state === 'delivered') blockers.push(`shipment is ${input.shipment?.state ?? 'unknown'}, not healthy in transit`);
  if (input.confidence < input.settings.automation.minConfidence) blockers.push(`confidence ${input.confidence} is below ${input.settings.automation.minConfidence}`);
  if (!input.grounding.ok) blockers.push('the draft failed the grounding check');
  if (!input.settings.automation.intents.wismo) blockers.push('automation for WISMO is switched off');
  if (!input.verdict || input.verdict.decision !== 'automate') blockers.push('the policy verdict is not automate');
  if (blockers.length > 0) return { send: false, shadow: false, reasons: blockers };
  if (input.settings.automation.shadowMode) return { send: false, shadow: true, reasons: ['shadow mode: would have sent this reply'] };
  return { send: true, shadow: false, reasons: ['WISMO, healthy shipment, confident, grounded, automation on'] };
}
