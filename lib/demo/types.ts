import type { Intent } from '@/lib/domain/types';

// The demo stream's own vocabulary. Kept apart from the builders so the summary code and the
// tests can read it without pulling in the payload factories.

export type DemoEvent =
  | { source: 'shopify'; topic: string; eventId: string; triggeredAt: string /* ISO */; body: Record<string, unknown> }
  | { source: 'gorgias'; eventId: string; at: string; body: { ticket: Record<string, unknown>; message?: Record<string, unknown> } };

export interface DemoOptions {
  shopDomain: string;
  shopName: string;
  gorgiasDomain: string;
  currency?: string;
}

/**
 * What an order in the demo is meant to show. An order carries several (delivered + returned +
 * refunded_partial); the shipment part is exactly one of unfulfilled, on_hold, in_transit, delayed,
 * exception, delivered, unless the order was cancelled.
 */
export const DEMO_ORDER_STATES = [
  'unfulfilled',
  'on_hold',
  'in_transit',
  'delayed',
  'exception',
  'delivered',
  'returned',
  'refunded_full',
  'refunded_partial',
  'cancelled',
  'high_value',
  'final_sale',
] as const;
export type DemoOrderState = (typeof DEMO_ORDER_STATES)[number];

export interface DemoTicketInfo {
  ticketId: string;
  intent: Intent;
  orderName: string | null; // the order the story is about ("#1017"), null when none
  customerEmail: string; // the address the ticket comes from
  showcase: string; // one line for a demo script
}
