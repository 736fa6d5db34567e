import { describe, expect, it } from 'vitest';
import { lastShipmentFact, shipmentCaseClosure } from '@/lib/domain/case-closure';
import { staleIssues } from '@/lib/domain/stale-issues';
import type { IssueRecord } from '@/lib/domain/issues';
import type { Refund } from '@/lib/domain/types';
import { DAY, NOW, at, event, fulfillment, order } from '../helpers/domain';

const parcel = fulfillment({ id: 'f1', createdAt: at(9 * DAY), updatedAt: at(9 * DAY), shipmentStatus: null, lineItemIds: ['li1', 'li2'] });
const refund = (r: Partial<Refund>): Refund => ({
  id: 'r1',
  orderId: '1001',
  createdAt: at(DAY),
  amount: '120.00',
  currency: 'USD',
  note: null,
  lineItemIds: [],
  ...r,
});
const base = {
  order: order(),
  fulfillment: parcel,
  fulfillments: [parcel],
  refunds: [] as Refund[],
  closedTickets: [],
  lastShipmentFactAt: parcel.updatedAt,
};

describe('shipmentCaseClosure', () => {
  it('no closure while nothing ended the case', () => {
    expect(shipmentCaseClosure(base)).toBeNull();
  });

  it('a cancelled order closes it', () => {
    const c = shipmentCaseClosure({ ...base, order: order({ cancelledAt: at(2 * DAY) }) });
    expect(c).toMatchObject({ cause: 'order_cancelled', reason: 'Order #1001 was cancelled on 2026-11-22.' });
  });

  it('a refund of every item in the parcel closes it; a refund of some of them does not', () => {
    expect(shipmentCaseClosure({ ...base, refunds: [refund({ lineItemIds: ['li1'] })] })).toBeNull();
    const c = shipmentCaseClosure({
      ...base,
      refunds: [refund({ lineItemIds: ['li1'] }), refund({ id: 'r2', lineItemIds: ['li2'], amount: '30.00', createdAt: at(DAY / 2) })],
    });
    expect(c).toMatchObject({ cause: 'refunded', reason: 'The items in this parcel were refunded (30.00 USD on 2026-11-24).' });
  });

  it('a refund without line items (shipping, goodwill) is not a refund of the parcel', () => {
    expect(shipmentCaseClosure({ ...base, refunds: [refund({ lineItemIds: [] })] })).toBeNull();
  });

  it('a parcel whose contents are unknown is never closed by a refund or reship', () => {
    const unknown = fulfillment({ id: 'f1', lineItemIds: [] });
    const again = fulfillment({ id: 'f2', createdAt: at(DAY), lineItemIds: ['li1'] });
    expect(
      shipmentCaseClosure({ ...base, fulfillment: unknown, fulfillments: [unknown, again], refunds: [refund({ lineItemIds: ['li1'] })] }),
    ).toBeNull();
  });

  it('a later fulfillment of the same items (a reship) closes it; a cancelled one or an earlier one does not', () => {
    const reship = fulfillment({ id: 'f2', name: '#1001.2', createdAt: at(DAY), lineItemIds: ['li1', 'li2', 'li3'] });
    expect(shipmentCaseClosure({ ...base, fulfillments: [parcel, reship] })).toMatchObject({
      cause: 'reshipped',
      reason: 'The items were shipped again in #1001.2 on 2026-11-23.',
    });
    expect(shipmentCaseClosure({ ...base, fulfillments: [parcel, { ...reship, status: 'cancelled' }] })).toBeNull();
    expect(shipmentCaseClosure({ ...base, fulfillments: [parcel, { ...reship, createdAt: at(10 * DAY) }] })).toBeNull();
  });

  it('a ticket closed after the last parcel fact closes it; news about the parcel after the close reopens the question', () => {
    const closedTickets = [{ id: 'T9', closedAt: at(DAY) }];
    expect(shipmentCaseClosure({ ...base, closedTickets })).toMatchObject({
      cause: 'ticket_solved',
      reason: 'Ticket T9 about this order was closed as solved on 2026-11-23.',
    });
    expect(shipmentCaseClosure({ ...base, closedTickets, lastShipmentFactAt: at(DAY / 2) })).toBeNull();
  });

  it('the last fact is the newest of the update, the status change and the carrier events', () => {
    const f = fulfillment({ createdAt: at(9 * DAY), updatedAt: at(8 * DAY), shipmentStatusAt: at(3 * DAY) });
    expect(lastShipmentFact(f, [at(5 * DAY)])).toEqual(at(3 * DAY));
    expect(lastShipmentFact(f, [event({ status: 'in_transit', happenedAt: at(DAY) }).happenedAt])).toEqual(at(DAY));
  });
});

describe('staleIssues', () => {
  const issue = (i: Partial<IssueRecord>): IssueRecord & { customerEmail: string | null } => ({
    key: 'delay:f1',
    kind: 'delay',
    status: 'open',
    openedAt: at(20 * DAY),
    resolvedAt: null,
    lastSignalAt: at(20 * DAY),
    reason: 'No carrier scan for 20 days.',
    orderId: '1001',
    ticketId: null,
    closedBy: null,
    customerEmail: 'sam@example.com',
    ...i,
  });

  it('lists open issues older than the threshold with no signal since, quietest first', () => {
    const list = [
      issue({ key: 'a', lastSignalAt: at(15 * DAY) }),
      issue({ key: 'b' }),
      issue({ key: 'recent-signal', lastSignalAt: at(2 * DAY) }),
      issue({ key: 'young', openedAt: at(5 * DAY), lastSignalAt: at(5 * DAY) }),
      issue({ key: 'resolved', status: 'resolved', resolvedAt: at(DAY) }),
    ];
    const stale = staleIssues(list, NOW, 14);
    expect(stale.map((s) => s.key)).toEqual(['b', 'a']);
    expect(stale[0]).toMatchObject({ openDays: 20, quietDays: 20, customerEmail: 'sam@example.com' });
  });
});
