import { relativeTime } from '@/lib/domain/relative-time';
import { formatDate, formatDateTime, formatMoney } from '@/lib/domain/format';
import { INTENTS, type Intent, type ShipmentState } from '@/lib/domain/types';

// The JSON Concord answers to Gorgias' HTTP integration, which Gorgias renders in the ticket sidebar.
//
// How Gorgias renders it (docs/gorgias.md) shapes every choice here:
// - The first answer generates the widget template, and a list is built from its FIRST element's
//   shape. So every answer has every key (null when unknown, never omitted), every list element has
//   the same keys, and objects are always present (a missing card would vanish from the template).
// - Keys are humanised ("tracking_number" → "Tracking number"), so keys are chosen to read as labels.
// - URL strings become links, ISO dates are formatted, booleans become badges: URLs are never
//   truncated (a cut URL is a broken link) and dates stay ISO strings.
// - Gorgias shows a STORED copy of the answer until the next ticket event, so relative ages
//   ("3 min ago") go stale: each one sits next to an absolute date.

export interface WidgetView {
  asOf: Date;
  stale: boolean;
  refreshing: boolean;
  /** Events about this customer received but not applied yet: the data is being brought up to date. */
  updating?: number;
  /** locale: the store's setting (display.locale); every amount and date of this view is written in it. */
  shop: { id: string; name: string; locale: string };
  match: { status: 'matched' | 'uncertain' | 'none'; by: string[]; note: string | null }; // by: ['email', 'order number #1043']
  customer: {
    name: string | null;
    email: string | null;
    otherEmails: string[];
    phones: string[];
    vip: boolean;
    ordersCount: number;
    totalSpent: string;
    currency: string;
    storesMatched: string[];
  } | null;
  orders: {
    name: string;
    createdAt: Date;
    totalPrice: string;
    currency: string;
    financialStatus: string | null;
    fulfillmentStatus: string | null;
    cancelled: boolean;
    items: string[];
    adminUrl: string | null;
    /** How many of the order's items its live parcels carry (null: contents unknown). */
    itemsShipped?: { shipped: number; total: number } | null;
    shipments: {
      carrier: string | null;
      trackingNumber: string | null;
      trackingUrl: string | null;
      state: ShipmentState;
      reason: string;
      lastEventStatus: string | null;
      lastEventAt: Date | null;
      estimatedDeliveryAt: Date | null;
    }[];
    returns: { name: string | null; status: string }[];
    refunds: { amount: string; createdAt: Date }[];
  }[]; // latest first
  openIssues: { kind: string; reason: string; openedAt: Date | null; orderName?: string | null }[];
  // Tickets Concord saw, and earlier ones read from Gorgias on first sight of the customer.
  previousTickets: {
    id: string;
    subject: string | null;
    status: string;
    intent: string | null;
    createdAt: Date | null;
    channel?: string | null;
    excerpt?: string | null;
  }[];
  ticket: { id: string; intent: Intent | null; confidence: number | null; reasons: string[] } | null;
  /** `taken`: the recommended step was already asked for (queued) or done; the card says so instead of offering it. */
  verdict: {
    decision: 'automate' | 'human_review';
    explanation: string;
    reasons: string[];
    nextStep: string;
    taken?: { status: string; at: Date | string; toldCustomer: boolean } | null;
  } | null;
  suppression: { suppressed: boolean; because: string[] };
  draftPreview: string | null;
  draftFlags?: number | null; // statements in the draft the grounding check could not back
  widgetUrl: string; // signed link to Concord's live widget page
}

// ---------------------------------------------------------------------------------------------
// Output shapes (type aliases, not interfaces, so they are plain JSON records)

export type SidebarCustomerCard = {
  name: string | null;
  email: string | null;
  other_emails: string | null;
  phones: string | null;
  vip: boolean | null;
  total_orders: number | null;
  total_spent: string | null;
  other_stores: string | null;
};

export type SidebarTicketCard = {
  ticket_id: string | null;
  intent: string | null; // "Where is my order (92%)"
  intent_reason: string | null;
  policy: string | null; // "Automate" | "Human review"
  policy_reason: string | null;
  next_step: string | null;
  suppressed: boolean | null;
  suppression_reason: string | null;
  draft_preview: string | null;
  draft_check: string | null; // "Grounded" or "2 flags: check in Concord before sending"
  _reply_draft: string | null; // the whole draft, hidden on the card, read by the reply macro
};

export type SidebarOrderItem = {
  name: string;
  placed_at: string | null;
  total: string;
  payment: string | null;
  fulfillment: string;
  cancelled: boolean;
  items: string | null;
  shipment: string; // "Delayed — no carrier scan for 6 days"
  carrier: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  last_event: string | null; // "In transit, 2 days ago"
  last_event_at: string | null;
  estimated_delivery: string | null;
  other_shipments: string | null;
  returns: string | null;
  refunds: string | null;
  admin_url: string | null;
};

export type SidebarIssueItem = { issue: string; reason: string; opened_at: string | null };

/** One row per parcel of the listed orders, each with its own tracking link (no parcel hidden behind "+N more"). */
export type SidebarShipmentItem = {
  order: string;
  state: string; // "In transit — last scan 2026-11-24"
  carrier: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  last_event: string | null;
  estimated_delivery: string | null;
};

export type SidebarPreviousTicketItem = {
  ticket_id: string;
  subject: string | null;
  status: string;
  intent: string | null;
  created_at: string | null;
  channel: string | null;
  first_message: string | null; // the start of the customer's first message
};

export type SidebarJson = {
  as_of: string | null;
  data_age: string;
  match: string | null;
  notice: string | null; // an error or warning for the agent; null when all is well
  store: string | null;
  widget_url: string | null;
  customer: SidebarCustomerCard;
  ticket: SidebarTicketCard;
  orders: SidebarOrderItem[];
  shipments: SidebarShipmentItem[];
  open_issues: SidebarIssueItem[];
  previous_tickets: SidebarPreviousTicketItem[];
};

// The sidebar is ~300 px wide: long text wraps into walls. These caps keep each row to a line or two.
export const SIDEBAR_TEXT_LIMITS = { label: 60, line: 120, paragraph: 200 } as const;
// The stored copy lives on the customer in Gorgias; the template shows 3 per list anyway.
const MAX_LIST_ITEMS = 10;

const INTENT_LABELS: Record<Intent, string> = {
  wismo: 'Where is my order',
  cancel: 'Cancel order',
  address_change: 'Change address',
  return_exchange: 'Return or exchange',
  refund: 'Refund',
  damaged: 'Damaged item',
  not_received: 'Not received',
  other: 'Other',
};

const NEXT_STEP_LABELS: Record<string, string> = {
  reply_tracking: 'Reply with tracking',
  cancel_order: 'Cancel the order',
  update_address: 'Update the shipping address',
  create_return: 'Create a return',
  create_exchange: 'Create an exchange',
  tag_order: 'Tag the order',
  internal_note: 'Add an internal note',
  reply: 'Tell the customer',
  assign_human_review: 'Assign for human review',
};

const STATE_LABELS: Record<ShipmentState, string> = {
  unfulfilled: 'Not shipped',
  label_created: 'Label created',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  delayed: 'Delayed',
  exception: 'Exception',
};

// Which shipment of an order the flattened row shows: the one an agent must act on first.
const STATE_URGENCY: Record<ShipmentState, number> = {
  exception: 0,
  delayed: 1,
  out_for_delivery: 2,
  in_transit: 3,
  label_created: 4,
  unfulfilled: 5,
  delivered: 6,
};

// ---------------------------------------------------------------------------------------------
// Builders

export function buildSidebarJson(view: WidgetView, now: Date): SidebarJson {
  const orders = [...view.orders].sort((a, b) => time(b.createdAt) - time(a.createdAt)).slice(0, MAX_LIST_ITEMS);
  const previous = [...view.previousTickets].sort((a, b) => time(b.createdAt) - time(a.createdAt)).slice(0, MAX_LIST_ITEMS);
  return {
    as_of: iso(view.asOf),
    data_age: dataAge(view, now),
    match: matchText(view.match),
    notice: null,
    store: truncate(view.shop.name, SIDEBAR_TEXT_LIMITS.label),
    widget_url: httpUrl(view.widgetUrl),
    customer: customerCard(view),
    ticket: ticketCard(view),
    orders: orders.map((o) => orderItem(o, now, view.shop.locale)),
    shipments: shipmentItems(orders, now),
    open_issues: mergedIssues(view.openIssues).slice(0, MAX_LIST_ITEMS),
    previous_tickets: previous.map(previousTicketItem),
  };
}

/**
 * The "answer 200 with what we know" case: Gorgias disables an integration after 100 failures in a
 * row, so a failure still answers with the full shape (a template generated from it stays valid)
 * and says what happened in `notice`.
 */
export function sidebarErrorJson(message: string, widgetUrl: string | null, now: Date): SidebarJson {
  return {
    as_of: null,
    data_age: `not available (${formatDateTime(now)})`,
    match: null,
    notice: truncate(message, SIDEBAR_TEXT_LIMITS.paragraph) ?? 'Concord could not load this customer’s data.',
    store: null,
    widget_url: widgetUrl === null ? null : httpUrl(widgetUrl),
    customer: emptyCustomerCard(),
    ticket: emptyTicketCard(),
    orders: [],
    shipments: [],
    open_issues: [],
    previous_tickets: [],
  };
}

function dataAge(view: WidgetView, now: Date): string {
  const age = `as of ${relativeTime(view.asOf, now)} (${formatDateTime(view.asOf, view.shop.locale)})`;
  if (view.updating)
    return `updating: ${view.updating} new ${view.updating === 1 ? 'event' : 'events'} for this customer not applied yet; data ${age}`;
  if (view.refreshing) return `refreshing… data ${age}`;
  if (view.stale) return `${age}; may be out of date`;
  return age;
}

function matchText(match: WidgetView['match']): string {
  const by = match.by.length > 0 ? ` by ${match.by.join(', ')}` : '';
  const text =
    match.status === 'matched'
      ? `Matched${by}`
      : match.status === 'uncertain'
        ? `Uncertain match${by}: ${match.note ?? 'check this is the right customer before acting'}`
        : (match.note ?? 'No Shopify customer or order matches this ticket');
  return truncate(text, SIDEBAR_TEXT_LIMITS.paragraph) ?? text;
}

function emptyCustomerCard(): SidebarCustomerCard {
  return {
    name: null,
    email: null,
    other_emails: null,
    phones: null,
    vip: null,
    total_orders: null,
    total_spent: null,
    other_stores: null,
  };
}

function customerCard(view: WidgetView): SidebarCustomerCard {
  const c = view.customer;
  if (!c) return emptyCustomerCard();
  return {
    name: truncate(c.name, SIDEBAR_TEXT_LIMITS.label),
    email: c.email,
    other_emails: joined(
      c.otherEmails.filter((e) => e !== c.email),
      SIDEBAR_TEXT_LIMITS.line,
    ),
    phones: joined(c.phones, SIDEBAR_TEXT_LIMITS.line),
    vip: c.vip,
    total_orders: c.ordersCount,
    total_spent: formatMoney(c.totalSpent, c.currency, view.shop.locale),
    other_stores: joined(
      c.storesMatched.filter((s) => s !== view.shop.id),
      SIDEBAR_TEXT_LIMITS.line,
    ),
  };
}

function emptyTicketCard(): SidebarTicketCard {
  return {
    ticket_id: null,
    intent: null,
    intent_reason: null,
    policy: null,
    policy_reason: null,
    next_step: null,
    suppressed: null,
    suppression_reason: null,
    draft_preview: null,
    draft_check: null,
    _reply_draft: null,
  };
}

function ticketCard(view: WidgetView): SidebarTicketCard {
  const t = view.ticket;
  const v = view.verdict;
  return {
    ticket_id: t?.id ?? null,
    intent: t?.intent ? `${INTENT_LABELS[t.intent]}${t.confidence !== null ? ` (${Math.round(t.confidence * 100)}%)` : ''}` : null,
    intent_reason: t?.intent ? truncate(t.reasons[0] ?? null, SIDEBAR_TEXT_LIMITS.line) : null,
    policy: v
      ? v.taken
        ? v.taken.status === 'pending'
          ? 'Queued'
          : 'Done'
        : v.decision === 'automate'
          ? 'Automate'
          : 'Human review'
      : null,
    policy_reason: v ? truncate(v.explanation || v.reasons[0] || null, SIDEBAR_TEXT_LIMITS.paragraph) : null,
    next_step: v ? (v.taken?.toldCustomer ? 'Nothing more to do' : (NEXT_STEP_LABELS[v.nextStep] ?? humanise(v.nextStep))) : null,
    suppressed: view.suppression.suppressed,
    suppression_reason: joined(mergedReasons(view.suppression.because), SIDEBAR_TEXT_LIMITS.paragraph, '; '),
    draft_preview: truncate(view.draftPreview, SIDEBAR_TEXT_LIMITS.paragraph),
    draft_check: draftCheck(view),
    // Whole, for the "Concord: insert reply draft" macro; a flagged draft is not offered to it.
    _reply_draft: view.draftPreview && !view.draftFlags ? view.draftPreview.slice(0, REPLY_DRAFT_LIMIT) : null,
  };
}

const REPLY_DRAFT_LIMIT = 5_000;

function draftCheck(view: WidgetView): string | null {
  if (!view.draftPreview) return null;
  const n = view.draftFlags ?? 0;
  return n === 0 ? 'Grounded: every fact is backed' : `${n} flag${n === 1 ? '' : 's'}: check in Concord before sending`;
}

type ViewOrder = WidgetView['orders'][number];
type ViewShipment = ViewOrder['shipments'][number];

function orderItem(o: ViewOrder, now: Date, locale: string): SidebarOrderItem {
  const shipment = primaryShipment(o.shipments);
  const others = o.shipments.length - (shipment ? 1 : 0);
  return {
    name: truncate(o.name, SIDEBAR_TEXT_LIMITS.label) ?? o.name,
    placed_at: iso(o.createdAt),
    total: formatMoney(o.totalPrice, o.currency, locale),
    payment: o.financialStatus ? humanise(o.financialStatus) : null,
    fulfillment: fulfillmentText(o),
    cancelled: o.cancelled,
    items: joined(o.items, SIDEBAR_TEXT_LIMITS.line),
    shipment: truncate(shipment ? healthText(shipment) : unshippedText(o), SIDEBAR_TEXT_LIMITS.line) ?? '',
    carrier: truncate(shipment?.carrier ?? null, SIDEBAR_TEXT_LIMITS.label),
    tracking_number: shipment?.trackingNumber ?? null,
    tracking_url: shipment?.trackingUrl ? httpUrl(shipment.trackingUrl) : null,
    last_event: shipment ? lastEventText(shipment, now) : null,
    last_event_at: iso(shipment?.lastEventAt ?? null),
    estimated_delivery: shipment && shipment.state !== 'delivered' ? iso(shipment.estimatedDeliveryAt) : null,
    other_shipments: others > 0 ? otherShipmentsText(o.shipments.filter((s) => s !== shipment)) : null,
    returns: joined(
      o.returns.map((r) => `${r.name ?? 'Return'} (${humanise(r.status).toLowerCase()})`),
      SIDEBAR_TEXT_LIMITS.line,
    ),
    refunds: joined(
      o.refunds.map((r) => `${formatMoney(r.amount, o.currency, locale)} on ${formatDate(r.createdAt, locale)}`),
      SIDEBAR_TEXT_LIMITS.line,
    ),
    admin_url: o.adminUrl ? httpUrl(o.adminUrl) : null,
  };
}

/**
 * From the parcels, not from the order payload's fulfillment_status, which an older webhook may
 * have left at null ("Unfulfilled") after two parcels shipped.
 */
function fulfillmentText(o: ViewOrder): string {
  if (o.cancelled) return 'Cancelled';
  const parcels = o.shipments.length;
  if (parcels === 0) return o.fulfillmentStatus ? humanise(o.fulfillmentStatus) : 'Unfulfilled';
  const n = `${parcels} ${parcels === 1 ? 'parcel' : 'parcels'}`;
  const delivered = o.shipments.every((s) => s.state === 'delivered');
  // Parcels that carry none of the order's items mean we don't know their contents: say less.
  if (o.itemsShipped && o.itemsShipped.shipped > 0) {
    if (o.itemsShipped.shipped >= o.itemsShipped.total) return delivered ? `Fulfilled, delivered (${n})` : `Fulfilled (${n})`;
    return `Partially fulfilled: ${o.itemsShipped.shipped} of ${o.itemsShipped.total} items (${n})`;
  }
  if (o.fulfillmentStatus === 'partial') return `Partially fulfilled (${n})`;
  if (o.fulfillmentStatus === 'fulfilled') return delivered ? `Fulfilled, delivered (${n})` : `Fulfilled (${n})`;
  return delivered ? `Shipped, delivered (${n})` : `Shipped (${n})`;
}

/** "DHL 00340434 — in transit; USPS 9400… — delivered": the other parcels, each with its state. */
function otherShipmentsText(others: ViewShipment[]): string | null {
  return joined(
    others.map(
      (s) =>
        `${[s.carrier, s.trackingNumber].filter(Boolean).join(' ') || 'Parcel'} — ${(STATE_LABELS[s.state] ?? humanise(s.state)).toLowerCase()}`,
    ),
    SIDEBAR_TEXT_LIMITS.paragraph,
    '; ',
  );
}

function shipmentItems(orders: ViewOrder[], now: Date): SidebarShipmentItem[] {
  const rows = orders.flatMap((o) =>
    [...o.shipments]
      .sort((a, b) => STATE_URGENCY[a.state] - STATE_URGENCY[b.state] || time(b.lastEventAt) - time(a.lastEventAt))
      .map((s) => ({
        order: truncate(o.name, SIDEBAR_TEXT_LIMITS.label) ?? o.name,
        state: truncate(healthText(s), SIDEBAR_TEXT_LIMITS.line) ?? '',
        carrier: truncate(s.carrier, SIDEBAR_TEXT_LIMITS.label),
        tracking_number: s.trackingNumber,
        tracking_url: s.trackingUrl ? httpUrl(s.trackingUrl) : null,
        last_event: lastEventText(s, now),
        estimated_delivery: s.state !== 'delivered' ? iso(s.estimatedDeliveryAt) : null,
      })),
  );
  return rows.slice(0, MAX_LIST_ITEMS * 2);
}

const ISSUE_LABELS: Record<string, string> = {
  delay: 'Late parcel',
  exception: 'Carrier problem',
  refund: 'Refund requested',
  return: 'Return',
  cancellation: 'Cancellation requested',
  damaged: 'Damaged item',
  not_received: 'Not received',
  support: 'Support',
};

/**
 * One row per order: two late parcels of one order are one problem for the agent. Kinds and
 * distinct reasons are joined; the row is dated by the earliest opening.
 */
function mergedIssues(list: WidgetView['openIssues']): SidebarIssueItem[] {
  const groups = new Map<string, WidgetView['openIssues']>();
  for (const i of list) {
    const key = i.orderName ? `order:${i.orderName}` : `kind:${i.kind}:${i.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  return [...groups.values()].map((g) => {
    const kinds = [...new Set(g.map((i) => ISSUE_LABELS[i.kind] ?? humanise(i.kind)))];
    const reasons = mergedReasons(g.map((i) => i.reason));
    const opened = g.reduce<Date | null>((a, i) => (i.openedAt && (!a || i.openedAt < a) ? i.openedAt : a), null);
    const order = g[0].orderName ? `${g[0].orderName}: ` : '';
    return {
      issue: truncate(`${order}${kinds.join(', ')}`, SIDEBAR_TEXT_LIMITS.label) ?? kinds.join(', '),
      reason: truncate(reasons.join('; '), SIDEBAR_TEXT_LIMITS.line) ?? '',
      opened_at: iso(opened),
    };
  });
}

/** Identical sentences said once, with how many times ("No carrier scan for 6 days (2 parcels)"). */
function mergedReasons(reasons: string[]): string[] {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r.trim(), (counts.get(r.trim()) ?? 0) + 1);
  return [...counts.entries()].map(([r, n]) => (n > 1 ? `${r.replace(/\.$/, '')} (×${n})` : r));
}

function primaryShipment(shipments: ViewShipment[]): ViewShipment | null {
  let best: ViewShipment | null = null;
  for (const s of shipments) {
    if (
      !best ||
      STATE_URGENCY[s.state] < STATE_URGENCY[best.state] ||
      (STATE_URGENCY[s.state] === STATE_URGENCY[best.state] && time(s.lastEventAt) > time(best.lastEventAt))
    ) {
      best = s;
    }
  }
  return best;
}

/** "Delayed — no carrier scan for 6 days", without repeating the state when the reason already says it. */
function healthText(s: ViewShipment): string {
  const label = STATE_LABELS[s.state] ?? humanise(s.state);
  const reason = s.reason.trim().replace(/\.+$/, '');
  if (!reason) return label;
  if (reason.toLowerCase().startsWith(label.toLowerCase())) return capitalise(reason);
  return `${label} — ${decapitalise(reason)}`;
}

function unshippedText(o: ViewOrder): string {
  if (o.cancelled) return 'Cancelled';
  if (o.fulfillmentStatus === 'fulfilled' || o.fulfillmentStatus === 'partial')
    return `${humanise(o.fulfillmentStatus)} — no tracking on file`;
  return 'Not shipped yet';
}

function lastEventText(s: ViewShipment, now: Date): string | null {
  if (!s.lastEventAt || Number.isNaN(s.lastEventAt.getTime())) return s.lastEventStatus ? humanise(s.lastEventStatus) : null;
  const age = relativeTime(s.lastEventAt, now);
  return s.lastEventStatus ? `${humanise(s.lastEventStatus)}, ${age}` : `Last scan ${age}`;
}

function previousTicketItem(t: WidgetView['previousTickets'][number]): SidebarPreviousTicketItem {
  return {
    ticket_id: t.id,
    subject: truncate(t.subject, SIDEBAR_TEXT_LIMITS.label),
    status: humanise(t.status),
    intent: t.intent ? (isIntent(t.intent) ? INTENT_LABELS[t.intent] : humanise(t.intent)) : null,
    created_at: iso(t.createdAt),
    channel: t.channel ? humanise(t.channel) : null,
    first_message: truncate(t.excerpt ?? null, SIDEBAR_TEXT_LIMITS.line),
  };
}

// ---------------------------------------------------------------------------------------------
// Leaf formatting

/** Collapses whitespace (line breaks make tall rows) and cuts at `max` characters with "…". */
export function truncate(text: string | null, max: number): string | null {
  if (text === null) return null;
  // No-break spaces stay: Intl writes them inside amounts and dates ("20,00\u00a0€") to keep them on one line.
  const flat = text.replace(/[^\S\u00a0\u202f]+/g, ' ').trim();
  if (flat === '') return null;
  const chars = Array.from(flat); // by code point: never split an emoji or accented letter in two
  if (chars.length <= max) return flat;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

function joined(values: string[], max: number, separator = ', '): string | null {
  const clean = values.map((v) => v.trim()).filter((v) => v !== '');
  return clean.length === 0 ? null : truncate(clean.join(separator), max);
}

/** Only http(s) URLs: Gorgias turns the string into a link, and anything else would be a broken or unsafe one. */
function httpUrl(value: string): string | null {
  const trimmed = value.trim();
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? trimmed : null;
  } catch {
    return null;
  }
}

function iso(d: Date | null): string | null {
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

function time(d: Date | null): number {
  return d && !Number.isNaN(d.getTime()) ? d.getTime() : Number.NEGATIVE_INFINITY;
}

/** "partially_refunded" → "Partially refunded". */
function humanise(value: string): string {
  return capitalise(value.replace(/[_-]+/g, ' ').trim().toLowerCase());
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "No carrier scan" → "no carrier scan", but "UPS lost it" keeps its acronym. */
function decapitalise(s: string): string {
  return /^[A-Z][A-Z0-9]/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}
