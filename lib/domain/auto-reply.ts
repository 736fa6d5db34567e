import type { Settings } from './settings';
import { intentGate } from './intent/automation-gate';
import type { Classification, Intent, ShipmentHealth, Verdict } from './types';

// A reply goes out without a human only in the one case that is safe to get wrong cheaply: a
// "where is my order?" question, confidently classified, about a parcel that is moving normally,
// answered by a draft whose every fact is grounded, with the switch on and the policy saying
// automate. Every condition is checked and every failing one is named, so the audit log says
// exactly why a reply waited for an agent. In shadow mode the decision is recorded, not acted on.

export interface AutoReplyInput {
  intent: Intent;
  confidence: number; // calibrated (lib/domain/intent/linear-model.ts)
  decidedBy?: Classification['decidedBy'] | null; // a model's answer never auto-replies by itself
  shipment: ShipmentHealth | null;
  grounding: { ok: boolean };
  settings: Settings;
  verdict: Verdict | null;
  /** Events about this customer received but still not applied after a bounded wait. */
  unappliedEvents?: number;
}

export interface AutoReplyDecision {
  send: boolean;
  shadow: boolean; // "would have sent": every condition held but shadow mode is on
  reasons: string[];
}

export function autoReplyDecision(input: AutoReplyInput): AutoReplyDecision {
  const { settings, shipment } = input;
  const min = settings.automation.minConfidence;
  const blockers: string[] = [];
  if (input.intent !== 'wismo')
    blockers.push(`The intent is ${input.intent.replace(/_/g, ' ')}; only "where is my order" questions are answered automatically.`);
  if (!shipment) blockers.push('There is no shipment to report on.');
  else if (shipment.state === 'delivered')
    blockers.push('The parcel is marked delivered; a customer asking about it may not have it, so a person should answer.');
  else if (!shipment.healthy) blockers.push(`The shipment is ${shipment.state.replace(/_/g, ' ')}, not moving normally.`);
  const gate = intentGate({ intent: input.intent, confidence: input.confidence, decidedBy: input.decidedBy ?? 'rules' }, min);
  if (!gate.ok) blockers.push(gate.reason);
  if (!input.grounding.ok) blockers.push('The draft states something the order data does not back (grounding check failed).');
  if (!settings.automation.intents.wismo) blockers.push('Automatic replies for "where is my order" are switched off in settings.');
  if (!input.verdict) blockers.push('There is no policy verdict for this ticket.');
  else if (input.verdict.decision !== 'automate') blockers.push(`The policy verdict is human review (${input.verdict.rule}).`);

  if (input.unappliedEvents) {
    blockers.push(
      `${input.unappliedEvents} newer ${input.unappliedEvents === 1 ? 'event' : 'events'} for this customer had not been applied yet, so the order data may be out of date.`,
    );
  }

  if (blockers.length > 0) return { send: false, shadow: false, reasons: blockers };
  const why = `Where-is-my-order question at ${input.confidence.toFixed(2)} confidence, shipment ${shipment!.state.replace(/_/g, ' ')}, draft grounded, automation on, policy says automate.`;
  if (settings.automation.shadowMode)
    return { send: false, shadow: true, reasons: [why, 'Shadow mode is on: recorded as "would have sent", nothing was sent.'] };
  return { send: true, shadow: false, reasons: [why] };
}

/** The confidence gate, read by every automation (replies and actions) through this one function. */
export function meetsConfidenceGate(input: { intent: Intent; confidence: number; settings: Settings }): boolean {
  return input.confidence >= input.settings.automation.minConfidence;
}
