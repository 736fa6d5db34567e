import { z } from 'zod';
import type { Settings } from './settings';
import {
  INTENTS,
  PROMISES,
  SHIPMENT_STATES,
  type Fulfillment,
  type Intent,
  type Order,
  type PromiseKind,
  type Refund,
  type Return,
  type ShipmentHealth,
  type ShipmentState,
  type Verdict,
} from './types';

// The exact context a reply draft is written from, stored with the draft. It is plain JSON
// (ISO strings, no Dates) so a stored draft can be re-checked and explained later, and it is the
// only thing the grounding check accepts as evidence: the customer's message sits in `ticket`,
// which is never evidence for a fact.

export interface DraftShipment {
  name: string | null; // "#1001.1"
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  state: ShipmentState;
  reason: string;
  lastEventAt: string | null;
  lastEventStatus: string | null;
  estimatedDeliveryAt: string | null;
  deliveredAt: string | null;
}

export interface DraftContext {
  now: string; // ISO
  brand: { name: string; signature: string; style: 'warm' | 'concise' | 'formal'; extraGuidance: string };
  customer: { firstName: string | null; email: string | null };
  ticket: { subject: string | null; customerMessage: string; attachmentCount: number | null }; // untrusted text
  intent: Intent;
  order: {
    name: string;
    createdAt: string;
    totalPrice: string;
    currency: string;
    financialStatus: string | null;
    fulfillmentStatus: string | null;
    cancelledAt: string | null;
    items: { title: string; quantity: number; price: string }[];
    shippingCity: string | null;
    /** The current address's country: a new address in the customer's words is read in it. */
    shippingCountry?: string | null;
  } | null;
  shipments: DraftShipment[];
  refunds: { amount: string; currency: string | null; createdAt: string }[];
  returns: { name: string | null; status: string }[];
  verdict: {
    decision: 'automate' | 'human_review';
    nextStep: string;
    rule: string;
    explanation: string;
    reasons: string[];
    allowedPromises: PromiseKind[];
    /** The recommended step, already asked for (pending) or done: the reply says so instead of promising it. */
    taken?: { kind: string; status: string } | null;
  };
}

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO timestamp');

/** For contexts read back from storage: a draft's context is data like any other input. */
export const draftContextSchema = z.object({
  now: iso,
  brand: z.object({ name: z.string(), signature: z.string(), style: z.enum(['warm', 'concise', 'formal']), extraGuidance: z.string() }),
  customer: z.object({ firstName: z.string().nullable(), email: z.string().nullable() }),
  ticket: z.object({
    subject: z.string().nullable(),
    customerMessage: z.string(),
    attachmentCount: z.number().int().nonnegative().nullable(),
  }),
  intent: z.enum(INTENTS),
  order: z
    .object({
      name: z.string(),
      createdAt: iso,
      totalPrice: z.string(),
      currency: z.string(),
      financialStatus: z.string().nullable(),
      fulfillmentStatus: z.string().nullable(),
      cancelledAt: iso.nullable(),
      items: z.array(z.object({ title: z.string(), quantity: z.number().int(), price: z.string() })),
      shippingCity: z.string().nullable(),
      shippingCountry: z.string().nullable().optional(),
    })
    .nullable(),
  shipments: z.array(
    z.object({
      name: z.string().nullable(),
      carrier: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      trackingUrl: z.string().nullable(),
      state: z.enum(SHIPMENT_STATES),
      reason: z.string(),
      lastEventAt: iso.nullable(),
      lastEventStatus: z.string().nullable(),
      estimatedDeliveryAt: iso.nullable(),
      deliveredAt: iso.nullable(),
    }),
  ),
  refunds: z.array(z.object({ amount: z.string(), currency: z.string().nullable(), createdAt: iso })),
  returns: z.array(z.object({ name: z.string().nullable(), status: z.string() })),
  verdict: z.object({
    decision: z.enum(['automate', 'human_review']),
    nextStep: z.string(),
    rule: z.string(),
    explanation: z.string(),
    reasons: z.array(z.string()),
    allowedPromises: z.array(z.enum(PROMISES)),
    taken: z.object({ kind: z.string(), status: z.string() }).nullable().optional(),
  }),
}) satisfies z.ZodType<DraftContext>;

export interface DraftContextInput {
  now: Date;
  settings: Settings;
  customerFirstName: string | null; // as the helpdesk has it: checked by greetingName before use
  customerEmail: string | null;
  subject: string | null;
  customerMessage: string;
  attachmentCount?: number | null; // photos the customer sent with the message, when known
  intent: Intent;
  order: Order | null;
  shipments: { fulfillment: Fulfillment; health: ShipmentHealth }[];
  refunds: Refund[];
  returns: Return[];
  verdict: Verdict;
}

// Enough for any real message; a pasted novel would only cost tokens and bury the question.
const MAX_MESSAGE_CHARS = 4000;

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/**
 * The name a reply greets the customer with. It comes from the helpdesk sender name, which the
 * customer controls, so only a plain word passes: "Pat", "Zoë", "O'Neil", "Jean-Luc"; an email
 * address, a number or a sentence gives null and the greeting stays generic.
 */
export function greetingName(firstName: string | null | undefined, fullName?: string | null): string | null {
  const raw = blankToNull(firstName) ?? blankToNull(fullName)?.split(/\s+/)[0] ?? null;
  if (!raw || /[<>{}[\]@/\\=;:|#$%^*+_~`"\d]/.test(raw)) return null;
  // "Pat," or "(Pat)" as typed in a sender name: the punctuation around the name goes.
  const word = raw.replace(/^[\s.,!?()'’-]+|[\s.,!?()'’-]+$/gu, '');
  if (!/^\p{L}[\p{L}'’-]{0,29}$/u.test(word)) return null;
  const sameCase = word === word.toLowerCase() || word === word.toUpperCase();
  return sameCase ? word.charAt(0).toUpperCase() + word.slice(1).toLowerCase() : word;
}

function shipmentsOf(input: DraftContextInput['shipments']): DraftShipment[] {
  const sorted = [...input].sort((a, b) => a.fulfillment.createdAt.getTime() - b.fulfillment.createdAt.getTime());
  // A cancelled fulfillment that another one replaced is history; telling the customer about its
  // tracking number would only confuse them.
  const live = sorted.filter((s) => s.fulfillment.status.toLowerCase() !== 'cancelled');
  const chosen = live.length > 0 ? live : sorted;
  return chosen.map(({ fulfillment: f, health: h }) => ({
    name: f.name,
    carrier: blankToNull(f.trackingCompany),
    trackingNumber: blankToNull(f.trackingNumber),
    trackingUrl: blankToNull(f.trackingUrl),
    state: h.state,
    reason: h.reason,
    lastEventAt: isoOrNull(h.lastEventAt),
    lastEventStatus: h.lastEventStatus,
    estimatedDeliveryAt: isoOrNull(h.estimatedDeliveryAt),
    deliveredAt: isoOrNull(h.deliveredAt),
  }));
}

export function buildDraftContext(input: DraftContextInput): DraftContext {
  const { order, settings, verdict } = input;
  return {
    now: input.now.toISOString(),
    brand: {
      name: settings.tone.brandName,
      signature: settings.tone.agentSignature,
      style: settings.tone.style,
      extraGuidance: settings.tone.extraGuidance,
    },
    customer: {
      firstName: greetingName(input.customerFirstName),
      email: blankToNull(input.customerEmail) ?? order?.email ?? null,
    },
    ticket: {
      subject: blankToNull(input.subject),
      customerMessage: input.customerMessage.slice(0, MAX_MESSAGE_CHARS),
      attachmentCount: input.attachmentCount ?? null,
    },
    intent: input.intent,
    order: order
      ? {
          name: order.name,
          createdAt: order.createdAt.toISOString(),
          totalPrice: order.totalPrice,
          currency: order.currency,
          financialStatus: order.financialStatus,
          fulfillmentStatus: order.fulfillmentStatus,
          cancelledAt: isoOrNull(order.cancelledAt),
          items: order.lineItems.map((li) => ({ title: li.title, quantity: li.quantity, price: li.price })),
          shippingCity: order.shippingAddress?.city ?? null,
          shippingCountry: order.shippingAddress?.countryCode ?? null,
        }
      : null,
    shipments: order ? shipmentsOf(input.shipments) : [],
    refunds: [...input.refunds]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((r) => ({ amount: r.amount, currency: r.currency ?? order?.currency ?? null, createdAt: r.createdAt.toISOString() })),
    returns: input.returns.map((r) => ({ name: r.name, status: r.status })),
    verdict: {
      decision: verdict.decision,
      nextStep: verdict.nextStep,
      rule: verdict.rule,
      explanation: verdict.explanation,
      reasons: verdict.reasons,
      allowedPromises: [...verdict.allowedPromises],
      ...(verdict.taken ? { taken: { kind: verdict.taken.kind, status: verdict.taken.status } } : {}),
    },
  };
}

/** The shipment a reply leads with: the first one still on its way, else the latest. */
export function primaryShipment(ctx: DraftContext): DraftShipment | null {
  return ctx.shipments.find((s) => s.state !== 'delivered') ?? ctx.shipments[ctx.shipments.length - 1] ?? null;
}
