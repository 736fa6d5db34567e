import { describe, expect, it } from 'vitest';
import { isShipmentUpdate, recoveryGesture, reviewEligibility, shipmentUpdateProperties } from '@/lib/domain/klaviyo-signals';

const NOW = new Date('2026-11-25T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe('Klaviyo signals', () => {
  it('a shipment update only when the state changes to one worth a message', () => {
    expect(isShipmentUpdate('in_transit', 'delayed')).toBe(true);
    expect(isShipmentUpdate('delayed', 'delayed')).toBe(false);
    expect(isShipmentUpdate('label_created', 'in_transit')).toBe(false);
    expect(isShipmentUpdate(null, 'delivered')).toBe(true);
    expect(isShipmentUpdate('delayed', 'out_for_delivery')).toBe(true);
  });

  it('carries the facts a template needs', () => {
    const p = shipmentUpdateProperties({
      orderId: '1',
      orderName: '#1',
      fulfillmentId: 'f',
      state: 'exception',
      reason: 'Carrier reports failure.',
      carrier: 'UPS',
      trackingNumber: '1Z',
      trackingUrl: 'https://ups.example/1Z',
      estimatedDeliveryAt: null,
      deliveredAt: null,
    });
    expect(p).toMatchObject({
      update_type: 'exception',
      status_label: 'Delivery problem',
      tracking_url: 'https://ups.example/1Z',
      order_name: '#1',
    });
  });

  it('the gesture depends on the issue type and VIP status', () => {
    expect(recoveryGesture('delay', false)?.gesture).toBe('free_shipping_next_order');
    expect(recoveryGesture('delay', true)?.gesture).toBe('discount_15');
    expect(recoveryGesture('exception', true)?.gesture).toBe('discount_20_and_free_shipping');
    expect(recoveryGesture('return', true)).toBeNull();
  });

  it('review-eligible N days after a clean delivery, never with an issue', () => {
    const base = { now: NOW, daysAfterDelivery: 7, orderHadIssue: false, customerHasOpenIssue: false };
    expect(reviewEligibility({ ...base, deliveredAt: daysAgo(8) }).eligible).toBe(true);
    expect(reviewEligibility({ ...base, deliveredAt: daysAgo(6) })).toEqual({ eligible: false, why: 'delivered less than 7 days ago' });
    expect(reviewEligibility({ ...base, deliveredAt: daysAgo(40) }).eligible).toBe(false);
    expect(reviewEligibility({ ...base, deliveredAt: daysAgo(8), orderHadIssue: true }).why).toBe('the order had an issue');
    expect(reviewEligibility({ ...base, deliveredAt: daysAgo(8), customerHasOpenIssue: true }).eligible).toBe(false);
    expect(reviewEligibility({ ...base, deliveredAt: null }).eligible).toBe(false);
  });
});
