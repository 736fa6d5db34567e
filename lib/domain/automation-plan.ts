import { parseAddressFromMessage, type AddressPart } from './address-from-message';
import type { ActionParams } from './action-plan';
import type { ActionReplyKind } from './drafts/action-replies';
import { ACTION_REPLY_LANGUAGES } from './drafts/action-replies';
import type { Language } from './language';
import type { Settings } from './settings';
import type { ActionKind, Intent, Order, Verdict } from './types';

// Whether a ticket's safe case is carried out by itself, and how. Every condition is named, so the
// audit log and the shadow report say exactly why something ran or waited:
//  - the policy says automate, with one of the four action next steps;
//  - the intent's "Automate <intent>" switch is on (Settings → Automation);
//  - the intent confidence passes the gate;
//  - an approved reply exists in the customer's language;
//  - for an address change, a complete, valid new address is in the message (otherwise the customer
//    is asked for exactly the missing parts, and nothing is changed).
// Shadow mode computes the same and records it as "would have done".

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface AutomationInput {
  intent: Intent;
  verdict: Verdict;
  message: string;
  order: Order | null;
  deliveredAt: Date | null;
  language: Language | 'unknown';
  passesConfidenceGate: boolean;
  settings: Settings;
}

export type AutomationDecision =
  | { mode: 'skip'; reasons: string[] }
  | {
      mode: 'act';
      shadow: boolean;
      kind: ActionKind;
      params: ActionParams;
      notAfter: Date | null;
      replyKind: ActionReplyKind;
      reasons: string[];
    }
  | { mode: 'ask'; shadow: boolean; missing: AddressPart[]; replyKind: 'address_missing'; reasons: string[] };

const STEP_REPLY: Partial<Record<ActionKind, ActionReplyKind>> = {
  cancel_order: 'cancel',
  create_return: 'return',
  create_exchange: 'exchange',
  update_address: 'address',
};

export function decideAutomation(input: AutomationInput): AutomationDecision {
  const { verdict, settings, order } = input;
  const replyKind = STEP_REPLY[verdict.nextStep];
  if (verdict.decision !== 'automate' || !replyKind || !order)
    return {
      mode: 'skip',
      reasons: [
        `the policy says ${verdict.decision === 'automate' ? verdict.nextStep.replace(/_/g, ' ') : 'human review'} (${verdict.rule})`,
      ],
    };
  const blockers: string[] = [];
  if (!settings.automation.intents[input.intent]) blockers.push(`"Automate ${input.intent.replace(/_/g, ' ')}" is off in settings`);
  if (!input.passesConfidenceGate) blockers.push(`intent confidence is below the ${settings.automation.minConfidence} gate`);
  if (input.language === 'unknown' || !ACTION_REPLY_LANGUAGES.includes(input.language))
    blockers.push('no approved reply template in the language the customer wrote in');
  if (blockers.length) return { mode: 'skip', reasons: blockers };
  const shadow = settings.automation.shadowMode;
  const why = [`policy: ${verdict.explanation}`, `"Automate ${input.intent.replace(/_/g, ' ')}" is on`, `reply in ${input.language}`];
  switch (verdict.nextStep) {
    case 'cancel_order':
      return { mode: 'act', shadow, kind: 'cancel_order', params: {}, notAfter: null, replyKind: 'cancel', reasons: why };
    case 'create_return':
    case 'create_exchange': {
      // Day N of the window is inside: the executor refuses from the start of day N+1.
      const notAfter = input.deliveredAt ? new Date(input.deliveredAt.getTime() + (settings.returns.windowDays + 1) * DAY) : null;
      return {
        mode: 'act',
        shadow,
        kind: verdict.nextStep,
        params: { reason: input.message.slice(0, 500) },
        notAfter,
        replyKind: verdict.nextStep === 'create_return' ? 'return' : 'exchange',
        reasons: why,
      };
    }
    case 'update_address': {
      const parsed = parseAddressFromMessage(input.message, order.shippingAddress?.countryCode ?? null);
      const notAfter = new Date(order.createdAt.getTime() + settings.addressChange.cutoffHours * HOUR);
      if (parsed.found && parsed.complete) {
        return {
          mode: 'act',
          shadow,
          kind: 'update_address',
          params: {
            address: {
              ...parsed.address,
              name: parsed.address.name ?? order.shippingAddress?.name ?? null,
              phone: order.shippingAddress?.phone ?? null,
            },
          },
          notAfter,
          replyKind: 'address',
          reasons: [...why, 'a complete new address is in the message'],
        };
      }
      const missing: AddressPart[] = parsed.found && !parsed.complete ? parsed.missing : ['street', 'city', 'postal code', 'country'];
      return {
        mode: 'ask',
        shadow,
        missing,
        replyKind: 'address_missing',
        reasons: [...why, parsed.found ? `the new address lacks: ${missing.join(', ')}` : 'no new address in the message'],
      };
    }
    default:
      return { mode: 'skip', reasons: [`no automation for ${verdict.nextStep}`] };
  }
}
