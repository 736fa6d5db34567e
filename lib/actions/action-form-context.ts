import { parseAddressFromMessage } from '@/lib/domain/address-from-message';
import type { Address } from '@/lib/domain/types';
import type { WidgetData } from '@/lib/ticket-context/load-ticket-context';

// What the widget's action forms start from: the ticket's own order with its line items (ids for
// per-item refunds, returns and exchanges), its current shipping address, and the new address read
// from the customer's latest message, if any.

export interface ActionFormContext {
  order: {
    id: string;
    name: string;
    currency: string;
    totalPrice: string;
    lineItems: { id: string; title: string; sku: string | null; quantity: number; price: string; variantId: string | null }[];
  } | null;
  currentAddress: Partial<Address> | null;
  addressFromMessage: { address: Partial<Address>; complete: boolean; missing: string[] } | null;
}

export function actionFormContext(data: WidgetData, latestCustomerMessage: string | null): ActionFormContext {
  const focus =
    data.bundles.find((b) => b.bundle.order?.id === data.match.focusOrderId)?.bundle.order ?? data.bundles[0]?.bundle.order ?? null;
  if (!focus) return { order: null, currentAddress: null, addressFromMessage: null };
  const parsed = latestCustomerMessage
    ? parseAddressFromMessage(latestCustomerMessage, focus.shippingAddress?.countryCode ?? null)
    : { found: false as const };
  return {
    order: {
      id: focus.id,
      name: focus.name,
      currency: focus.currency,
      totalPrice: focus.totalPrice,
      lineItems: focus.lineItems.map((li) => ({
        id: li.id,
        title: li.title,
        sku: li.sku,
        quantity: li.quantity,
        price: li.price,
        variantId: li.variantId,
      })),
    },
    currentAddress: focus.shippingAddress,
    addressFromMessage: parsed.found
      ? { address: parsed.address, complete: parsed.complete, missing: parsed.complete ? [] : parsed.missing }
      : null,
  };
}
