// The shared vocabulary of the domain. Vendor payloads are mapped into these shapes at the edge
// (lib/integrations/*); everything in lib/domain works on them and never sees a wire format.
// Shopify ids are strings (they exceed 2^53). Money is a decimal string ("199.00"), never a float.

export const INTENTS = ['wismo', 'cancel', 'address_change', 'return_exchange', 'refund', 'damaged', 'not_received', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

export interface Address {
  name: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  zip: string | null;
  country: string | null;
  countryCode: string | null;
  phone: string | null;
}

export interface LineItem {
  id: string;
  title: string;
  sku: string | null;
  quantity: number;
  price: string;
  productId: string | null;
  variantId: string | null;
}

export interface Order {
  id: string;
  shopId: string;
  name: string; // "#1001"
  orderNumber: number | null;
  email: string | null;
  phone: string | null;
  customerId: string | null; // Shopify customer id
  createdAt: Date;
  updatedAt: Date;
  processedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  closedAt: Date | null;
  financialStatus: string | null; // open enum: paid, refunded, partially_refunded, ... stored as it comes
  fulfillmentStatus: string | null; // null = unfulfilled, partial, fulfilled, ... open enum
  currency: string;
  totalPrice: string;
  tags: string[];
  note: string | null;
  lineItems: LineItem[];
  shippingAddress: Address | null;
  onHold: boolean; // a fulfillment hold at the warehouse
}

export interface Fulfillment {
  id: string;
  orderId: string;
  name: string | null; // "#1001.1"
  status: string; // pending, open, success, cancelled, error, failure (open enum)
  shipmentStatus: string | null; // in_transit, delivered, failure, ... (open enum)
  trackingCompany: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
  estimatedDeliveryAt: Date | null;
  deliveredAt: Date | null;
  /** The order line items this parcel carries (so a refund or reship of them closes its case). */
  lineItemIds?: string[];
  /** When shipment_status last changed (a carrier update without a fulfillment event). */
  shipmentStatusAt?: Date | null;
  /** The health state last computed and cached on the row (read model only). */
  cachedHealthState?: string | null;
}

export interface TrackingEvent {
  id: string;
  fulfillmentId: string;
  orderId: string;
  status: string; // open enum mirroring FulfillmentEventStatus, lowercase
  message: string | null;
  happenedAt: Date;
  estimatedDeliveryAt: Date | null;
  city: string | null;
  province: string | null;
  country: string | null;
}

export interface Refund {
  id: string;
  orderId: string;
  createdAt: Date;
  amount: string; // sum of refund transactions, decimal string
  currency: string | null;
  note: string | null;
  /** The order line items refunded (refund_line_items[].line_item_id). */
  lineItemIds?: string[];
}

export interface Return {
  id: string;
  orderId: string;
  name: string | null;
  status: string; // requested, open, declined, closed, ... (open enum)
  createdAt: Date;
  updatedAt: Date;
}

export interface Customer {
  id: string; // Shopify customer id
  shopId: string;
  email: string | null;
  emails: string[]; // every email seen for this customer (orders, customer record)
  phones: string[];
  firstName: string | null;
  lastName: string | null;
  tags: string[];
  ordersCount: number;
  totalSpent: string;
}

export const SHIPMENT_STATES = [
  'unfulfilled',
  'label_created',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'delayed',
  'exception',
] as const;
export type ShipmentState = (typeof SHIPMENT_STATES)[number];

export interface ShipmentHealth {
  state: ShipmentState;
  reason: string; // one readable sentence: "No carrier scan for 6 days (threshold 5)."
  healthy: boolean; // true for label_created, in_transit, out_for_delivery, delivered
  lastEventAt: Date | null;
  lastEventStatus: string | null;
  estimatedDeliveryAt: Date | null;
  deliveredAt: Date | null;
}

export interface Classification {
  intent: Intent;
  confidence: number; // 0..1
  reasons: string[];
  decidedBy: 'rules' | 'words' | 'model'; // rules; else the word statistics; else the LLM
  orderNumbers: string[]; // order numbers quoted in the message, digits only ("1043")
}

// Things a reply may promise. The policy verdict lists which are allowed; the grounding check
// flags any promise in a draft that the verdict does not allow.
export const PROMISES = [
  'refund',
  'return_label',
  'credit',
  'discount',
  'cancellation',
  'address_change',
  'exchange',
  'replacement',
] as const;
export type PromiseKind = (typeof PROMISES)[number];

export const ACTION_KINDS = [
  'reply_tracking',
  'cancel_order',
  'update_address',
  'create_return',
  'create_exchange',
  'tag_order',
  'internal_note',
  'reply',
  'assign_human_review',
  'refund_order',
  'reship_order',
  'store_credit',
  'discount_code',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface Verdict {
  decision: 'automate' | 'human_review';
  nextStep: ActionKind; // for human_review: 'assign_human_review'
  rule: string; // machine name of the rule that decided, e.g. "return.inside_window"
  reasons: string[]; // each a short readable fact
  explanation: string; // one sentence an agent and a customer could read
  allowedPromises: PromiseKind[];
  summary: string | null; // for the human-review queue
  /** When the policy was decided (ISO); older stored verdicts have none. */
  decidedAt?: string | null;
  /** Set when the step this verdict recommends was already asked for (lib/domain/policy/verdict-after-actions.ts). */
  taken?: VerdictTaken | null;
}

export interface VerdictTaken {
  actionId: number;
  kind: string;
  status: string;
  by: string;
  at: string; // ISO: when it was done, or asked for while queued
  toldCustomer: boolean;
}
