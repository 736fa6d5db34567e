import { z } from 'zod';
import { CANCEL_REASONS } from '@/lib/domain/action-plan';
import { ISSUE_KINDS } from '@/lib/domain/issues';
import { SHIPMENT_STATES } from '@/lib/domain/types';

// Every side effect Concord can queue, named "<system>.<verb>", with the one schema its payload must
// match. enqueueEffect is typed by these schemas, the outbox runner checks a stored payload against
// its kind's schema before anything is sent (a payload that fails is dead-lettered, never executed),
// and lib/effects/effect-executors.ts must have an executor for every kind here (the type says so).
// To add a kind: add its schema here, its executor there; see README "How to add an effect kind".
//
// Unknown keys are dropped when a stored payload is parsed (they are kept in the row), so an older
// row carrying a key the schema no longer names still runs.

const id = z.string().min(1);
const tags = z.array(z.string());
const text = z.string();

/** From an action's plan (lib/domain/action-plan.ts): what the plan said and where a stopped action goes. */
const planned = {
  summary: z.string().optional(),
  /** Where the ticket goes if the executor stops the action (lib/automation/route-stopped-action.ts). */
  routing: z.object({ tagPrefix: z.string().optional(), teamId: z.number().nullish() }).optional(),
};

/** What a Shopify action's executor re-checks against the live order just before the mutation. */
const guard = z
  .object({ requireNotCancelled: z.boolean().optional(), requireUnfulfilled: z.boolean().optional(), notAfter: z.string().nullish() })
  .optional();

const address = z
  .object({
    name: z.string().nullable(),
    address1: z.string().nullable(),
    address2: z.string().nullable(),
    city: z.string().nullable(),
    province: z.string().nullable(),
    provinceCode: z.string().nullable(),
    zip: z.string().nullable(),
    country: z.string().nullable(),
    countryCode: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .partial();

const lineChoice = z.object({ lineItemId: z.string(), quantity: z.number().int() });

/** A Gorgias ticket effect; orderId rides along when an action's plan queued it. */
const ticket = { ticketId: id, orderId: z.string().nullish(), ...planned };
/** A Shopify order mutation queued by an action (agent or automation). */
const orderAction = { orderId: id, ticketId: z.string().optional(), guard, ...planned };

export const effectPayloads = {
  'gorgias.add_tags': z.object({ ...ticket, tags }),
  'gorgias.remove_tags': z.object({ ...ticket, tags }),
  'gorgias.assign': z.object({ ...ticket, teamId: z.number().nullish(), userId: z.number().nullish() }),
  'gorgias.internal_note': z.object({ ...ticket, body: text }),
  'gorgias.send_reply': z.object({
    ...ticket,
    body: text,
    channel: z.string().optional(),
    receiverEmail: z.string().nullish(),
    senderEmail: z.string().nullish(),
    receiverPhone: z.string().nullish(),
    /** Gorgias's customer id, for channels that address the customer rather than an email. */
    customerId: z.string().nullish(),
    /** The draft this reply sends (an automatic reply). */
    draftId: z.number().optional(),
  }),
  'gorgias.set_priority': z.object({ ...ticket, priority: z.string() }),
  /** Read a customer's earlier Gorgias tickets on first sight (lib/ticket-context/fetch-customer-history.ts). */
  'gorgias.fetch_customer_history': z.object({
    email: z.string().trim().toLowerCase().min(3).max(320),
    gorgiasCustomerId: z.string().trim().min(1).nullable(), // from the ticket event; looked up by email when null
    ticketId: z.string().trim().min(1), // the ticket that first showed the customer: not history
  }),

  'shopify.tag_order': z.object({ ...orderAction, tags }),
  'shopify.refresh_customer': z.object({ email: z.string() }),
  'shopify.cancel_order': z.object({
    ...orderAction,
    reason: z.enum(CANCEL_REASONS).optional(),
    refund: z.boolean().optional(),
    restock: z.boolean().optional(),
    notifyCustomer: z.boolean().optional(),
    staffNote: z.string().nullish(),
  }),
  'shopify.update_address': z.object({ ...orderAction, address }),
  'shopify.create_return': z.object({
    ...orderAction,
    lineItems: z.array(lineChoice).nullish(),
    reasonHandle: z.string().optional(),
    note: z.string().optional(),
  }),
  'shopify.create_exchange': z.object({
    ...orderAction,
    lineItems: z.array(lineChoice.extend({ variantId: z.string().nullish() })).nullish(),
    reasonHandle: z.string().optional(),
    note: z.string().optional(),
    /** The customer's words: the replacement variant is read from them when the agent chose none. */
    customerWords: z.string().optional(),
  }),
  'shopify.refund_order': z.object({
    ...orderAction,
    lineItems: z.array(lineChoice).nullish(),
    full: z.boolean().optional(),
    amount: z.string().nullish(),
    currency: z.string().optional(),
    restock: z.boolean().optional(),
    notify: z.boolean().optional(),
    note: z.string().optional(),
  }),
  'shopify.reship_order': z.object({
    ...orderAction,
    orderName: z.string().optional(),
    customerId: z.string().nullish(),
    email: z.string().nullish(),
    lineItems: z.array(z.object({ variantId: z.string(), quantity: z.number().int(), title: z.string().optional() })),
    address,
    note: z.string().optional(),
  }),
  'shopify.store_credit': z.object({
    ...orderAction,
    customerId: id,
    amount: z.string(),
    currency: z.string(),
    expiresAt: z.string().nullish(),
    note: z.string().optional(),
  }),
  'shopify.discount_code': z.object({
    ...orderAction,
    customerId: id,
    code: z.string(),
    title: z.string(),
    percentage: z.number().nullish(),
    amount: z.string().nullish(),
    currency: z.string().optional(),
    startsAt: z.string(),
    endsAt: z.string(),
  }),

  /** State-based: the executor pushes the customer's state as it is when it runs. */
  'klaviyo.sync_profile': z.object({ email: z.string() }),
  'klaviyo.issue_event': z.object({
    email: z.string(),
    issueKey: z.string(),
    kind: z.enum(ISSUE_KINDS),
    verb: z.enum(['opened', 'resolved']),
    at: z.string(),
    orderId: z.string().nullable(),
    ticketId: z.string().nullable(),
    reason: z.string(),
  }),
  'klaviyo.shipment_update': z.object({
    email: z.string(),
    at: z.string(),
    orderId: z.string(),
    orderName: z.string(),
    fulfillmentId: z.string(),
    state: z.enum(SHIPMENT_STATES),
    reason: z.string(),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    trackingUrl: z.string().nullable(),
    estimatedDeliveryAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  }),
  'klaviyo.recovery_event': z.object({
    email: z.string(),
    issueKey: z.string(),
    kind: z.enum(ISSUE_KINDS),
    orderId: z.string().nullable(),
    reason: z.string(),
    at: z.string(),
  }),
  'klaviyo.review_eligible': z.object({
    email: z.string(),
    orderId: z.string(),
    orderName: z.string(),
    deliveredAt: z.string(),
    at: z.string(),
  }),

  'concord.generate_draft': z.object({ ticketId: id, ticketShopId: z.string().optional(), messageId: z.string().nullish() }),
};

export type EffectKind = keyof typeof effectPayloads;
export const EFFECT_KINDS = Object.keys(effectPayloads) as EffectKind[];

/** The system an effect talks to: the part of its kind before the dot. */
export type EffectSystem = EffectKind extends `${infer S}.${string}` ? S : never;

/** Any effect may carry these: the runner reads them, no executor does. */
export type EffectEnvelope = {
  /** Shadow mode: record what would have been sent, send nothing. */
  shadow?: boolean;
  /** Follow-ups queued in the same transaction that settles this effect, only once it went through. */
  then?: EffectCall[];
};

export type EffectPayload<K extends EffectKind> = z.infer<(typeof effectPayloads)[K]> & EffectEnvelope;

/** One effect to queue: its kind, its payload (typed by the kind) and its idempotency key. */
export type EffectCall<K extends EffectKind = EffectKind> = { [P in K]: { kind: P; payload: EffectPayload<P>; idempotencyKey: string } }[K];

/** An effect an action's plan asks for (lib/domain/action-plan.ts); the caller adds the ticket. */
export type PlannedEffect = { [P in EffectKind]: { kind: P; payload: Omit<EffectPayload<P>, 'ticketId'> } }[EffectKind];

const effectKindSchema = z.enum(EFFECT_KINDS as [EffectKind, ...EffectKind[]]);
const envelope = {
  shadow: z.boolean().optional(),
  // A follow-up's own payload is checked by its kind's schema when it runs.
  then: z.array(z.object({ kind: effectKindSchema, payload: z.record(z.string(), z.unknown()), idempotencyKey: z.string() })).optional(),
};
const storedSchemas = new Map<string, z.ZodType>(
  EFFECT_KINDS.map((k) => {
    const own: z.ZodObject = effectPayloads[k];
    return [k, own.extend(envelope)];
  }),
);

export function isEffectKind(kind: string): kind is EffectKind {
  return Object.hasOwn(effectPayloads, kind);
}

export type ParsedPayload<K extends EffectKind> = { ok: true; payload: EffectPayload<K> } | { ok: false; error: string };

/** Checks a payload against its kind's schema; the error names each field that is wrong. */
export function parseEffectPayload<K extends EffectKind>(kind: K, payload: unknown): ParsedPayload<K> {
  const r = storedSchemas.get(kind)!.safeParse(payload);
  if (r.success) return { ok: true, payload: r.data as EffectPayload<K> };
  const problems = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'payload'}: ${i.message}`).join('; ');
  return {
    ok: false,
    error: `The stored payload of this ${kind} effect does not match its schema (${problems}), so nothing was sent. Fix the code that queued it (lib/outbox/effect-kinds.ts).`,
  };
}
