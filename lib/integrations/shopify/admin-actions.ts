import { toMinorUnits } from '@/lib/domain/money';
import type { Address } from '@/lib/domain/types';
import { orderGid, type MutationResult, type ShopifyAdminClient, type UserError } from './admin-client';
import * as Q from './admin-queries';

// The Admin API calls behind the agent and automation actions (refund, reship, store credit,
// discount code, return with reason definitions, exchange). Functions over the client, beside it, so
// the client's own construction (credentials, throttle) stays one place.

const gid = (type: string, id: string) => (id.startsWith('gid://') ? id : `gid://shopify/${type}/${id}`);
const result = (userErrors: UserError[] | null | undefined, extra: Record<string, unknown> = {}): MutationResult => ({
  ok: !userErrors?.length,
  userErrors: userErrors ?? [],
  ...extra,
});

export interface LiveOrder {
  cancelledAt: string | null;
  displayFulfillmentStatus: string | null;
  tags: string[];
  refunds: { id: string; note: string | null }[];
  returns: { id: string; status: string }[];
}

export async function liveOrderState(shopify: ShopifyAdminClient, orderId: string): Promise<LiveOrder | null> {
  const data = await shopify.request<{ order: (Omit<LiveOrder, 'returns'> & { returns: { nodes: LiveOrder['returns'] } }) | null }>(
    Q.ORDER_LIVE_STATE,
    { id: orderGid(orderId) },
  );
  if (!data.order) return null;
  return {
    cancelledAt: data.order.cancelledAt,
    displayFulfillmentStatus: data.order.displayFulfillmentStatus,
    tags: data.order.tags ?? [],
    refunds: data.order.refunds ?? [],
    returns: data.order.returns?.nodes ?? [],
  };
}

/** Reason definition ids for the handles asked for (deleted ones left out). */
export async function returnReasonIds(shopify: ShopifyAdminClient, handles: string[]): Promise<Map<string, string>> {
  const data = await shopify.request<{ returnReasonDefinitions: { nodes: { id: string; handle: string; deleted: boolean }[] } }>(
    Q.RETURN_REASON_DEFINITIONS,
    { handles },
  );
  return new Map(data.returnReasonDefinitions.nodes.filter((n) => !n.deleted).map((n) => [n.handle, n.id]));
}

/** Returnable fulfillment line items with the order line item each belongs to. */
export async function returnableLineItems(
  shopify: ShopifyAdminClient,
  orderId: string,
): Promise<{ fulfillmentLineItemId: string; lineItemId: string; quantity: number }[]> {
  const data = await shopify.request<{
    returnableFulfillments: {
      nodes: {
        returnableFulfillmentLineItems: { nodes: { quantity: number; fulfillmentLineItem: { id: string; lineItem: { id: string } } }[] };
      }[];
    };
  }>(Q.RETURNABLE_WITH_LINE_ITEMS, { orderId: orderGid(orderId) });
  return data.returnableFulfillments.nodes.flatMap((n) =>
    n.returnableFulfillmentLineItems.nodes.map((li) => ({
      fulfillmentLineItemId: li.fulfillmentLineItem.id,
      lineItemId: li.fulfillmentLineItem.lineItem.id,
      quantity: li.quantity,
    })),
  );
}

export async function lineItemVariants(shopify: ShopifyAdminClient, orderId: string) {
  type Opt = { name: string; value: string };
  const data = await shopify.request<{
    order: {
      lineItems: {
        nodes: {
          id: string;
          variant: {
            id: string;
            selectedOptions: Opt[];
            product: { variants: { nodes: { id: string; title: string; availableForSale: boolean; selectedOptions: Opt[] }[] } };
          } | null;
        }[];
      };
    } | null;
  }>(Q.LINE_ITEM_VARIANTS, { id: orderGid(orderId) });
  return (data.order?.lineItems.nodes ?? []).map((li) => ({
    lineItemId: li.id,
    current: li.variant?.selectedOptions ?? [],
    variants: (li.variant?.product.variants.nodes ?? []).map((v) => ({
      id: v.id,
      title: v.title,
      availableForSale: v.availableForSale,
      options: v.selectedOptions,
    })),
  }));
}

export interface ReturnLine {
  fulfillmentLineItemId: string;
  quantity: number;
}

/** returnCreate with a reason definition per line (the ReturnReason enum is deprecated) and optional exchange items. */
export async function createReturnWithReason(
  shopify: ShopifyAdminClient,
  input: {
    orderId: string;
    lines: ReturnLine[];
    reasonDefinitionId: string | null;
    note: string;
    exchange?: { variantId: string; quantity: number }[];
  },
): Promise<MutationResult> {
  const returnLineItems = input.lines.map((l) => ({
    fulfillmentLineItemId: l.fulfillmentLineItemId,
    quantity: l.quantity,
    ...(input.reasonDefinitionId ? { returnReasonDefinitionId: input.reasonDefinitionId } : {}),
    returnReasonNote: input.note.slice(0, 255),
  }));
  const returnInput: Record<string, unknown> = { orderId: orderGid(input.orderId), returnLineItems };
  if (input.exchange?.length)
    returnInput.exchangeLineItems = input.exchange.map((e) => ({ variantId: gid('ProductVariant', e.variantId), quantity: e.quantity }));
  const data = await shopify.request<{ returnCreate: { return: unknown; userErrors: UserError[] } }>(Q.RETURN_CREATE_EXCHANGE, {
    returnInput,
  });
  return result(data.returnCreate.userErrors, { return: data.returnCreate.return });
}

/**
 * refundCreate for the whole order, some line items, or an amount. The transactions come from
 * Shopify's own suggestedRefund (parent transaction and gateway), capped to the amount asked for.
 */
export async function createRefund(
  shopify: ShopifyAdminClient,
  input: {
    orderId: string;
    lineItems: { lineItemId: string; quantity: number }[] | null;
    full: boolean;
    amount: string | null;
    restock: boolean;
    notify: boolean;
    note: string;
  },
): Promise<MutationResult> {
  const refundLineItems = (input.lineItems ?? []).map((l) => ({
    lineItemId: gid('LineItem', l.lineItemId),
    quantity: l.quantity,
    restockType: input.restock ? 'RETURN' : 'NO_RESTOCK',
  }));
  const suggestion = await shopify.request<{
    order: {
      suggestedRefund: {
        amountSet: { shopMoney: { amount: string } };
        suggestedTransactions: {
          gateway: string;
          amountSet: { shopMoney: { amount: string } };
          parentTransaction: { id: string } | null;
        }[];
      };
    } | null;
  }>(Q.SUGGESTED_REFUND, { id: orderGid(input.orderId), refundLineItems: input.amount ? [] : refundLineItems, full: input.full });
  const suggested = suggestion.order?.suggestedRefund.suggestedTransactions ?? [];
  let remaining = input.amount ? toCents(input.amount) : Number.POSITIVE_INFINITY;
  const transactions = [];
  for (const t of suggested) {
    // An amount-only refund: Shopify suggests nothing without line items, so refund against the first parent.
    const available = input.amount ? Number.POSITIVE_INFINITY : toCents(t.amountSet.shopMoney.amount);
    const cents = Math.min(available, remaining);
    if (cents <= 0 || !t.parentTransaction) continue;
    transactions.push({
      orderId: orderGid(input.orderId),
      gateway: t.gateway,
      kind: 'REFUND',
      amount: fromCents(cents),
      parentId: t.parentTransaction.id,
    });
    remaining -= cents;
    if (input.amount) break;
  }
  if (transactions.length === 0)
    return result([{ field: null, message: 'Shopify suggests no refundable payment on this order (already refunded, or not paid).' }]);
  const refundInput: Record<string, unknown> = { orderId: orderGid(input.orderId), note: input.note, notify: input.notify, transactions };
  if (!input.amount && refundLineItems.length) refundInput.refundLineItems = refundLineItems;
  if (input.full) refundInput.shipping = { fullRefund: true };
  const data = await shopify.request<{ refundCreate: { refund: unknown; userErrors: UserError[] } }>(Q.REFUND_CREATE, {
    input: refundInput,
  });
  return result(data.refundCreate.userErrors, { refund: data.refundCreate.refund });
}

/** A replacement at no cost: a draft order with 100% off each line, completed. Tagged so a retry finds it. */
export async function createReplacementOrder(
  shopify: ShopifyAdminClient,
  input: {
    customerId: string | null;
    email: string | null;
    lineItems: { variantId: string; quantity: number }[];
    address: Partial<Address>;
    note: string;
    tag: string;
  },
): Promise<MutationResult> {
  const [existing] = (
    await shopify.request<{ draftOrders: { nodes: { id: string; status: string; order: { id: string; name: string } | null }[] } }>(
      Q.DRAFT_ORDERS_BY_TAG,
      { q: `tag:${input.tag}` },
    )
  ).draftOrders.nodes;
  let draftId = existing?.id ?? null;
  if (existing?.order) return result([], { alreadyCreated: true, order: existing.order });
  if (!draftId) {
    const a = input.address;
    const [firstName, ...rest] = (a.name ?? '').trim().split(/\s+/);
    const draftInput = {
      ...(input.customerId ? { purchasingEntity: { customerId: gid('Customer', input.customerId) } } : {}),
      ...(input.email ? { email: input.email } : {}),
      note: input.note,
      tags: ['concord-replacement', input.tag],
      lineItems: input.lineItems.map((l) => ({
        variantId: gid('ProductVariant', l.variantId),
        quantity: l.quantity,
        appliedDiscount: { valueType: 'PERCENTAGE', value: 100, title: 'Replacement' },
      })),
      shippingAddress: {
        address1: a.address1,
        address2: a.address2 ?? undefined,
        city: a.city,
        provinceCode: a.provinceCode ?? undefined,
        zip: a.zip,
        countryCode: a.countryCode ?? undefined,
        phone: a.phone ?? undefined,
        firstName: firstName || undefined,
        lastName: rest.join(' ') || undefined,
      },
    };
    const created = await shopify.request<{
      draftOrderCreate: { draftOrder: { id: string; name: string } | null; userErrors: UserError[] };
    }>(Q.DRAFT_ORDER_CREATE, { input: draftInput });
    if (created.draftOrderCreate.userErrors.length || !created.draftOrderCreate.draftOrder)
      return result(created.draftOrderCreate.userErrors);
    draftId = created.draftOrderCreate.draftOrder.id;
  }
  const done = await shopify.request<{
    draftOrderComplete: { draftOrder: { id: string; order: { id: string; name: string } | null } | null; userErrors: UserError[] };
  }>(Q.DRAFT_ORDER_COMPLETE, { id: draftId });
  return result(done.draftOrderComplete.userErrors, { draftOrderId: draftId, order: done.draftOrderComplete.draftOrder?.order ?? null });
}

export async function creditStoreAccount(
  shopify: ShopifyAdminClient,
  input: { customerId: string; amount: string; currency: string; expiresAt: string | null },
): Promise<MutationResult> {
  const creditInput: Record<string, unknown> = { creditAmount: { amount: input.amount, currencyCode: input.currency } };
  if (input.expiresAt) creditInput.expiresAt = input.expiresAt;
  const data = await shopify.request<{ storeCreditAccountCredit: { storeCreditAccountTransaction: unknown; userErrors: UserError[] } }>(
    Q.STORE_CREDIT_ACCOUNT_CREDIT,
    { id: gid('Customer', input.customerId), creditInput },
  );
  return result(data.storeCreditAccountCredit.userErrors, { transaction: data.storeCreditAccountCredit.storeCreditAccountTransaction });
}

/** A single-use code for one customer. A retry whose first answer was lost meets "code must be unique": that is success. */
export async function createDiscountCode(
  shopify: ShopifyAdminClient,
  input: {
    code: string;
    title: string;
    customerId: string;
    percentage: number | null;
    amount: string | null;
    startsAt: string;
    endsAt: string;
  },
): Promise<MutationResult> {
  const value =
    input.percentage !== null
      ? { percentage: input.percentage / 100 }
      : { discountAmount: { amount: input.amount, appliesOnEachItem: false } };
  const basicCodeDiscount = {
    title: input.title,
    code: input.code,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    usageLimit: 1,
    appliesOncePerCustomer: true,
    context: { customers: { add: [gid('Customer', input.customerId)] } },
    customerGets: { value, items: { all: true } },
  };
  const data = await shopify.request<{
    discountCodeBasicCreate: { codeDiscountNode: { id: string } | null; userErrors: (UserError & { code?: string | null })[] };
  }>(Q.DISCOUNT_CODE_BASIC_CREATE, { basicCodeDiscount });
  const errors = data.discountCodeBasicCreate.userErrors;
  if (errors.length && errors.every((e) => e.code === 'TAKEN' || /must be unique|taken/i.test(e.message)))
    return result([], { alreadyCreated: true, code: input.code });
  return result(errors, { discount: data.discountCodeBasicCreate.codeDiscountNode, code: input.code });
}

const toCents = (s: string) => toMinorUnits(s);
const fromCents = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
