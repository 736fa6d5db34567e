import type { OrderBundle } from './order-consequences';
import type { ShipmentHealth } from './types';

// The widget page's timeline of a ticket's customer: orders, parcels and their scans, refunds,
// returns, earlier tickets and the ticket's own actions, newest first. Pure.

export type TimelineEntry = {
  at: string;
  kind: 'order' | 'shipment' | 'refund' | 'return' | 'ticket' | 'message' | 'issue' | 'action';
  text: string;
};

const ACTION_LABEL: Record<string, string> = {
  reply: 'Reply',
  reply_tracking: 'Tracking reply',
  cancel_order: 'Cancellation',
  update_address: 'Address change',
  create_return: 'Return',
  create_exchange: 'Exchange',
  tag_order: 'Order tag',
  internal_note: 'Internal note',
  assign_human_review: 'Sent to human review',
};
const STATUS_WORD: Record<string, string> = {
  pending: 'queued',
  done: 'done',
  failed: 'failed',
  recorded: 'done (demo: recorded, not sent)',
  shadow: 'shadow mode: not sent',
};

/** "Cancellation by sam@acme.com: done", so the ticket's own actions read in the timeline too. */
function actionTimelineText(a: { kind: string; status: string; actorId: string | null; actorType: string; error: string | null }): string {
  return `${ACTION_LABEL[a.kind] ?? a.kind.replace(/_/g, ' ')} by ${a.actorId ?? a.actorType}: ${STATUS_WORD[a.status] ?? a.status}${a.error ? ` (${a.error})` : ''}`;
}

export function ticketTimeline(input: {
  bundles: { bundle: OrderBundle; health: Map<string, ShipmentHealth> }[];
  previousTickets: { subject: string | null; status: string; intent: string | null; createdAt: Date | null }[];
  actions: { kind: string; status: string; actorId: string | null; actorType: string; error: string | null; createdAt: Date }[];
  now: Date;
}): TimelineEntry[] {
  const { now } = input;
  const timeline: TimelineEntry[] = [];
  for (const { bundle, health } of input.bundles) {
    const o = bundle.order!;
    timeline.push({ at: o.createdAt.toISOString(), kind: 'order', text: `Order ${o.name} placed (${o.totalPrice} ${o.currency})` });
    if (o.cancelledAt)
      timeline.push({
        at: o.cancelledAt.toISOString(),
        kind: 'order',
        text: `Order ${o.name} cancelled${o.cancelReason ? ` (${o.cancelReason})` : ''}`,
      });
    for (const f of bundle.fulfillments) {
      timeline.push({
        at: f.createdAt.toISOString(),
        kind: 'shipment',
        text: `Shipped with ${f.trackingCompany ?? 'carrier'} ${f.trackingNumber ?? ''}`.trim(),
      });
      for (const e of bundle.events.filter((x) => x.fulfillmentId === f.id)) {
        timeline.push({
          at: e.happenedAt.toISOString(),
          kind: 'shipment',
          text: `${e.status.replace(/_/g, ' ')}${e.city ? ` — ${e.city}` : ''}${e.message ? `: ${e.message}` : ''}`,
        });
      }
      const h = health.get(f.id);
      if (h && (h.state === 'delayed' || h.state === 'exception')) timeline.push({ at: now.toISOString(), kind: 'issue', text: h.reason });
    }
    for (const r of bundle.refunds)
      timeline.push({ at: r.createdAt.toISOString(), kind: 'refund', text: `Refund ${r.amount} ${r.currency ?? o.currency}` });
    for (const r of bundle.returns)
      timeline.push({ at: r.updatedAt.toISOString(), kind: 'return', text: `Return ${r.name ?? ''} ${r.status}`.replace(/\s+/g, ' ') });
  }
  for (const t of input.previousTickets)
    if (t.createdAt)
      timeline.push({
        at: t.createdAt.toISOString(),
        kind: 'ticket',
        text: `Ticket “${t.subject ?? 'no subject'}” (${t.intent ?? 'unclassified'}, ${t.status})`,
      });
  for (const a of input.actions) timeline.push({ at: a.createdAt.toISOString(), kind: 'action', text: actionTimelineText(a) });
  timeline.sort((a, b) => b.at.localeCompare(a.at));
  return timeline;
}
