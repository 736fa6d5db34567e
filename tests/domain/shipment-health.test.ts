import { describe, expect, it } from 'vitest';
import { orderShipmentHealth, shipmentHealth } from '@/lib/domain/shipment-health';
import { DAY, MIN, NOW, at, event, fulfillment, order } from '../helpers/domain';

const delay = { noMovementDays: 5, pastEstimateDays: 2 };
const health = (f: ReturnType<typeof fulfillment> | null, events: ReturnType<typeof event>[] = []) =>
  shipmentHealth({ fulfillment: f, events, now: NOW, delay });

describe('shipment health', () => {
  it.each([
    ['no fulfillment', null, [], 'unfulfilled'],
    ['label, no scan yet', fulfillment({ shipmentStatus: null, createdAt: at(DAY) }), [], 'label_created'],
    [
      'label printed event',
      fulfillment({ shipmentStatus: null }),
      [event({ status: 'label_printed', happenedAt: at(DAY) })],
      'label_created',
    ],
    ['in transit', fulfillment(), [event({ status: 'in_transit', happenedAt: at(DAY) })], 'in_transit'],
    ['picked up', fulfillment(), [event({ status: 'carrier_picked_up', happenedAt: at(DAY) })], 'in_transit'],
    ['out for delivery', fulfillment(), [event({ status: 'out_for_delivery', happenedAt: at(3600_000) })], 'out_for_delivery'],
    ['delivered', fulfillment(), [event({ status: 'delivered', happenedAt: at(DAY) })], 'delivered'],
    [
      'delivered long ago is still delivered, never delayed',
      fulfillment(),
      [event({ status: 'delivered', happenedAt: at(40 * DAY) })],
      'delivered',
    ],
    ['failure', fulfillment(), [event({ status: 'failure', happenedAt: at(DAY) })], 'exception'],
    ['attempted delivery', fulfillment(), [event({ status: 'attempted_delivery', happenedAt: at(DAY) })], 'exception'],
    ['returning to sender', fulfillment(), [event({ status: 'returning_to_sender', happenedAt: at(DAY) })], 'exception'],
    ['cancelled fulfillment', fulfillment({ status: 'cancelled' }), [], 'exception'],
    ['carrier says delayed', fulfillment(), [event({ status: 'delayed', happenedAt: at(DAY) })], 'delayed'],
    ['unknown status counts as movement', fulfillment(), [event({ status: 'teleported', happenedAt: at(DAY) })], 'in_transit'],
  ])('%s → %s', (_name, f, events, state) => {
    expect(health(f, events).state).toBe(state);
  });

  it('goes delayed only after more than the no-movement threshold', () => {
    // The fulfillment's own status is older than the scans, so the scans are the only news.
    const f = fulfillment({ createdAt: at(8 * DAY), updatedAt: at(8 * DAY) });
    expect(health(f, [event({ status: 'in_transit', happenedAt: at(5 * DAY - MIN) })]).state).toBe('in_transit');
    expect(health(f, [event({ status: 'in_transit', happenedAt: at(5 * DAY) })]).state).toBe('in_transit');
    const late = health(f, [event({ status: 'in_transit', happenedAt: at(5 * DAY + MIN) })]);
    expect(late.state).toBe('delayed');
    expect(late.reason).toMatch(/No carrier scan for 5 days \(threshold 5 days\)/);
  });

  it('counts from the fulfillment when there is no scan at all', () => {
    expect(health(fulfillment({ shipmentStatus: null, createdAt: at(5 * DAY + MIN) })).state).toBe('delayed');
    expect(health(fulfillment({ shipmentStatus: null, createdAt: at(5 * DAY - MIN) })).state).toBe('label_created');
  });

  it('goes delayed more than N days past the estimated delivery', () => {
    const eta = (ms: number) => [event({ status: 'in_transit', happenedAt: at(DAY), estimatedDeliveryAt: at(ms) })];
    expect(health(fulfillment(), eta(2 * DAY - MIN)).state).toBe('in_transit');
    expect(health(fulfillment(), eta(2 * DAY)).state).toBe('in_transit');
    const late = health(fulfillment(), eta(2 * DAY + MIN));
    expect(late.state).toBe('delayed');
    expect(late.reason).toMatch(/past the estimated delivery of 2026-11-22/);
  });

  it('reads events in time order whatever order they arrived in', () => {
    const h = health(fulfillment(), [
      event({ status: 'in_transit', happenedAt: at(DAY) }),
      event({ status: 'failure', happenedAt: at(2 * DAY) }),
    ]);
    expect(h.state).toBe('in_transit'); // the failure was older; the parcel moved since
    expect(h.lastEventStatus).toBe('in_transit');
  });

  it('takes the fulfillment’s delivered status when no delivered event came', () => {
    expect(health(fulfillment({ shipmentStatus: 'delivered' }), [event({ status: 'in_transit', happenedAt: at(9 * DAY) })]).state).toBe(
      'delivered',
    );
  });

  it('reports healthy only for moving or delivered parcels', () => {
    expect(health(fulfillment(), [event({ status: 'in_transit', happenedAt: at(DAY) })]).healthy).toBe(true);
    expect(health(fulfillment(), [event({ status: 'failure', happenedAt: at(DAY) })]).healthy).toBe(false);
    expect(health(null).healthy).toBe(false);
  });

  it('gives an order its worst live shipment', () => {
    const a = fulfillment({ id: 'a' });
    const b = fulfillment({ id: 'b', createdAt: at(10 * DAY), updatedAt: at(10 * DAY) });
    const c = fulfillment({ id: 'c', status: 'cancelled' });
    const events = [
      event({ fulfillmentId: 'a', status: 'delivered', happenedAt: at(DAY) }),
      event({ fulfillmentId: 'b', status: 'in_transit', happenedAt: at(9 * DAY) }),
    ];
    expect(orderShipmentHealth(order(), [a, b, c], events, NOW, delay).state).toBe('delayed');
    expect(orderShipmentHealth(order(), [c], [], NOW, delay).state).toBe('unfulfilled');
  });
});
