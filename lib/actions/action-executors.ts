import type { LiveGuard } from '@/lib/domain/action-plan';
import { liveRecheck } from '@/lib/domain/live-recheck';
import { FALLBACK_REASON_HANDLE, pickExchangeVariant } from '@/lib/domain/return-reasons';
import type { Address } from '@/lib/domain/types';
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
import type { ClaimedEffect, EffectExecutor } from '@/lib/outbox/run-outbox';

// The Shopify mutations behind actions, each re-checked against Shopify's live order just before it
// is sent: if the order shipped, was cancelled, or the window closed while the effect waited, the
// executor answers { stopped, reason } and sends nothing; the outbox then puts the ticket in front of
// a person with that reason. Each is safe to run twice: a retry first looks for its own earlier
// result (a refund or draft order carrying its marker, a return already open, a code already taken).

export interface StoppedResult {
  stopped: true;
  reason: string;
}

const str = (v: unknown) => String(v);
const marker = (e: ClaimedEffect) => `concord-${e.idempotencyKey.replace(/[^A-Za-z0-9]/g, '').slice(-24)}`;



// A mutation's userErrors mean Shopify refused: retrying won't help, so dead-letter with the reason.
function refusedOrResult<T extends MutationResult>(r: T): T {
  if (!r.ok) throw new Error(`Shopify refused: ${r.userErrors.map((u) => u.message).join('; ') || 'unknown error'}`);
  return r;
}

async function check(shopify: ShopifyAdminClient, e: ClaimedEffect): Promise<{ live: LiveOrder | null; stop: StoppedResult | null }> {
  const live = await liveOrderState(shopify, str(e.payload.orderId));
  const verdict = liveRecheck(e.payload.guard as LiveGuard | undefined, live, new Date());
  return { live, stop: verdict.ok ? null : { stopped: true, reason: verdict.reason } };
}

async function returnLines(shopify: ShopifyAdminClient, orderId: string, wanted: { lineItemId: string; quantity: number }[] | null) {
  const returnable = await returnableLineItems(shopify, orderId);
  const lines = wanted
    ? wanted.flatMap((w) => {
        const r = returnable.find((x) => x.lineItemId === w.lineItemId || x.lineItemId.endsWith(`/${w.lineItemId}`));
        return r ? [{ fulfillmentLineItemId: r.fulfillmentLineItemId, quantity: Math.min(w.quantity, r.quantity), lineItemId: r.lineItemId }] : [];
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

/** Each effect runs with its own shop's Shopify connection (lib/connections), looked up by `shopifyFor`. */
export function buildActionExecutors(c: { shopifyFor: (shopId: string) => Promise<ShopifyAdminClient> }): Record<string, EffectExecutor> {
  return {
    'shopify.cancel_order': async (e) => {
      const shopify = await c.shopifyFor(e.shopId);
      const orderId = str(e.payload.orderId);
      const live = await liveOrderState(shopify, orderId);
      // A retry after a lost answer finds its own cancellation.
      if (e.attempts > 1 && live?.cancelledAt) return { alreadyCancelled: true, cancelledAt: live.cancelledAt };
      const verdict = liveRecheck((e.payload.guard as LiveGuard | undefined) ?? { requireNotCancelled: true }, live, new Date());
      if (!verdict.ok) return { stopped: true, reason: verdict.reason } satisfies StoppedResult;
      return refusedOrResult(
        await shopify.cancelOrder({
          orderId,
          reason: str(e.payload.reason ?? 'CUSTOMER'),
          refund: Boolean(e.payload.refund),
          restock: Boolean(e.payload.restock),
          notifyCustomer: Boolean(e.payload.notifyCustomer ?? true),
          staffNote: (e.payload.staffNote as string | null | undefined) ?? 'Cancelled via Concord',
        }),
      );
    },
    'shopify.update_address': async (e) => {
      const shopify = await c.shopifyFor(e.shopId);
      const { stop } = await check(shopify, e);
      if (stop) return stop;
      return refusedOrResult(await shopify.updateShippingAddress(str(e.payload.orderId), e.payload.address as Partial<Address>));
    },
    'shopify.create_return': async (e) => {
      const shopify = await c.shopifyFor(e.shopId);
      const orderId = str(e.payload.orderId);
      const { live, stop } = await check(shopify, e);
      if (e.attempts > 1 && live && live.returns.length > 0) return { alreadyCreated: true, returns: live.returns };
      if (stop) return stop;
      const lines = await returnLines(shopify, orderId, (e.payload.lineItems as { lineItemId: string; quantity: number }[] | null) ?? null);
      const reason = await reasonId(shopify, str(e.payload.reasonHandle ?? FALLBACK_REASON_HANDLE));
      const r = await createReturnWithReason(shopify, { orderId, lines, reasonDefinitionId: reason.id, note: str(e.payload.note ?? 'Created via Concord') });
      return { ...refusedOrResult(r), reasonHandle: reason.handle };
    },
    'shopify.create_exchange': async (e) => {
      const shopify = await c.shopifyFor(e.shopId);
      const orderId = str(e.payload.orderId);
      const { live, stop } = await check(shopify, e);
      if (e.attempts > 1 && live && live.returns.length > 0) return { alreadyCreated: true, returns: live.returns };
      if (stop) return stop;
      const wanted = (e.payload.lineItems as { lineItemId: string; quantity: number; variantId?: string | null }[] | null) ?? null;
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
        const pick = item ? pickExchangeVariant(str(e.payload.customerWords ?? ''), item.current, item.variants) : null;
        if (!pick) return { stopped: true, reason: 'the message does not name exactly one available replacement variant, so a person should choose it' } satisfies StoppedResult;
        exchange.push({ variantId: pick.id, quantity: l.quantity });
      }
      const reason = await reasonId(shopify, str(e.payload.reasonHandle ?? FALLBACK_REASON_HANDLE));
      const r = await createReturnWithReason(shopify, { orderId, lines, reasonDefinitionId: reason.id, note: str(e.payload.note ?? 'Exchange via Concord'), exchange });
      return { ...refusedOrResult(r), reasonHandle: reason.handle, exchange };
    },
    'shopify.refund_order': async (e) => {
      const shopify = await c.shopifyFor(e.shopId);
      const orderId = str(e.payload.orderId);
      const live = await liveOrderState(shopify, orderId);
      if (!live) return { stopped: true, reason: 'Shopify no longer has this order' } satisfies StoppedResult;
      const tag = marker(e);
      // refundCreate takes no idempotency key here: the note carries a marker a retry looks for.
      const prior = live.refunds.find((r) => r.note?.includes(tag));
      if (prior) return { alreadyRefunded: true, refundId: prior.id };
      return refusedOrResult(
        await createRefund(shopify, {
          orderId,
          lineItems: (e.payload.lineItems as { lineItemId: string; quantity: number }[] | null) ?? null,
          full: Boolean(e.payload.full),
          amount: (e.payload.amount as string | null | undefined) ?? null,
          restock: Boolean(e.payload.restock),
          notify: Boolean(e.payload.notify ?? true),
          note: `${str(e.payload.note ?? 'Refund via Concord')} [${tag}]`,
        }),
      );
    },
    'shopify.reship_order': async (e) => {
      const shopify = await c.shopifyFor(e.shopId);
      return refusedOrResult(
        await createReplacementOrder(shopify, {
          customerId: (e.payload.customerId as string | null) ?? null,
          email: (e.payload.email as string | null) ?? null,
          lineItems: e.payload.lineItems as { variantId: string; quantity: number }[],
          address: e.payload.address as Partial<Address>,
          note: `Replacement for ${str(e.payload.orderName ?? e.payload.orderId)}: ${str(e.payload.note ?? '')}`,
          tag: marker(e),
        }),
      );
    },
    'shopify.store_credit': async (e) =>
      refusedOrResult(await creditStoreAccount(await c.shopifyFor(e.shopId), { customerId: str(e.payload.customerId), amount: str(e.payload.amount), currency: str(e.payload.currency), expiresAt: (e.payload.expiresAt as string | null) ?? null })),
    'shopify.discount_code': async (e) =>
      refusedOrResult(
        await createDiscountCode(await c.shopifyFor(e.shopId), {
          code: str(e.payload.code),
          title: str(e.payload.title),
          customerId: str(e.payload.customerId),
          percentage: (e.payload.percentage as number | null) ?? null,
          amount: (e.payload.amount as string | null) ?? null,
          startsAt: str(e.payload.startsAt),
          endsAt: str(e.payload.endsAt),
        }),
      ),
  };
}
