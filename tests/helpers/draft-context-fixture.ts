import type { DraftContext, DraftShipment } from '@/lib/domain/draft-context';

// A realistic draft context: order #1043 with one UPS parcel in transit, seen "now" on
// Tuesday 24 Nov 2026. Tests override the parts they are about.

export const NOW = '2026-11-24T15:00:00.000Z';

export function shipmentCtx(over: Partial<DraftShipment> = {}): DraftShipment {
  return {
    name: '#1043.1',
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    state: 'in_transit',
    reason: 'In transit; last scan 0.8 days ago.',
    lastEventAt: '2026-11-23T21:10:00.000Z',
    lastEventStatus: 'in_transit',
    estimatedDeliveryAt: '2026-11-26T20:00:00.000Z',
    deliveredAt: null,
    ...over,
  };
}

type Over = Omit<Partial<DraftContext>, 'verdict' | 'brand' | 'ticket'> & {
  verdict?: Partial<DraftContext['verdict']>;
  brand?: Partial<DraftContext['brand']>;
  ticket?: Partial<DraftContext['ticket']>;
};

export function draftCtx(over: Over = {}): DraftContext {
  const { verdict, brand, ticket, ...rest } = over;
  return {
    now: NOW,
    brand: { name: 'Northwind Outfitters', signature: 'Sam at Northwind', style: 'warm', extraGuidance: '', ...brand },
    customer: { firstName: 'Pat', email: 'pat@example.com' },
    ticket: {
      subject: 'Where is my order?',
      customerMessage: 'Hi, where is my order #1043? It has been a while.',
      attachmentCount: 0,
      ...ticket,
    },
    intent: 'wismo',
    order: {
      name: '#1043',
      createdAt: '2026-11-19T10:00:00.000Z',
      totalPrice: '129.00',
      currency: 'USD',
      financialStatus: 'paid',
      fulfillmentStatus: 'fulfilled',
      cancelledAt: null,
      items: [{ title: 'Trail Jacket', quantity: 1, price: '129.00' }],
      shippingCity: 'Austin',
    },
    shipments: [shipmentCtx()],
    refunds: [],
    returns: [],
    ...rest,
    verdict: {
      decision: 'automate',
      nextStep: 'reply_tracking',
      rule: 'tracking.healthy',
      explanation: 'The parcel is moving normally, so a tracking reply is safe to send.',
      reasons: ['Shipment in transit'],
      allowedPromises: [],
      ...verdict,
    },
  };
}
