import type { LiveGuard } from '@/lib/domain/action-plan';
import { liveRecheck } from '@/lib/domain/live-recheck';
import { FALLBACK_REASON_HANDLE, pickExchangeVariant } from '@/lib/domain/return-reasons';
import type { MutationResult, ShopifyAdminClient } from '@/lib/integrations/shopify/admin-client';
import {
  createDiscountCode,
  createRefund,
  createReplacementOrder,
  createReturnWithReason,
  creditStoreAccount,
  lineItemVariants,
  liveOrderState,
  returnableLineItems,
  returnReasonIds,
  type LiveOrder,
} from '@/lib/integrations/shopify/admin-actions';
import type { EffectContext, EffectExecutors } from '@/lib/effects/effect-context';

// The Shopify mutations behind actions, each re-checked against Shopify's live order just before it
// is sent: if the order shipped, was cancelled, or the window closed while the effect waited, the
// executor answers { stopped, reason } and sends nothing; the outbox then puts the ticket in front of
// a person with that reason. Each is safe to run twice: a retry first looks for its own earlier
// result (a refund or draft order carrying its marker, a return already open, a code already taken).

export interface StoppedResult {
  stopped: true;
  reason: string;
}

const marker = (ctx: EffectContext) => `concord-${ctx.idempotencyKey.replace(/[^A-Za-z0-9]/g, '').slice(-24)}`;

// A mutation's userErrors mean Shopify refused: retrying won't help, so dead-letter with the reason.
function refusedOrResult<T extends MutationResult>(r: T): T {
  if (!r.ok) throw new Error(`Shopify refused: ${r.userErrors.map((u) => u.message).join('; ') || 'unknown error'}`);
  return r;
}

async function check(
  shopify: ShopifyAdminClient,
  p: { orderId: string; guard?: LiveGuard },
  now: Date,
): Promise<{ live: LiveOrder | null; stop: StoppedResult | null }> {
  const live = await liveOrderState(shopify, p.orderId);
  const verdict = liveRecheck(p.guard, live, now);
  return { live, stop: verdict.ok ? null : { stopped: true, reason: verdict.reason } };
}

async function returnLines(shopify: ShopifyAdminClient, orderId: string, wanted: { lineItemId: string; quantity: number }[] | null) {
  const returnable = await returnableLineItems(shopify, orderId);
  const lines = wanted
    ? wanted.flatMap((w) => {
        const r = returnable.find((x) => x.lineItemId === w.lineItemId || x.lineItemId.endsWith(`/${w.lineItemId}`));
        return r
          ? [{ fulfillmentLineItemId: r.fulfillmentLineItemId, quantity: Math.min(w.quantity, r.quantity), lineItemId: r.lineItemId }]
          : [];
      })
    : returnable;
  if (lines.length === 0) throw new Error(`Order ${orderId} has nothing returnable in Shopify for this request.`);
  return lines;
}

async function reasonId(shopify: ShopifyAdminClient, handle: string): Promise<{ id: string | null; handle: string }> {
  const ids = await returnReasonIds(shopify, [...new Set([handle, FALLBACK_REASON_HANDLE])]);
  if (ids.has(handle)) return { id: ids.get(handle)!, handle };
  return { id: ids.get(FALLBACK_REASON_HANDLE) ?? null, handle: FALLBACK_REASON_HANDLE };
}

type ActionKinds =
  | 'shopify.cancel_order'
  | 'shopify.update_address'
  | 'shopify.create_return'
  | 'shopify.create_exchange'
  | 'shopify.refund_order'
  | 'shopify.reship_order'
  | 'shopify.store_credit'
  | 'shopify.discount_code';

/** Each effect runs with its own shop's Shopify connection (lib/connections), from ctx.clients. */
export const actionExecutors: Pick<EffectExecutors, ActionKinds> = {
  'shopify.cancel_order': async (p, ctx) => {
    const shopify = await ctx.clients.shopify();
    const live = await liveOrderState(shopify, p.orderId);
    // A retry after a lost answer finds its own cancellation.
    if (ctx.attempts > 1 && live?.cancelledAt) return { alreadyCancelled: true, cancelledAt: live.cancelledAt };
    const verdict = liveRecheck(p.guard ?? { requireNotCancelled: true }, live, ctx.now);
    if (!verdict.ok) return { stopped: true, reason: verdict.reason } satisfies StoppedResult;
    return refusedOrResult(
      await shopify.cancelOrder({
        orderId: p.orderId,
        reason: p.reason ?? 'CUSTOMER',
        refund: Boolean(p.refund),
        restock: Boolean(p.restock),
        notifyCustomer: p.notifyCustomer ?? true,
        staffNote: p.staffNote ?? 'Cancelled via Concord',
      }),
    );
  },
  'shopify.update_address': async (p, ctx) => {
    const shopify = await ctx.clients.shopify();
    const { stop } = await check(shopify, p, ctx.now);
    if (stop) return stop;
    return refusedOrResult(await shopify.updateShippingAddress(p.orderId, p.address));
  },
  'shopify.create_return': async (p, ctx) => {
    const shopify = await ctx.clients.shopify();
    const { live, stop } = await check(shopify, p, ctx.now);
    if (ctx.attempts > 1 && live && live.returns.length > 0) return { alreadyCreated: true, returns: live.returns };
    if (stop) return stop;
    const lines = await returnLines(shopify, p.orderId, p.lineItems ?? null);
    const reason = await reasonId(shopify, p.reasonHandle ?? FALLBACK_REASON_HANDLE);
    const r = await createReturnWithReason(shopify, {
      orderId: p.orderId,
      lines,
      reasonDefinitionId: reason.id,
      note: p.note ?? 'Created via Concord',
    });
    return { ...refusedOrResult(r), reasonHandle: reason.handle };
  },
  'shopify.create_exchange': async (p, ctx) => {
    const shopify = await ctx.clients.shopify();
    const orderId = p.orderId;
    const { live, stop } = await check(shopify, p, ctx.now);
    if (ctx.attempts > 1 && live && live.returns.length > 0) return { alreadyCreated: true, returns: live.returns };
    if (stop) return stop;
    const wanted = p.lineItems ?? null;
    const lines = await returnLines(shopify, orderId, wanted);
    // The replacement: the variant the agent chose, or the one the customer's words name.
    const options = await lineItemVariants(shopify, orderId);
    const exchange: { variantId: string; quantity: number }[] = [];
    for (const l of lines) {
      const chosen = wanted?.find((w) => l.lineItemId === w.lineItemId || l.lineItemId.endsWith(`/${w.lineItemId}`))?.variantId;
      if (chosen) {
        exchange.push({ variantId: chosen, quantity: l.quantity });
        continue;
      }
      const item = options.find((o) => o.lineItemId === l.lineItemId);
      const pick = item ? pickExchangeVariant(p.customerWords ?? '', item.current, item.variants) : null;
      if (!pick)
        return {
          stopped: true,
          reason: 'the message does not name exactly one available replacement variant, so a person should choose it',
        } satisfies StoppedResult;
      exchange.push({ variantId: pick.id, quantity: l.quantity });
    }
    const reason = await reasonId(shopify, p.reasonHandle ?? FALLBACK_REASON_HANDLE);
    const r = await createReturnWithReason(shopify, {
      orderId,
      lines,
      reasonDefinitionId: reason.id,
      note: p.note ?? 'Exchange via Concord',
      exchange,
    });
    return { ...refusedOrResult(r), reasonHandle: reason.handle, exchange };
  },
  'shopify.refund_order': async (p, ctx) => {
    const shopify = await ctx.clients.shopify();
    const live = await liveOrderState(shopify, p.orderId);
    if (!live) return { stopped: true, reason: 'Shopify no longer has this order' } satisfies StoppedResult;
    const tag = marker(ctx);
    // refundCreate takes no idempotency key here: the note carries a marker a retry looks for.
    const prior = live.refunds.find((r) => r.note?.includes(tag));
    if (prior) return { alreadyRefunded: true, refundId: prior.id };
    return refusedOrResult(
      await createRefund(shopify, {
        orderId: p.orderId,
        lineItems: p.lineItems ?? null,
        full: Boolean(p.full),
        amount: p.amount ?? null,
        restock: Boolean(p.restock),
        notify: p.notify ?? true,
        note: `${p.note ?? 'Refund via Concord'} [${tag}]`,
      }),
    );
  },
  'shopify.reship_order': async (p, ctx) =>
    refusedOrResult(
      await createReplacementOrder(await ctx.clients.shopify(), {
        customerId: p.customerId ?? null,
        email: p.email ?? null,
        lineItems: p.lineItems,
        address: p.address,
        note: `Replacement for ${p.orderName ?? p.orderId}: ${p.note ?? ''}`,
        tag: marker(ctx),
      }),
    ),
  'shopify.store_credit': async (p, ctx) =>
    refusedOrResult(
      await creditStoreAccount(await ctx.clients.shopify(), {
        customerId: p.customerId,
        amount: p.amount,
        currency: p.currency,
        expiresAt: p.expiresAt ?? null,
      }),
    ),
  'shopify.discount_code': async (p, ctx) =>
    refusedOrResult(
      await createDiscountCode(await ctx.clients.shopify(), {
        code: p.code,
        title: p.title,
        customerId: p.customerId,
        percentage: p.percentage ?? null,
        amount: p.amount ?? null,
        startsAt: p.startsAt,
        endsAt: p.endsAt,
      }),
    ),
};
