import { formatAddress } from './address-format';
import { toMinorUnits } from './money';
import { returnReasonFromWords } from './return-reasons';
import type { Settings } from './settings';
import type { ActionKind, Address, Order, Verdict } from './types';
import type { PlannedEffect } from '@/lib/outbox/effect-kinds';

// What an action will do, in words, and the exact calls it queues: both come from the one object
// built here, so the button, the plan an agent confirms and the call Shopify receives can't
// disagree. Choices a request leaves out are filled from the admin's settings (the Gorgias cancel
// button sends no refund choice: the shop's default decides, and the plan says which). Also: whether
// doing it goes against the policy verdict (then a person must give a reason, kept in the audit log).

const POLICY_ACTIONS: ActionKind[] = ['cancel_order', 'update_address', 'create_return', 'create_exchange'];
/** Money and goodwill: always a person's decision, so acting on a human-review verdict is no override. */
const PERSON_ACTIONS: ActionKind[] = ['refund_order', 'reship_order', 'store_credit', 'discount_code'];

export const CANCEL_REASONS = ['CUSTOMER', 'INVENTORY', 'FRAUD', 'DECLINED', 'STAFF', 'OTHER'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export interface LineItemChoice {
  lineItemId: string;
  quantity: number;
  /** exchange: the replacement variant; null lets the executor read it from the customer's words */
  variantId?: string | null;
}

export interface ActionParams {
  refund?: boolean;
  restock?: boolean;
  notifyCustomer?: boolean;
  cancelReason?: CancelReason;
  address?: Partial<Address>;
  tags?: string[];
  body?: string;
  /** A reply sent with a step (cancel, address, return, exchange): it goes out once Shopify has done the step. */
  reply?: string;
  reason?: string; // free text: the staff note, the refund reason, the customer's words for a return
  reasonHandle?: string; // a return reason definition handle chosen by the agent
  lineItems?: LineItemChoice[];
  amount?: string; // partial refund, store credit, fixed-amount discount (shop currency)
  percentage?: number; // percentage discount, 1–100
  expiresInDays?: number; // store credit / discount code
}

export interface PlanContext {
  order: Order | null;
  settings: Settings;
  /** The customer's latest words: a return's reason note and an exchange's variant choice. */
  customerMessage?: string;
  /** Where replies go: the ticket's own channel and the customer's address on it. */
  reply?: {
    channel: string;
    receiverEmail: string | null;
    receiverPhone?: string | null;
    customerId?: string | null;
    senderEmail?: string | null;
  };
  /** Deterministic per request, so a retried plan queues the same discount code. */
  key?: string;
  now?: Date;
  /** Set by the automation: the executor refuses after this time (address cutoff, return window). */
  notAfter?: Date | null;
}

/** One of the outbox's effect kinds with its payload, typed by the kind (lib/outbox/effect-kinds.ts). */
export type { PlannedEffect };

/** What the executor re-checks against Shopify's live order just before the mutation. */
export interface LiveGuard {
  requireNotCancelled?: boolean;
  requireUnfulfilled?: boolean;
  notAfter?: string | null;
}

export type PlanResult =
  | { ok: true; kind: ActionKind; summary: string; effects: PlannedEffect[]; choices: Record<string, unknown> }
  | { ok: false; reason: string };

const NEEDS_ORDER: ActionKind[] = [
  'cancel_order',
  'update_address',
  'create_return',
  'create_exchange',
  'tag_order',
  'refund_order',
  'reship_order',
  'store_credit',
  'discount_code',
];
const fail = (reason: string): PlanResult => ({ ok: false, reason });
const qty = (n: number, title: string) => `${n} × ${title}`;

function chosenItems(
  o: Order,
  items: LineItemChoice[] | undefined,
): { ok: true; items: (LineItemChoice & { title: string; price: string; variant: string | null })[] } | { ok: false; reason: string } {
  const list = items?.length ? items : o.lineItems.map((li) => ({ lineItemId: li.id, quantity: li.quantity }));
  const out = [];
  for (const c of list) {
    const li = o.lineItems.find((l) => l.id === c.lineItemId);
    if (!li) return { ok: false, reason: `Line item ${c.lineItemId} is not on ${o.name}.` };
    if (!Number.isInteger(c.quantity) || c.quantity < 1 || c.quantity > li.quantity)
      return { ok: false, reason: `${li.title}: quantity must be between 1 and ${li.quantity}.` };
    out.push({ ...c, title: li.title, price: li.price, variant: li.variantId });
  }
  if (out.length === 0) return { ok: false, reason: `${o.name} has no line items to act on.` };
  return { ok: true, items: out };
}

const itemsText = (items: { quantity: number; title: string }[]) => items.map((i) => qty(i.quantity, i.title)).join(', ');
const minorToString = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

export function planAction(kind: ActionKind, params: ActionParams, ctx: PlanContext): PlanResult {
  const { order, settings } = ctx;
  if (NEEDS_ORDER.includes(kind) && !order) return fail('No order is matched to this ticket, so there is nothing to act on.');
  const o = order!;
  const base = { orderId: o?.id ?? null };
  switch (kind) {
    case 'cancel_order': {
      if (o.cancelledAt) return fail(`Order ${o.name} is already cancelled.`);
      const d = settings.cancellation;
      const choices = {
        refund: params.refund ?? d.refund,
        restock: params.restock ?? d.restock,
        notifyCustomer: params.notifyCustomer ?? d.notifyCustomer,
        reason: params.cancelReason ?? 'CUSTOMER',
      };
      const summary = `Cancel order ${o.name} (${o.totalPrice} ${o.currency}, reason: ${choices.reason.toLowerCase()}), ${choices.refund ? 'refund the payment' : 'no refund'}, ${choices.restock ? 'restock the items' : "don't restock"}, and ${choices.notifyCustomer ? 'Shopify emails the customer' : "Shopify doesn't email the customer"}. Cancelling cannot be undone.`;
      const guard: LiveGuard = { requireNotCancelled: true, requireUnfulfilled: true, notAfter: ctx.notAfter?.toISOString() ?? null };
      return {
        ok: true,
        kind,
        summary,
        choices,
        effects: [{ kind: 'shopify.cancel_order', payload: { ...base, ...choices, staffNote: params.reason ?? null, guard, summary } }],
      };
    }
    case 'update_address': {
      const a = params.address;
      if (!a || !a.address1 || !a.city || !a.zip || !(a.countryCode || a.country))
        return fail('The new address needs at least address1, city, zip and country.');
      const guard: LiveGuard = { requireNotCancelled: true, requireUnfulfilled: true, notAfter: ctx.notAfter?.toISOString() ?? null };
      const summary = `Change the shipping address of ${o.name} to ${formatAddress(a)}.`;
      return {
        ok: true,
        kind,
        summary,
        choices: { address: a },
        effects: [{ kind: 'shopify.update_address', payload: { ...base, address: a, guard, summary } }],
      };
    }
    case 'create_return':
    case 'create_exchange': {
      const picked = params.lineItems?.length ? chosenItems(o, params.lineItems) : null;
      if (picked && !picked.ok) return fail(picked.reason);
      const words = (params.reason ?? ctx.customerMessage ?? '').trim();
      const mapped = returnReasonFromWords(words);
      const reasonHandle = params.reasonHandle ?? mapped.handle;
      const note = words ? mapped.note : `${kind === 'create_exchange' ? 'Exchange' : 'Return'} created via Concord`;
      const what = picked ? itemsText(picked.items) : 'every returnable item';
      const guard: LiveGuard = { requireNotCancelled: true, notAfter: ctx.notAfter?.toISOString() ?? null };
      const lineItems = picked
        ? picked.items.map((i) => ({
            lineItemId: i.lineItemId,
            quantity: i.quantity,
            ...(kind === 'create_exchange' ? { variantId: i.variantId ?? null } : {}),
          }))
        : null;
      if (kind === 'create_return') {
        const summary = `Create a return in Shopify for ${what} of ${o.name}, reason "${reasonHandle}"${words ? " with the customer's words as the note" : ''}.`;
        return {
          ok: true,
          kind,
          summary,
          choices: { reasonHandle, lineItems },
          effects: [{ kind: 'shopify.create_return', payload: { ...base, lineItems, reasonHandle, note, guard, summary } }],
        };
      }
      const named = picked?.items.filter((i) => i.variantId) ?? [];
      const replacement =
        named.length && named.length === picked!.items.length
          ? 'the chosen variant'
          : 'the variant the customer asked for (read from their message; if not exactly one fits, it stops for a person)';
      const summary = `Create an exchange in Shopify for ${what} of ${o.name}: a return (reason "${reasonHandle}") with ${replacement} as Shopify exchange line items, shipped once the return is received.`;
      return {
        ok: true,
        kind,
        summary,
        choices: { reasonHandle, lineItems },
        effects: [
          {
            kind: 'shopify.create_exchange',
            payload: { ...base, lineItems, reasonHandle, note, customerWords: ctx.customerMessage ?? params.reason ?? '', guard, summary },
          },
        ],
      };
    }
    case 'tag_order': {
      const tags = (params.tags ?? []).map((t) => t.trim()).filter(Boolean);
      if (tags.length === 0) return fail('Give at least one tag.');
      return {
        ok: true,
        kind,
        summary: `Add the tag${tags.length > 1 ? 's' : ''} ${tags.map((t) => `"${t}"`).join(', ')} to ${o.name}.`,
        choices: { tags },
        effects: [{ kind: 'shopify.tag_order', payload: { ...base, tags } }],
      };
    }
    case 'internal_note':
      if (!params.body?.trim()) return fail('The note is empty.');
      return {
        ok: true,
        kind,
        summary: 'Add an internal note to the Gorgias ticket (the customer does not see it).',
        choices: {},
        effects: [{ kind: 'gorgias.internal_note', payload: { ...base, body: params.body } }],
      };
    case 'reply':
    case 'reply_tracking': {
      if (!params.body?.trim()) return fail('The reply is empty.');
      const r = ctx.reply ?? { channel: 'email', receiverEmail: null };
      return {
        ok: true,
        kind,
        summary: `Send this reply to the customer from Gorgias on the ticket's ${r.channel} channel.`,
        choices: { channel: r.channel },
        effects: [
          {
            kind: 'gorgias.send_reply',
            payload: {
              ...base,
              body: params.body,
              channel: r.channel,
              receiverEmail: r.receiverEmail,
              receiverPhone: r.receiverPhone ?? null,
              customerId: r.customerId ?? null,
              senderEmail: r.senderEmail ?? null,
            },
          },
        ],
      };
    }
    case 'assign_human_review': {
      const effects: PlannedEffect[] = [
        { kind: 'gorgias.add_tags', payload: { ...base, tags: [`${settings.routing.tagPrefix}human-review`] } },
      ];
      if (settings.routing.humanReviewTeamId !== null)
        effects.push({ kind: 'gorgias.assign', payload: { ...base, teamId: settings.routing.humanReviewTeamId } });
      return {
        ok: true,
        kind,
        summary: `Tag the ticket for human review${settings.routing.humanReviewTeamId !== null ? ' and assign it to the review team' : ''}.`,
        choices: {},
        effects,
      };
    }
    case 'refund_order': {
      const reason = params.reason?.trim();
      if (!reason) return fail('Give a reason for the refund; it is kept on the refund in Shopify and in the audit log.');
      const restock = params.restock ?? false;
      const notify = params.notifyCustomer ?? true;
      const total = toMinorUnits(o.totalPrice);
      if (params.amount !== undefined) {
        const minor = toMinorUnits(params.amount);
        if (!/^\d+(\.\d{1,2})?$/.test(params.amount) || minor <= 0) return fail('The refund amount must be a positive amount like 25.00.');
        if (minor > total) return fail(`The refund (${params.amount}) is more than the order total (${o.totalPrice} ${o.currency}).`);
        const summary = `Refund ${minorToString(minor)} ${o.currency} of ${o.name} to the original payment (no items), ${notify ? 'Shopify emails the customer' : 'no email'}; reason: ${reason}.`;
        return {
          ok: true,
          kind,
          summary,
          choices: { amount: minorToString(minor), restock: false, notify },
          effects: [
            {
              kind: 'shopify.refund_order',
              payload: {
                ...base,
                amount: minorToString(minor),
                currency: o.currency,
                lineItems: null,
                restock: false,
                notify,
                note: reason,
                guard: { requireNotCancelled: false },
                summary,
              },
            },
          ],
        };
      }
      const picked = chosenItems(o, params.lineItems);
      if (!picked.ok) return fail(picked.reason);
      const full = !params.lineItems?.length;
      const value = picked.items.reduce((sum, i) => sum + toMinorUnits(i.price) * i.quantity, 0);
      const summary = full
        ? `Refund ${o.name} in full (${o.totalPrice} ${o.currency}, shipping included) to the original payment, ${restock ? 'restock the items' : "don't restock"}, ${notify ? 'Shopify emails the customer' : 'no email'}; reason: ${reason}.`
        : `Refund ${itemsText(picked.items)} of ${o.name} (${minorToString(value)} ${o.currency} before tax) to the original payment, ${restock ? 'restock them' : "don't restock"}, ${notify ? 'Shopify emails the customer' : 'no email'}; reason: ${reason}.`;
      const lineItems = picked.items.map((i) => ({ lineItemId: i.lineItemId, quantity: i.quantity }));
      return {
        ok: true,
        kind,
        summary,
        choices: { lineItems, restock, notify, full },
        effects: [
          {
            kind: 'shopify.refund_order',
            payload: { ...base, lineItems, full, restock, notify, note: reason, currency: o.currency, summary },
          },
        ],
      };
    }
    case 'reship_order': {
      const picked = chosenItems(o, params.lineItems);
      if (!picked.ok) return fail(picked.reason);
      const missing = picked.items.find((i) => !i.variant);
      if (missing)
        return fail(`${missing.title} has no product variant in Shopify any more, so it can't be reshipped; create the order by hand.`);
      const address = params.address && params.address.address1 ? params.address : o.shippingAddress;
      if (!address?.address1) return fail(`${o.name} has no shipping address; give one for the replacement.`);
      const reason = params.reason?.trim() || 'Replacement';
      const summary = `Ship a replacement for ${o.name} at no cost: ${itemsText(picked.items)} to ${formatAddress(address)} (a Shopify draft order at 100% off, completed as paid); reason: ${reason}.`;
      const lineItems = picked.items.flatMap((i) => (i.variant ? [{ variantId: i.variant, quantity: i.quantity, title: i.title }] : [])); // every item has one (checked above)
      return {
        ok: true,
        kind,
        summary,
        choices: { lineItems, address },
        effects: [
          {
            kind: 'shopify.reship_order',
            payload: { ...base, orderName: o.name, customerId: o.customerId, email: o.email, lineItems, address, note: reason, summary },
          },
        ],
      };
    }
    case 'store_credit': {
      if (!o.customerId) return fail(`${o.name} has no Shopify customer to credit.`);
      if (!params.amount || !/^\d+(\.\d{1,2})?$/.test(params.amount) || toMinorUnits(params.amount) <= 0)
        return fail('Give the credit as a positive amount like 15.00.');
      const expiresAt =
        params.expiresInDays && ctx.now ? new Date(ctx.now.getTime() + params.expiresInDays * 86_400_000).toISOString() : null;
      const reason = params.reason?.trim() || 'Goodwill';
      const summary = `Add ${params.amount} ${o.currency} store credit to the customer of ${o.name}${expiresAt ? `, expiring ${expiresAt.slice(0, 10)}` : ', no expiry'}; reason: ${reason}.`;
      return {
        ok: true,
        kind,
        summary,
        choices: { amount: params.amount, expiresAt },
        effects: [
          {
            kind: 'shopify.store_credit',
            payload: { ...base, customerId: o.customerId, amount: params.amount, currency: o.currency, expiresAt, note: reason, summary },
          },
        ],
      };
    }
    case 'discount_code': {
      if (!o.customerId) return fail(`${o.name} has no Shopify customer to give a code to.`);
      const pct = params.percentage;
      const amount = params.amount;
      if ((pct === undefined) === (amount === undefined)) return fail('Give either a percentage or an amount for the discount.');
      if (pct !== undefined && !(Number.isInteger(pct) && pct >= 1 && pct <= 100))
        return fail('The percentage must be a whole number from 1 to 100.');
      if (amount !== undefined && (!/^\d+(\.\d{1,2})?$/.test(amount) || toMinorUnits(amount) <= 0))
        return fail('The amount must be positive, like 10.00.');
      const days = params.expiresInDays ?? 90;
      const now = ctx.now ?? new Date(0);
      const code = `CARE-${(ctx.key ?? `${o.id}-${pct ?? amount}`)
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(-8)
        .toUpperCase()}`;
      const endsAt = new Date(now.getTime() + days * 86_400_000).toISOString();
      const value = pct !== undefined ? `${pct}% off` : `${amount} ${o.currency} off`;
      const summary = `Create the single-use discount code ${code} (${value} the next order, only for the customer of ${o.name}, valid until ${endsAt.slice(0, 10)}); reason: ${params.reason?.trim() || 'Goodwill'}.`;
      return {
        ok: true,
        kind,
        summary,
        choices: { code, percentage: pct ?? null, amount: amount ?? null, endsAt },
        effects: [
          {
            kind: 'shopify.discount_code',
            payload: {
              ...base,
              customerId: o.customerId,
              code,
              percentage: pct ?? null,
              amount: amount ?? null,
              currency: o.currency,
              startsAt: now.toISOString(),
              endsAt,
              title: `Concord: ${params.reason?.trim() || 'goodwill'} (${o.name})`.slice(0, 255),
              summary,
            },
          },
        ],
      };
    }
  }
}

/** An agent may act against the verdict, but only with a reason. */
export function overrideNeeded(kind: ActionKind, verdict: Verdict | null): string | null {
  if (PERSON_ACTIONS.includes(kind)) {
    if (verdict?.decision === 'automate')
      return `Policy says ${verdict.nextStep.replace(/_/g, ' ')} is enough here (${verdict.explanation}); ${kind.replace(/_/g, ' ')} goes beyond it.`;
    return null;
  }
  if (!POLICY_ACTIONS.includes(kind)) return null;
  if (!verdict) return 'There is no policy verdict for this ticket yet.';
  if (verdict.decision === 'human_review') return `Policy says human review: ${verdict.explanation}`;
  if (verdict.nextStep !== kind) return `Policy suggests ${verdict.nextStep.replace(/_/g, ' ')}, not ${kind.replace(/_/g, ' ')}.`;
  return null;
}
