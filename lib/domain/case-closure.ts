import type { Fulfillment, Order, Refund } from './types';

// When the case around a parcel is over, whatever the carrier says next: the order was cancelled,
// the parcel's items were refunded or shipped again, or the ticket about it was closed as solved
// after the last thing we heard about the parcel. A closed case resolves the parcel's delay and
// exception issues with a reason a person can read, and keeps them from reopening until a newer
// carrier fact arrives (for the ticket case) or at all (cancel, refund, reship).

export interface CaseClosure {
  cause: 'order_cancelled' | 'refunded' | 'reshipped' | 'ticket_solved';
  reason: string;
  at: Date;
}

export interface ClosedTicket {
  id: string;
  closedAt: Date;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Every id in `part` appears in `whole` (and `part` is not empty: unknown contents cover nothing). */
function covered(part: string[] | undefined, whole: Set<string>): boolean {
  return !!part && part.length > 0 && part.every((id) => whole.has(id));
}

export function shipmentCaseClosure(input: {
  order: Order;
  fulfillment: Fulfillment;
  fulfillments: Fulfillment[];
  refunds: Refund[];
  closedTickets: ClosedTicket[];
  /** The newest fact about this parcel (carrier event, status change, fulfillment update). */
  lastShipmentFactAt: Date;
}): CaseClosure | null {
  const { order, fulfillment: f } = input;
  if (order.cancelledAt)
    return { cause: 'order_cancelled', at: order.cancelledAt, reason: `Order ${order.name} was cancelled on ${day(order.cancelledAt)}.` };

  const refunded = new Set(input.refunds.flatMap((r) => r.lineItemIds ?? []));
  if (covered(f.lineItemIds, refunded)) {
    const last = input.refunds
      .filter((r) => (r.lineItemIds ?? []).some((id) => f.lineItemIds?.includes(id)))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    return {
      cause: 'refunded',
      at: last.createdAt,
      reason: `The items in this parcel were refunded (${last.amount}${last.currency ? ` ${last.currency}` : ''} on ${day(last.createdAt)}).`,
    };
  }

  const reship = input.fulfillments
    .filter((g) => g.id !== f.id && g.status.toLowerCase() !== 'cancelled' && g.createdAt > f.createdAt)
    .find((g) => covered(f.lineItemIds, new Set(g.lineItemIds ?? [])));
  if (reship)
    return {
      cause: 'reshipped',
      at: reship.createdAt,
      reason: `The items were shipped again in ${reship.name ?? `fulfillment ${reship.id}`} on ${day(reship.createdAt)}.`,
    };

  const solved = input.closedTickets
    .filter((t) => t.closedAt > input.lastShipmentFactAt)
    .sort((a, b) => b.closedAt.getTime() - a.closedAt.getTime())[0];
  if (solved)
    return {
      cause: 'ticket_solved',
      at: solved.closedAt,
      reason: `Ticket ${solved.id} about this order was closed as solved on ${day(solved.closedAt)}.`,
    };
  return null;
}

/** The newest thing we know about a parcel: its last carrier event, status change or update. */
export function lastShipmentFact(f: Fulfillment, eventTimes: Date[]): Date {
  return [f.updatedAt, f.shipmentStatusAt ?? null, ...eventTimes].reduce<Date>((a, b) => (b && b > a ? b : a), f.createdAt);
}
