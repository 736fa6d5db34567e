// Small builders for webhook bodies in the vendors' own shapes, for route tests.

let seq = 1000;
const next = () => ++seq;

export function shopifyOrder(o: {
  id: number;
  number: number;
  email: string;
  customerId: number;
  createdAt: string;
  total?: string;
  tags?: string;
  cancelledAt?: string | null;
  fulfillmentStatus?: string | null;
  financialStatus?: string;
  firstName?: string;
  phone?: string | null;
  customerTags?: string;
}) {
  return {
    id: o.id,
    admin_graphql_api_id: `gid://shopify/Order/${o.id}`,
    name: `#${o.number}`,
    order_number: o.number,
    email: o.email,
    phone: o.phone ?? null,
    created_at: o.createdAt,
    updated_at: o.createdAt,
    processed_at: o.createdAt,
    cancelled_at: o.cancelledAt ?? null,
    cancel_reason: o.cancelledAt ? 'customer' : null,
    closed_at: null,
    financial_status: o.financialStatus ?? 'paid',
    fulfillment_status: o.fulfillmentStatus ?? null,
    currency: 'USD',
    total_price: o.total ?? '80.00',
    tags: o.tags ?? '',
    note: null,
    customer: {
      id: o.customerId,
      email: o.email,
      first_name: o.firstName ?? 'Pat',
      last_name: 'Doe',
      tags: o.customerTags ?? '',
      phone: o.phone ?? null,
    },
    shipping_address: {
      name: 'Pat Doe',
      address1: '1 Main St',
      address2: null,
      city: 'Austin',
      province: 'Texas',
      province_code: 'TX',
      zip: '78701',
      country: 'United States',
      country_code: 'US',
      phone: null,
    },
    line_items: [
      {
        id: next(),
        title: 'Trail Jacket',
        sku: 'TJ-1',
        quantity: 1,
        price: o.total ?? '80.00',
        product_id: 1,
        variant_id: 2,
        fulfillment_status: null,
      },
    ],
    fulfillments: [],
    refunds: [],
  };
}

export function shopifyFulfillment(f: {
  id: number;
  orderId: number;
  createdAt: string;
  shipmentStatus?: string | null;
  status?: string;
  trackingNumber?: string;
  company?: string;
}) {
  return {
    id: f.id,
    admin_graphql_api_id: `gid://shopify/Fulfillment/${f.id}`,
    order_id: f.orderId,
    name: null,
    status: f.status ?? 'success',
    shipment_status: f.shipmentStatus ?? null,
    created_at: f.createdAt,
    updated_at: f.createdAt,
    tracking_company: f.company ?? 'UPS',
    tracking_number: f.trackingNumber ?? `1Z${f.id}`,
    tracking_url: `https://www.ups.com/track?tracknum=${f.trackingNumber ?? `1Z${f.id}`}`,
    line_items: [],
  };
}

export function shopifyTrackingEvent(e: {
  id: number;
  fulfillmentId: number;
  orderId: number;
  status: string;
  happenedAt: string;
  estimatedDeliveryAt?: string | null;
  city?: string;
}) {
  return {
    id: e.id,
    fulfillment_id: e.fulfillmentId,
    order_id: e.orderId,
    status: e.status,
    message: e.status.replace(/_/g, ' '),
    happened_at: e.happenedAt,
    estimated_delivery_at: e.estimatedDeliveryAt ?? null,
    city: e.city ?? 'Dallas',
    province: 'Texas',
    country: 'United States',
    created_at: e.happenedAt,
    updated_at: e.happenedAt,
  };
}

export function gorgiasContext(t: {
  ticketId: number;
  email: string;
  name?: string;
  text: string;
  messageId?: number;
  fromAgent?: boolean;
  internal?: boolean;
  status?: string;
  domain?: string;
  at?: string;
  subject?: string;
  extra?: Record<string, unknown>;
  priorMessages?: Record<string, unknown>[];
}) {
  const at = t.at ?? '2026-11-24T09:00:00Z';
  const message = {
    id: t.messageId ?? next(),
    ticket_id: t.ticketId,
    from_agent: t.fromAgent ?? false,
    channel: t.internal ? 'internal-note' : 'email',
    via: t.fromAgent ? 'helpdesk' : 'email',
    body_text: t.text,
    stripped_text: t.text,
    sender: t.fromAgent ? { email: 'agent@acme.com', name: 'Alex Agent' } : { email: t.email, name: t.name ?? 'Pat Doe' },
    attachments: [],
    intents: [],
    created_datetime: at,
    sent_datetime: t.fromAgent ? at : null,
  };
  return {
    ticket: {
      id: t.ticketId,
      status: t.status ?? 'open',
      channel: 'email',
      via: 'email',
      subject: t.subject ?? 'Order question',
      account: { domain: t.domain ?? 'acme' },
      customer: { id: 5000 + t.ticketId, email: t.email, name: t.name ?? 'Pat Doe' },
      assignee_user: null,
      assignee_team: null,
      tags: [],
      messages: [...(t.priorMessages ?? []), message],
      created_datetime: at,
      updated_datetime: at,
      ...(t.extra ?? {}),
    },
    message,
  };
}
