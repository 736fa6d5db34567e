import type { WidgetView } from '@/lib/domain/sidebar';

// A sidebar view with something in every field (several orders, shipments, issues, tickets), and
// its empty counterpart: the unknown email. Shared by the sidebar and widget-template tests.

export const NOW = new Date('2026-11-20T12:00:00Z');
export const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
export const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

type ViewOrder = WidgetView['orders'][number];
type ViewShipment = ViewOrder['shipments'][number];

export function shipment(over: Partial<ViewShipment> = {}): ViewShipment {
  return {
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784&loc=en_US&requester=ST/trackdetails',
    state: 'in_transit',
    reason: 'Last scan 1 day ago, within the 5-day threshold.',
    lastEventStatus: 'in_transit',
    lastEventAt: daysAgo(1),
    estimatedDeliveryAt: new Date('2026-11-23T00:00:00Z'),
    ...over,
  };
}

export function order(over: Partial<ViewOrder> = {}): ViewOrder {
  return {
    name: '#1043',
    createdAt: daysAgo(10),
    totalPrice: '129.00',
    currency: 'USD',
    financialStatus: 'paid',
    fulfillmentStatus: 'fulfilled',
    cancelled: false,
    items: ['1× Merino tee', '2× Wool socks'],
    adminUrl: 'https://admin.shopify.com/store/acme/orders/5551234',
    shipments: [shipment()],
    returns: [],
    refunds: [],
    ...over,
  };
}

export function view(over: Partial<WidgetView> = {}): WidgetView {
  return {
    asOf: minutesAgo(3),
    stale: false,
    refreshing: false,
    shop: { id: 'acme.myshopify.com', name: 'Acme', locale: 'en-US' },
    match: { status: 'matched', by: ['email'], note: null },
    customer: {
      name: 'Jane Doe',
      email: 'jane@example.com',
      otherEmails: ['jane.doe@work.example'],
      phones: ['+15551234567'],
      vip: true,
      ordersCount: 7,
      totalSpent: '1240.50',
      currency: 'USD',
      storesMatched: ['acme.myshopify.com', 'acme-eu.myshopify.com'],
    },
    orders: [
      order({
        name: '#1001',
        createdAt: daysAgo(60),
        shipments: [
          shipment({ state: 'delivered', reason: 'Delivered 50 days ago.', lastEventStatus: 'delivered', lastEventAt: daysAgo(50) }),
        ],
      }),
      order({
        name: '#1043',
        createdAt: daysAgo(8),
        shipments: [
          shipment({
            state: 'delivered',
            reason: 'Delivered.',
            lastEventStatus: 'delivered',
            lastEventAt: daysAgo(2),
            trackingNumber: 'DELIVERED1',
          }),
          shipment({
            state: 'delayed',
            reason: 'No carrier scan for 6 days (threshold 5).',
            lastEventStatus: 'in_transit',
            lastEventAt: daysAgo(6),
            trackingNumber: 'DELAYED1',
          }),
        ],
        refunds: [{ amount: '20.00', createdAt: new Date('2026-11-18T09:00:00Z') }],
        returns: [{ name: '#1043-R1', status: 'open' }],
      }),
      order({ name: '#1050', createdAt: daysAgo(1), fulfillmentStatus: null, shipments: [], adminUrl: null }),
    ],
    openIssues: [
      { kind: 'delivery_delay', reason: 'Order #1043: no carrier scan for 6 days.', openedAt: daysAgo(1) },
      { kind: 'refund_pending', reason: 'Refund requested 3 days ago.', openedAt: null },
    ],
    previousTickets: [
      {
        id: '111',
        subject: 'Sizing question',
        status: 'closed',
        intent: 'other',
        createdAt: daysAgo(90),
        channel: 'email',
        excerpt: 'Do the boots run small?\n\nI am usually a 9.',
      },
      { id: '222', subject: null, status: 'open', intent: null, createdAt: daysAgo(5) },
    ],
    ticket: {
      id: '86538298',
      intent: 'wismo',
      confidence: 0.92,
      reasons: ['Asks where the order is ("where is my order").', 'Order #1043 is in transit.'],
    },
    verdict: {
      decision: 'human_review',
      explanation: 'The shipment is delayed past the threshold, so a person should reply.',
      reasons: ['Shipment delayed 6 days'],
      nextStep: 'assign_human_review',
    },
    suppression: { suppressed: true, because: ['Open delivery delay on #1043'] },
    draftPreview: 'Hi Jane,\n\nSorry for the wait: your order #1043 is with UPS.',
    widgetUrl: 'https://concord.example/widget/86538298?sig=abc',
    ...over,
  };
}

export function emptyView(): WidgetView {
  return view({
    match: { status: 'none', by: [], note: 'No Shopify customer uses jane@unknown.example.' },
    customer: null,
    orders: [],
    openIssues: [],
    previousTickets: [],
    ticket: null,
    verdict: null,
    suppression: { suppressed: false, because: [] },
    draftPreview: null,
  });
}
