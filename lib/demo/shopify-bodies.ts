import { PROVINCES, customerId, type DemoCustomer, type DemoProduct } from './catalog';
import { digits, money, moneySet, shopTime } from './format';
import type { Carrier, OrderStory } from './order-stories';

// Shopify webhook bodies in the REST/webhook shape (snake_case, numeric ids, gid strings, money as
// decimal strings, tags as one comma+space string, times in the shop's offset). Field names follow
// docs/shopify-klaviyo-storage.md section A6 and tests/fixtures/shopify. Every id stays below 2^53
// because these bodies are JS objects; 18-digit ids are tested apart, on raw JSON text.

const SHOP_ID = 74530012345;
const LOCATION_ID = 71650000123;
const STAFF_USER_ID = 8123450001;

export const ids = {
  order: (n: number) => 5940139490000 + n, // #1001 -> 5940139491001
  lineItem: (n: number, i: number) => 14630112390000 + n * 10 + i,
  shippingLine: (n: number) => 4701220000000 + n,
  fulfillment: (n: number) => 5230117650000 + n,
  fulfillmentLineItem: (n: number, i: number) => 11410230000 + n * 10 + i,
  fulfillmentEvent: (n: number, i: number) => 30550011000 + n * 20 + i,
  refund: (n: number, i: number) => 1014873000000 + n * 10 + i,
  refundLineItem: (n: number, i: number, j: number) => 5516001000000 + n * 100 + i * 10 + j,
  saleTransaction: (n: number) => 7046518000000 + n,
  refundTransaction: (n: number, i: number) => 7046519000000 + n * 10 + i,
  return: (n: number, i: number) => 9120000000 + n * 10 + i,
  returnLineItem: (n: number, i: number, j: number) => 13200000000 + n * 100 + i * 10 + j,
  customerAddress: (customerKey: string) => customerId(customerKey) + 1890000000000,
};

const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;

export interface OrderLine {
  id: number;
  product: DemoProduct;
  quantity: number;
  taxCents: number;
}

/** Everything about an order that does not change over its life. */
export interface OrderFacts {
  story: OrderStory;
  number: number;
  id: number;
  name: string;
  customer: DemoCustomer;
  email: string;
  createdMs: number;
  currency: string;
  shopDomain: string;
  lines: OrderLine[];
  taxRate: number;
  subtotalCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
  tracking: { carrier: Carrier; number: string; url: string } | null;
  customerSnapshot: { ordersCount: number; totalSpentCents: number; createdMs: number };
}

/** The parts of an order that move: webhooks carry a snapshot of these at their time. */
export interface OrderState {
  updatedMs: number;
  financialStatus: string;
  fulfillmentStatus: string | null;
  fulfillment: FulfillmentState | null;
  refunds: Record<string, unknown>[];
  refundedCents: number;
  cancelled: { ms: number; reason: string } | null;
  tags: string[];
  note: string | null;
}

export interface FulfillmentState {
  createdMs: number;
  updatedMs: number;
  shipmentStatus: string | null;
}

const FREE_SHIPPING_FROM = 7500;
const STANDARD_SHIPPING = 800;

export function priceOrder(story: OrderStory, number: number, lookup: (sku: string) => DemoProduct, provinceCode: string) {
  const taxRate = PROVINCES[provinceCode].taxRate;
  const lines: OrderLine[] = story.items.map(([sku, quantity], i) => {
    const product = lookup(sku);
    return { id: ids.lineItem(number, i), product, quantity, taxCents: Math.round(product.priceCents * quantity * taxRate) };
  });
  const subtotalCents = lines.reduce((s, l) => s + l.product.priceCents * l.quantity, 0);
  const shippingCents = subtotalCents >= FREE_SHIPPING_FROM ? 0 : STANDARD_SHIPPING;
  const taxCents = lines.reduce((s, l) => s + l.taxCents, 0);
  return { lines, taxRate, subtotalCents, shippingCents, taxCents, totalCents: subtotalCents + shippingCents + taxCents };
}

export function trackingFor(carrier: Carrier, key: string): { carrier: Carrier; number: string; url: string } {
  switch (carrier) {
    case 'UPS': {
      const number = `1ZV2A81F03${digits(`ups:${key}`, 8)}`;
      return { carrier, number, url: `https://www.ups.com/track?loc=en_US&tracknum=${number}` };
    }
    case 'USPS': {
      const number = `9400111899${digits(`usps:${key}`, 12)}`;
      return { carrier, number, url: `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}` };
    }
    case 'FedEx': {
      const number = `77${digits(`fedex:${key}`, 10)}`;
      return { carrier, number, url: `https://www.fedex.com/fedextrack/?trknbr=${number}` };
    }
  }
}

function address(c: DemoCustomer) {
  const a = c.address;
  return {
    first_name: c.firstName,
    last_name: c.lastName,
    name: `${c.firstName} ${c.lastName}`,
    company: null,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    province_code: a.provinceCode,
    zip: a.zip,
    country: 'United States',
    country_code: 'US',
    phone: c.phone ?? null,
    latitude: null,
    longitude: null,
  };
}

export function customerBody(
  c: DemoCustomer,
  snap: {
    createdMs: number;
    updatedMs: number;
    ordersCount: number;
    totalSpentCents: number;
    lastOrder: { id: number; name: string } | null;
  },
  currency: string,
) {
  const id = customerId(c.key);
  const addr = { id: ids.customerAddress(c.key), customer_id: id, ...address(c), default: true };
  const consent = c.acceptsMarketing
    ? { state: 'subscribed', opt_in_level: 'single_opt_in', consent_updated_at: shopTime(snap.createdMs) }
    : { state: 'not_subscribed', opt_in_level: 'single_opt_in', consent_updated_at: null };
  return {
    id,
    admin_graphql_api_id: gid('Customer', id),
    email: c.email,
    first_name: c.firstName,
    last_name: c.lastName,
    phone: c.phone ?? null,
    created_at: shopTime(snap.createdMs),
    updated_at: shopTime(snap.updatedMs),
    state: 'enabled',
    verified_email: true,
    tax_exempt: false,
    note: null,
    multipass_identifier: null,
    currency,
    tags: c.tags.join(', '),
    orders_count: snap.ordersCount,
    total_spent: money(snap.totalSpentCents),
    last_order_id: snap.lastOrder?.id ?? null,
    last_order_name: snap.lastOrder?.name ?? null,
    email_marketing_consent: consent,
    sms_marketing_consent: c.phone
      ? { state: 'not_subscribed', opt_in_level: 'single_opt_in', consent_updated_at: null, consent_collected_from: 'OTHER' }
      : null,
    addresses: [addr],
    default_address: addr,
  };
}

function lineItemBody(f: OrderFacts, l: OrderLine, fulfilled: boolean) {
  const p = l.product;
  return {
    id: l.id,
    admin_graphql_api_id: gid('LineItem', l.id),
    title: p.title,
    variant_title: p.variantTitle,
    name: p.variantTitle ? `${p.title} - ${p.variantTitle}` : p.title,
    sku: p.sku,
    vendor: 'Northbound Outfitters',
    quantity: l.quantity,
    current_quantity: l.quantity,
    price: money(p.priceCents),
    price_set: moneySet(p.priceCents, f.currency),
    total_discount: '0.00',
    total_discount_set: moneySet(0, f.currency),
    product_id: p.productId,
    variant_id: p.variantId,
    product_exists: true,
    grams: p.grams,
    requires_shipping: true,
    taxable: true,
    gift_card: false,
    fulfillment_service: 'manual',
    fulfillment_status: fulfilled ? 'fulfilled' : null,
    fulfillable_quantity: fulfilled ? 0 : l.quantity,
    properties: [],
    discount_allocations: [],
    duties: [],
    tax_lines:
      f.taxRate > 0 ? [{ title: 'State Tax', rate: f.taxRate, price: money(l.taxCents), price_set: moneySet(l.taxCents, f.currency) }] : [],
  };
}

export function fulfillmentBody(f: OrderFacts, s: FulfillmentState) {
  const id = ids.fulfillment(f.number);
  const t = f.tracking!;
  return {
    id,
    admin_graphql_api_id: gid('Fulfillment', id),
    order_id: f.id,
    name: `${f.name}.1`,
    status: 'success',
    shipment_status: s.shipmentStatus,
    service: 'manual',
    location_id: LOCATION_ID,
    created_at: shopTime(s.createdMs),
    updated_at: shopTime(s.updatedMs),
    tracking_company: t.carrier,
    tracking_number: t.number,
    tracking_numbers: [t.number],
    tracking_url: t.url,
    tracking_urls: [t.url],
    origin_address: null,
    receipt: {},
    email: f.email,
    destination: address(f.customer),
    line_items: f.lines.map((l) => lineItemBody(f, l, true)),
  };
}

export function fulfillmentEventBody(
  f: OrderFacts,
  i: number,
  scan: {
    status: string;
    message: string;
    happenedMs: number;
    createdMs: number;
    etaMs: number;
    city: string;
    provinceCode: string;
    atDestination: boolean;
  },
) {
  const id = ids.fulfillmentEvent(f.number, i);
  return {
    id,
    admin_graphql_api_id: gid('FulfillmentEvent', id),
    fulfillment_id: ids.fulfillment(f.number),
    order_id: f.id,
    shop_id: SHOP_ID,
    status: scan.status,
    message: scan.message,
    happened_at: shopTime(scan.happenedMs),
    estimated_delivery_at: shopTime(scan.etaMs),
    city: scan.city,
    province: PROVINCES[scan.provinceCode]?.name ?? scan.provinceCode,
    country: 'United States',
    zip: scan.atDestination ? f.customer.address.zip : null,
    address1: null,
    latitude: null,
    longitude: null,
    created_at: shopTime(scan.createdMs),
    updated_at: shopTime(scan.createdMs),
  };
}

export function orderBody(f: OrderFacts, s: OrderState) {
  const c = f.customer;
  const fulfilled = s.fulfillment !== null;
  const currentTotal = f.totalCents - s.refundedCents;
  return {
    id: f.id,
    admin_graphql_api_id: gid('Order', f.id),
    name: f.name,
    order_number: f.number,
    number: f.number - 1000,
    confirmation_number: `${digits(`conf:${f.story.key}`, 3)}NB${digits(`conf2:${f.story.key}`, 4)}`,
    email: f.email,
    contact_email: f.email,
    phone: null,
    created_at: shopTime(f.createdMs),
    updated_at: shopTime(s.updatedMs),
    processed_at: shopTime(f.createdMs),
    cancelled_at: s.cancelled ? shopTime(s.cancelled.ms) : null,
    cancel_reason: s.cancelled?.reason ?? null,
    closed_at: s.cancelled ? shopTime(s.cancelled.ms) : null,
    confirmed: true,
    test: false,
    financial_status: s.financialStatus,
    fulfillment_status: s.fulfillmentStatus,
    currency: f.currency,
    presentment_currency: f.currency,
    subtotal_price: money(f.subtotalCents),
    subtotal_price_set: moneySet(f.subtotalCents, f.currency),
    total_line_items_price: money(f.subtotalCents),
    total_discounts: '0.00',
    total_tax: money(f.taxCents),
    total_tax_set: moneySet(f.taxCents, f.currency),
    taxes_included: false,
    total_shipping_price_set: moneySet(f.shippingCents, f.currency),
    total_price: money(f.totalCents),
    total_price_set: moneySet(f.totalCents, f.currency),
    current_total_price: money(currentTotal),
    current_total_price_set: moneySet(currentTotal, f.currency),
    total_outstanding: '0.00',
    total_weight: f.lines.reduce((sum, l) => sum + l.product.grams * l.quantity, 0),
    tags: s.tags.join(', '),
    note: s.note,
    note_attributes: [],
    source_name: 'web',
    payment_gateway_names: ['shopify_payments'],
    buyer_accepts_marketing: c.acceptsMarketing,
    customer_locale: 'en-US',
    order_status_url: `https://${f.shopDomain}/74530012345/orders/${digits(`token:${f.story.key}`, 32)}/authenticate?key=${digits(`key:${f.story.key}`, 32)}`,
    discount_codes: [],
    tax_lines:
      f.taxRate > 0 ? [{ title: 'State Tax', rate: f.taxRate, price: money(f.taxCents), price_set: moneySet(f.taxCents, f.currency) }] : [],
    customer: {
      id: customerId(c.key),
      admin_graphql_api_id: gid('Customer', customerId(c.key)),
      email: c.email,
      first_name: c.firstName,
      last_name: c.lastName,
      phone: c.phone ?? null,
      created_at: shopTime(f.customerSnapshot.createdMs),
      updated_at: shopTime(f.createdMs),
      state: 'enabled',
      verified_email: true,
      tax_exempt: false,
      note: null,
      currency: f.currency,
      tags: c.tags.join(', '),
      orders_count: f.customerSnapshot.ordersCount,
      total_spent: money(f.customerSnapshot.totalSpentCents),
      default_address: { id: ids.customerAddress(c.key), customer_id: customerId(c.key), ...address(c), default: true },
    },
    billing_address: address(c),
    shipping_address: address(c),
    shipping_lines: [
      {
        id: ids.shippingLine(f.number),
        title: f.shippingCents === 0 ? 'Free Standard Shipping' : 'Standard Shipping',
        code: 'STANDARD',
        source: 'shopify',
        price: money(f.shippingCents),
        price_set: moneySet(f.shippingCents, f.currency),
        discounted_price: money(f.shippingCents),
        tax_lines: [],
      },
    ],
    line_items: f.lines.map((l) => lineItemBody(f, l, fulfilled)),
    fulfillments: s.fulfillment ? [fulfillmentBody(f, s.fulfillment)] : [],
    refunds: s.refunds,
  };
}

/**
 * A refund of some lines (with their tax) or of the whole order (lines, tax and shipping). The
 * transaction amount is what the customer gets back: the sum the read model should record.
 */
export function refundBody(
  f: OrderFacts,
  i: number,
  r: { ms: number; full: boolean; items: Array<[string, number]>; note: string; restockType: 'return' | 'cancel' | 'no_restock' },
) {
  const id = ids.refund(f.number, i);
  const picked = r.full
    ? f.lines.map((l) => ({ line: l, quantity: l.quantity }))
    : r.items.map(([sku, quantity]) => ({ line: f.lines.find((l) => l.product.sku === sku)!, quantity }));
  const refundLines = picked.map(({ line, quantity }, j) => {
    const subtotal = line.product.priceCents * quantity;
    const tax = Math.round((line.taxCents * quantity) / line.quantity);
    return {
      cents: subtotal + tax,
      body: {
        id: ids.refundLineItem(f.number, i, j),
        line_item_id: line.id,
        quantity,
        location_id: r.restockType === 'no_restock' ? null : LOCATION_ID,
        restock_type: r.restockType,
        subtotal: money(subtotal),
        subtotal_set: moneySet(subtotal, f.currency),
        total_tax: money(tax),
        total_tax_set: moneySet(tax, f.currency),
        line_item: {
          id: line.id,
          admin_graphql_api_id: gid('LineItem', line.id),
          title: line.product.title,
          sku: line.product.sku,
          quantity: line.quantity,
          price: money(line.product.priceCents),
          product_id: line.product.productId,
          variant_id: line.product.variantId,
        },
      },
    };
  });
  const shipping = r.full ? f.shippingCents : 0;
  const amount = refundLines.reduce((s, l) => s + l.cents, 0) + shipping;
  const txId = ids.refundTransaction(f.number, i);
  return {
    cents: amount,
    body: {
      id,
      admin_graphql_api_id: gid('Refund', id),
      order_id: f.id,
      created_at: shopTime(r.ms),
      processed_at: shopTime(r.ms),
      note: r.note,
      restock: r.restockType !== 'no_restock',
      user_id: STAFF_USER_ID,
      refund_line_items: refundLines.map((l) => l.body),
      refund_shipping_lines:
        shipping > 0
          ? [
              {
                id: ids.shippingLine(f.number) + 1,
                shipping_line_id: ids.shippingLine(f.number),
                subtotal_amount_set: moneySet(shipping, f.currency),
              },
            ]
          : [],
      transactions: [
        {
          id: txId,
          admin_graphql_api_id: gid('OrderTransaction', txId),
          order_id: f.id,
          parent_id: ids.saleTransaction(f.number),
          kind: 'refund',
          gateway: 'shopify_payments',
          status: 'success',
          message: 'Transaction approved',
          amount: money(amount),
          currency: f.currency,
          created_at: shopTime(r.ms),
          processed_at: shopTime(r.ms),
          source_name: 'web',
          test: false,
          user_id: STAFF_USER_ID,
        },
      ],
      order_adjustments: [],
      duties: [],
      total_duties_set: moneySet(0, f.currency),
    },
  };
}

export function returnBody(
  f: OrderFacts,
  i: number,
  r: {
    status: 'requested' | 'open' | 'closed';
    createdMs: number;
    updatedMs: number;
    items: Array<[string, number]>;
    reason: string;
    customerNote: string;
  },
) {
  const id = ids.return(f.number, i);
  const lines = r.items.map(([sku, quantity], j) => {
    const index = f.lines.findIndex((l) => l.product.sku === sku);
    const line = f.lines[index];
    const rliId = ids.returnLineItem(f.number, i, j);
    const fliId = ids.fulfillmentLineItem(f.number, index);
    return {
      id: rliId,
      admin_graphql_api_id: gid('ReturnLineItem', rliId),
      fulfillment_line_item: {
        id: fliId,
        admin_graphql_api_id: gid('FulfillmentLineItem', fliId),
        line_item: { id: line.id, admin_graphql_api_id: gid('LineItem', line.id), sku: line.product.sku, title: line.product.title },
      },
      quantity,
      return_reason: r.reason,
      return_reason_note: '',
      customer_note: r.customerNote,
    };
  });
  return {
    id,
    admin_graphql_api_id: gid('Return', id),
    name: `${f.name}-R${i + 1}`,
    status: r.status,
    order: { id: f.id, admin_graphql_api_id: gid('Order', f.id) },
    order_id: f.id,
    created_at: shopTime(r.createdMs),
    updated_at: shopTime(r.updatedMs),
    total_return_line_items: lines.reduce((s, l) => s + l.quantity, 0),
    return_line_items: lines,
    return_shipping_fees: [],
    exchange_line_items: [],
    total_exchange_line_items: 0,
    decline: null,
  };
}
