import type { Settings } from './settings';
import type { Fulfillment, Intent, Order, PromiseKind, Refund, Return, ShipmentHealth, ShipmentState, Verdict } from './types';

// The exact, serialisable facts a draft is built from. It is stored with each draft, and the
// grounding check accepts only facts found here (never the customer's own words).

export interface DraftContext {
  now: string;
  brand: { name: string; signature: string; style: 'warm' | 'concise' | 'formal'; extraGuidance: string };
  customer: { firstName: string | null; email: string | null };
  ticket: { subject: string | null; customerMessage: string }; // untrusted text
  intent: Intent;
  order: {
    name: string;
    createdAt: string;
    totalPrice: string;
    currency: string;
    financialStatus: string | null;
    fulfillmentStatus: string | null;
    cancelledAt: string | null;
    items: { title: string; quantity: number }[];
    shippingCity: string | null;
  } | null;
  shipments: {
    carrier: string | null;
    trackingNumber: string | null;
    trackingUrl: string | null;
    state: ShipmentState;
    reason: string;
    lastEventAt: string | null;
    lastEventStatus: string | null;
    estimatedDeliveryAt: string | null;
    deliveredAt: string | null;
  }[];
  refunds: { amount: string; currency: string | null; createdAt: string }[];
  returns: { name: string | null; status: string }[];
  verdict: { decision: 'automate' | 'human_review'; nextStep: string; explanation: string; allowedPromises: PromiseKind[] };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function buildDraftContext(input: {
  now: Date;
  settings: Settings;
  customerFirstName: string | null;
  customerEmail: string | null;
  subject: string | null;
  customerMessage: string;
  intent: Intent;
  order: Order | null;
  shipments: { fulfillment: Fulfillment; health: ShipmentHealth }[];
  refunds: Refund[];
  returns: Return[];
  verdict: Verdict;
}): DraftContext {
  const o = input.order;
  return {
    now: input.now.toISOString(),
    brand: { name: input.settings.tone.brandName, signature: input.settings.tone.agentSignature, style: input.settings.tone.style, extraGuidance: input.settings.tone.extraGuidance },
    customer: { firstName: input.customerFirstName, email: input.customerEmail },
    ticket: { subject: input.subject, customerMessage: input.customerMessage.slice(0, 4000) },
    intent: input.intent,
    order: o
      ? {
          name: o.name,
          createdAt: o.createdAt.toISOString(),
          totalPrice: o.totalPrice,
          currency: o.currency,
          financialStatus: o.financialStatus,
          fulfillmentStatus: o.fulfillmentStatus,
          cancelledAt: iso(o.cancelledAt),
          items: o.lineItems.map((li) => ({ title: li.title, quantity: li.quantity })),
          shippingCity: o.shippingAddress?.city ?? null,
        }
      : null,
    shipments: input.shipments.map(({ fulfillment: f, health: h }) => ({
      carrier: f.trackingCompany,
      trackingNumber: f.trackingNumber,
      trackingUrl: f.trackingUrl,
      state: h.state,
      reason: h.reason,
      lastEventAt: iso(h.lastEventAt),
      lastEventStatus: h.lastEventStatus,
      estimatedDeliveryAt: iso(h.estimatedDeliveryAt),
      deliveredAt: iso(h.deliveredAt),
    })),
    refunds: input.refunds.map((r) => ({ amount: r.amount, currency: r.currency, createdAt: r.createdAt.toISOString() })),
    returns: input.returns.map((r) => ({ name: r.name, status: r.status })),
    verdict: { decision: input.verdict.decision, nextStep: input.verdict.nextStep, explanation: input.verdict.explanation, allowedPromises: input.verdict.allowedPromises },
  };
}
