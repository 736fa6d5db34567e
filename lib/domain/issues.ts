import type { Intent, Order, Refund, Return, ShipmentHealth } from './types';

// A customer's open problems ("issues"), keyed so that repeated and out-of-order signals converge.
// Signals are derived from current state (shipment health, returns, refunds, tickets), so
// recomputing them is always safe; applyIssueSignal decides what each one changes.

export const ISSUE_KINDS = ['delay', 'exception', 'refund', 'return', 'cancellation', 'damaged', 'not_received', 'support'] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];

export interface IssueRecord {
  key: string;
  kind: IssueKind;
  status: 'open' | 'resolved';
  openedAt: Date | null;
  resolvedAt: Date | null;
  lastSignalAt: Date;
  reason: string;
  orderId: string | null;
  ticketId: string | null;
  closedBy: 'signal' | 'agent' | null;
}

export interface IssueSignal {
  key: string;
  kind: IssueKind;
  action: 'open' | 'resolve';
  at: Date; // when the underlying fact happened (not when we heard of it)
  reason: string;
  orderId?: string | null;
  ticketId?: string | null;
  by?: 'signal' | 'agent';
}

export type IssueChange = 'opened' | 'resolved' | 'reopened' | 'none';

/**
 * Duplicates change nothing. A resolve that arrives before its open leaves a resolved record (a
 * tombstone), so the late open, being older, is ignored; an open newer than the resolve reopens.
 * An agent's close holds until a signal newer than the close reopens it.
 */
export function applyIssueSignal(current: IssueRecord | null, s: IssueSignal): { record: IssueRecord; changed: IssueChange } {
  const orderId = s.orderId ?? current?.orderId ?? null;
  const ticketId = s.ticketId ?? current?.ticketId ?? null;
  if (!current) {
    const record: IssueRecord =
      s.action === 'open'
        ? {
            key: s.key,
            kind: s.kind,
            status: 'open',
            openedAt: s.at,
            resolvedAt: null,
            lastSignalAt: s.at,
            reason: s.reason,
            orderId,
            ticketId,
            closedBy: null,
          }
        : {
            key: s.key,
            kind: s.kind,
            status: 'resolved',
            openedAt: null,
            resolvedAt: s.at,
            lastSignalAt: s.at,
            reason: s.reason,
            orderId,
            ticketId,
            closedBy: s.by ?? 'signal',
          };
    // A resolve for an issue we never saw open is recorded (tombstone) but is not a change anyone needs to hear about.
    return { record, changed: s.action === 'open' ? 'opened' : 'none' };
  }
  const lastSignalAt = s.at > current.lastSignalAt ? s.at : current.lastSignalAt;
  if (s.action === 'open') {
    // Still open: keep the newest description of the problem (e.g. "no scan for 9 days", not 5).
    if (current.status === 'open')
      return { record: { ...current, lastSignalAt, reason: s.at >= current.lastSignalAt ? s.reason : current.reason }, changed: 'none' };
    if (current.resolvedAt && s.at <= current.resolvedAt) return { record: { ...current, lastSignalAt }, changed: 'none' };
    return {
      record: {
        ...current,
        status: 'open',
        openedAt: s.at,
        resolvedAt: null,
        lastSignalAt,
        reason: s.reason,
        orderId,
        ticketId,
        closedBy: null,
      },
      changed: current.openedAt === null ? 'opened' : 'reopened',
    };
  }
  if (current.status === 'resolved') return { record: { ...current, lastSignalAt }, changed: 'none' };
  if (current.openedAt && s.at < current.openedAt) return { record: { ...current, lastSignalAt }, changed: 'none' }; // an old resolve
  return {
    record: { ...current, status: 'resolved', resolvedAt: s.at, lastSignalAt, reason: s.reason, closedBy: s.by ?? 'signal' },
    changed: 'resolved',
  };
}

/** Delayed -> open a delay issue; exception -> open an exception issue; moving again or delivered -> resolve both. */
export function signalsFromShipment(fulfillmentId: string, orderId: string, health: ShipmentHealth, now: Date): IssueSignal[] {
  // Derived from the shipment's current state, so "now" orders them: a late-arriving delivered
  // scan must still resolve a delay opened after the scan happened.
  const at = now;
  const delay = `delay:${fulfillmentId}`;
  const exception = `exception:${fulfillmentId}`;
  if (health.state === 'delayed') {
    return [
      { key: delay, kind: 'delay', action: 'open', at, reason: health.reason, orderId },
      { key: exception, kind: 'exception', action: 'resolve', at, reason: 'Shipment is no longer in exception.', orderId },
    ];
  }
  if (health.state === 'exception') {
    return [
      { key: exception, kind: 'exception', action: 'open', at, reason: health.reason, orderId },
      { key: delay, kind: 'delay', action: 'resolve', at, reason: 'Carrier reported an exception instead.', orderId },
    ];
  }
  if (health.state === 'unfulfilled') return [];
  const why = health.state === 'delivered' ? 'Delivered.' : 'Carrier scans resumed.';
  return [
    { key: delay, kind: 'delay', action: 'resolve', at, reason: why, orderId },
    { key: exception, kind: 'exception', action: 'resolve', at, reason: why, orderId },
  ];
}

/**
 * A return is an open issue from request until it is closed, declined or cancelled. Dated by its
 * last change, so a return reopened after a cancel opens the issue again.
 */
export function signalsFromReturn(r: Return): IssueSignal[] {
  const done = ['closed', 'declined', 'canceled', 'cancelled'].includes(r.status);
  const name = r.name ? `Return ${r.name}` : 'The return';
  return [
    done
      ? {
          key: `return:${r.id}`,
          kind: 'return',
          action: 'resolve',
          at: r.updatedAt,
          reason: `${name} was ${r.status === 'canceled' ? 'cancelled' : r.status}.`,
          orderId: r.orderId,
        }
      : {
          key: `return:${r.id}`,
          kind: 'return',
          action: 'open',
          at: r.updatedAt,
          reason: `${name} is ${r.status === 'open' ? 'approved and open' : r.status || 'requested'}.`,
          orderId: r.orderId,
        },
  ];
}

/**
 * A refund is the resolution of a money problem, not a problem: it opens nothing on its own, and it
 * resolves the order's refund-request issue (opened by a refund ticket).
 */
export function signalsFromRefund(order: Order, refunds: Refund[]): IssueSignal[] {
  const latest = refunds.reduce<Refund | null>((a, r) => (!a || r.createdAt > a.createdAt ? r : a), null);
  if (!latest) return [];
  return [
    {
      key: `refund:${order.id}`,
      kind: 'refund',
      action: 'resolve',
      at: latest.createdAt,
      reason: `Refunded ${latest.amount} on ${latest.createdAt.toISOString().slice(0, 10)}.`,
      orderId: order.id,
    },
  ];
}

const TICKET_ISSUE: Partial<Record<Intent, IssueKind>> = {
  damaged: 'damaged',
  not_received: 'not_received',
  refund: 'refund',
  return_exchange: 'return',
  cancel: 'cancellation',
};

/**
 * Tickets about risky intents open an issue while the ticket is open; closing the ticket resolves
 * it. Refund tickets key on the order (so a processed refund resolves them too).
 */
export function signalsFromTicket(ticketId: string, orderId: string | null, intent: Intent, ticketStatus: string, at: Date): IssueSignal[] {
  const kind = TICKET_ISSUE[intent];
  if (!kind) return [];
  const key = kind === 'refund' && orderId ? `refund:${orderId}` : `ticket:${ticketId}`;
  const closed = ticketStatus === 'closed';
  return [
    {
      key,
      kind,
      action: closed ? 'resolve' : 'open',
      at,
      reason: closed ? `Ticket ${ticketId} closed.` : `Ticket ${ticketId}: customer reports ${intent.replace(/_/g, ' ')}.`,
      orderId,
      ticketId,
    },
  ];
}
