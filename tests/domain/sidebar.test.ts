import { describe, expect, it } from 'vitest';
import { buildSidebarJson, sidebarErrorJson, SIDEBAR_TEXT_LIMITS, truncate, type WidgetView } from '@/lib/domain/sidebar';
import { daysAgo, emptyView, minutesAgo, NOW, order, shipment, view } from '../helpers/widget-view-fixture';

type Json = Record<string, unknown>;
const build = (v: WidgetView = view()) => buildSidebarJson(v, NOW);

/** Every value in a JSON tree, with its path. */
function leaves(value: unknown, path = '$'): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  return [[path, value]];
}

/** The key set of every object, recursively, with list elements collapsed to their key sets. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return 'list';
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, shapeOf((value as Json)[k])]),
    );
  return 'leaf';
}

const URL_KEYS = ['widget_url', 'tracking_url', 'admin_url'];

describe('buildSidebarJson: shapes Gorgias can template', () => {
  it('is plain JSON: no undefined, no Date objects, no functions', () => {
    for (const v of [view(), emptyView()]) {
      const json = build(v);
      expect(JSON.parse(JSON.stringify(json))).toEqual(json);
      for (const [path, leaf] of leaves(json)) {
        expect(leaf, path).not.toBeUndefined();
        expect(['string', 'number', 'boolean', 'object'].includes(typeof leaf) && (leaf === null || typeof leaf !== 'object'), path).toBe(
          true,
        );
      }
    }
  });

  it('gives every element of a list the same keys, whatever is missing', () => {
    const json = build();
    for (const list of ['orders', 'open_issues', 'previous_tickets']) {
      const items = json[list as 'orders' | 'open_issues' | 'previous_tickets'];
      expect(items.length, list).toBeGreaterThan(1);
      const keySets = items.map((i) => Object.keys(i).sort().join(','));
      expect(new Set(keySets).size, list).toBe(1);
    }
  });

  it('keeps the same cards and keys for a known customer, an unknown email and an error', () => {
    const full = shapeOf(build());
    expect(shapeOf(build(emptyView()))).toEqual(full);
    expect(shapeOf(sidebarErrorJson('Concord is down', null, NOW))).toEqual(full);
  });

  it('uses snake_case keys that humanise into labels (a leading _ hides a key from the card)', () => {
    for (const [path] of leaves(build())) {
      for (const key of path
        .replace(/\[\d+\]/g, '')
        .split('.')
        .slice(1))
        expect(key, path).toMatch(/^_?[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    }
  });
});

describe('buildSidebarJson: content', () => {
  it('lists the latest order first', () => {
    expect(build().orders.map((o) => o.name)).toEqual(['#1050', '#1043', '#1001']);
    const reversed = view();
    reversed.orders = [...reversed.orders].reverse();
    expect(build(reversed).orders.map((o) => o.name)).toEqual(['#1050', '#1043', '#1001']);
  });

  it('flattens the shipment that needs attention into the order row', () => {
    const o = build().orders.find((x) => x.name === '#1043')!;
    expect(o).toMatchObject({
      shipment: 'Delayed — no carrier scan for 6 days (threshold 5)',
      carrier: 'UPS',
      tracking_number: 'DELAYED1',
      last_event: 'In transit, 6 days ago',
      last_event_at: daysAgo(6).toISOString(),
      estimated_delivery: '2026-11-23T00:00:00.000Z',
      other_shipments: 'UPS DELIVERED1 — delivered',
      total: '$129.00',
      payment: 'Paid',
      fulfillment: 'Fulfilled (2 parcels)',
      cancelled: false,
      items: '1× Merino tee, 2× Wool socks',
      returns: '#1043-R1 (open)',
      refunds: '$20.00 on Nov 18, 2026',
      placed_at: daysAgo(8).toISOString(),
    });
  });

  it('does not repeat the state when the reason already starts with it, and hides the ETA once delivered', () => {
    const o = build().orders.find((x) => x.name === '#1001')!;
    expect(o.shipment).toBe('Delivered 50 days ago');
    expect(o.estimated_delivery).toBeNull();
  });

  it('describes an order with nothing shipped, with null shipment fields', () => {
    const o = build().orders.find((x) => x.name === '#1050')!;
    expect(o).toMatchObject({
      shipment: 'Not shipped yet',
      fulfillment: 'Unfulfilled',
      carrier: null,
      tracking_number: null,
      tracking_url: null,
      last_event: null,
      other_shipments: null,
      admin_url: null,
    });
    const cancelled = build(view({ orders: [order({ cancelled: true, fulfillmentStatus: null, shipments: [] })] })).orders[0];
    expect(cancelled).toMatchObject({ shipment: 'Cancelled', cancelled: true });
  });

  it('fills the ticket card: intent with confidence and top reason, policy, suppression, draft', () => {
    expect(build().ticket).toEqual({
      ticket_id: '86538298',
      intent: 'Where is my order (92%)',
      intent_reason: 'Asks where the order is ("where is my order").',
      policy: 'Human review',
      policy_reason: 'The shipment is delayed past the threshold, so a person should reply.',
      next_step: 'Assign for human review',
      suppressed: true,
      suppression_reason: 'Open delivery delay on #1043',
      draft_preview: 'Hi Jane, Sorry for the wait: your order #1043 is with UPS.',
      draft_check: 'Grounded: every fact is backed',
      _reply_draft: 'Hi Jane,\n\nSorry for the wait: your order #1043 is with UPS.',
    });
  });

  it('carries the whole draft for the reply macro only while it is grounded (issue 20.7)', () => {
    const flagged = view();
    flagged.draftFlags = 2;
    expect(build(flagged).ticket).toMatchObject({ draft_check: '2 flags: check in Concord before sending', _reply_draft: null });
    const long = view();
    long.draftPreview = 'x'.repeat(6_000);
    expect(build(long).ticket._reply_draft).toHaveLength(5_000);
  });

  it('fills the customer card, listing other stores and emails but not the current ones', () => {
    expect(build().customer).toEqual({
      name: 'Jane Doe',
      email: 'jane@example.com',
      other_emails: 'jane.doe@work.example',
      phones: '+15551234567',
      vip: true,
      total_orders: 7,
      total_spent: '$1,240.50',
      other_stores: 'acme-eu.myshopify.com',
    });
  });

  it('lists open issues and previous tickets with readable labels', () => {
    const json = build();
    expect(json.open_issues[0]).toEqual({
      issue: 'Delivery delay',
      reason: 'Order #1043: no carrier scan for 6 days.',
      opened_at: daysAgo(1).toISOString(),
    });
    expect(json.open_issues[1]).toEqual({ issue: 'Refund pending', reason: 'Refund requested 3 days ago.', opened_at: null });
    expect(json.previous_tickets).toEqual([
      {
        ticket_id: '222',
        subject: null,
        status: 'Open',
        intent: null,
        created_at: daysAgo(5).toISOString(),
        channel: null,
        first_message: null,
      },
      {
        ticket_id: '111',
        subject: 'Sizing question',
        status: 'Closed',
        intent: 'Other',
        created_at: daysAgo(90).toISOString(),
        channel: 'Email',
        first_message: 'Do the boots run small? I am usually a 9.',
      },
    ]);
  });

  it('truncates long text with "…" but never a URL or a tracking number', () => {
    const long = 'word '.repeat(200);
    const longUrl = `https://carrier.example/track?n=${'9'.repeat(150)}`;
    const json = build(
      view({
        draftPreview: long,
        verdict: { decision: 'automate', explanation: long, reasons: [], nextStep: 'reply_tracking' },
        openIssues: [{ kind: 'delivery_delay', reason: long, openedAt: null }],
        previousTickets: [{ id: '1', subject: long, status: 'open', intent: 'wismo', createdAt: null }],
        orders: [
          order({
            items: Array.from({ length: 40 }, (_, i) => `1× Item number ${i}`),
            shipments: [shipment({ trackingUrl: longUrl, trackingNumber: 'X'.repeat(70) })],
          }),
        ],
      }),
    );
    const checks: [string | null, number][] = [
      [json.ticket.draft_preview, SIDEBAR_TEXT_LIMITS.paragraph],
      [json.ticket.policy_reason, SIDEBAR_TEXT_LIMITS.paragraph],
      [json.open_issues[0].reason, SIDEBAR_TEXT_LIMITS.line],
      [json.previous_tickets[0].subject, SIDEBAR_TEXT_LIMITS.label],
      [json.orders[0].items, SIDEBAR_TEXT_LIMITS.line],
    ];
    for (const [text, max] of checks) {
      expect(text?.endsWith('…'), String(text)).toBe(true);
      expect(Array.from(text ?? '').length).toBeLessThanOrEqual(max);
    }
    expect(json.orders[0].tracking_url).toBe(longUrl);
    expect(json.orders[0].tracking_number).toBe('X'.repeat(70));
    expect(json.ticket.next_step).toBe('Reply with tracking');
    expect(json.previous_tickets[0].intent).toBe('Where is my order');
  });

  it('keeps URL fields as http(s) URLs and drops anything else to null', () => {
    const json = build();
    const urls = leaves(json).filter(([path]) => URL_KEYS.some((k) => path.endsWith(`.${k}`)));
    expect(urls.length).toBeGreaterThanOrEqual(1 + 2 * 3);
    for (const [path, value] of urls) {
      if (value === null) continue;
      expect(['http:', 'https:'], path).toContain(new URL(value as string).protocol);
    }
    expect(json.widget_url).toBe('https://concord.example/widget/86538298?sig=abc');
    expect(json.orders[1].tracking_url).toMatch(/^https:\/\/www\.ups\.com\//);

    const unsafe = build(
      view({
        widgetUrl: 'javascript:alert(1)',
        orders: [order({ adminUrl: 'not a url', shipments: [shipment({ trackingUrl: 'ftp://x.example/1' })] })],
      }),
    );
    expect(unsafe.widget_url).toBeNull();
    expect(unsafe.orders[0].admin_url).toBeNull();
    expect(unsafe.orders[0].tracking_url).toBeNull();
  });

  it('keeps dates as ISO strings', () => {
    const json = build();
    for (const [path, value] of leaves(json)) {
      if (/(_at|as_of|estimated_delivery)$/.test(path) && value !== null) expect(new Date(value as string).toISOString(), path).toBe(value);
    }
    expect(json.as_of).toBe(minutesAgo(3).toISOString());
  });
});

describe('buildSidebarJson: the unknown customer', () => {
  it('shows empty cards, empty lists and the reason nothing matched', () => {
    const json = build(emptyView());
    expect(json.match).toBe('No Shopify customer uses jane@unknown.example.');
    expect(Object.values(json.customer).every((v) => v === null)).toBe(true);
    expect(json.orders).toEqual([]);
    expect(json.open_issues).toEqual([]);
    expect(json.previous_tickets).toEqual([]);
    expect(json.ticket).toMatchObject({
      ticket_id: null,
      intent: null,
      policy: null,
      suppressed: false,
      suppression_reason: null,
      draft_preview: null,
    });
    expect(json.widget_url).toBe('https://concord.example/widget/86538298?sig=abc');
  });

  it('has a default sentence when no note is given', () => {
    expect(build(view({ match: { status: 'none', by: [], note: null } })).match).toBe('No Shopify customer or order matches this ticket');
  });
});

describe('buildSidebarJson: match and data age', () => {
  it('says how the customer was matched', () => {
    expect(build(view({ match: { status: 'matched', by: ['email', 'order number #1043'], note: null } })).match).toBe(
      'Matched by email, order number #1043',
    );
  });

  it('carries the note of an uncertain match', () => {
    const json = build(
      view({
        match: {
          status: 'uncertain',
          by: ['order number #1043'],
          note: 'The order’s email (j.d@other.example) differs from the ticket’s.',
        },
      }),
    );
    expect(json.match).toBe('Uncertain match by order number #1043: The order’s email (j.d@other.example) differs from the ticket’s.');
    expect(build(view({ match: { status: 'uncertain', by: [], note: null } })).match).toMatch(
      /^Uncertain match: check this is the right customer/,
    );
  });

  it('says how old the data is, with an absolute time that stays true in the stored copy', () => {
    expect(build().data_age).toBe('as of 3 min ago (Nov 20, 2026, 11:57 AM UTC)');
    expect(build(view({ asOf: NOW })).data_age).toBe('as of just now (Nov 20, 2026, 12:00 PM UTC)');
  });

  it('warns when the data is stale', () => {
    const json = build(view({ asOf: new Date(NOW.getTime() - 7 * 3600_000), stale: true }));
    expect(json.data_age).toBe('as of 7 hours ago (Nov 20, 2026, 5:00 AM UTC); may be out of date');
    expect(json.as_of).toBe('2026-11-20T05:00:00.000Z');
  });

  it('says refreshing… when a refresh is under way', () => {
    const json = build(view({ asOf: new Date(NOW.getTime() - 7 * 3600_000), stale: true, refreshing: true }));
    expect(json.data_age).toBe('refreshing… data as of 7 hours ago (Nov 20, 2026, 5:00 AM UTC)');
  });

  it('says updating while events about the customer are received but not applied yet', () => {
    expect(build(view({ updating: 3 })).data_age).toBe(
      'updating: 3 new events for this customer not applied yet; data as of 3 min ago (Nov 20, 2026, 11:57 AM UTC)',
    );
    expect(build(view({ updating: 1 })).data_age).toMatch(/^updating: 1 new event for/);
    expect(build(view({ updating: 0 })).data_age).toBe('as of 3 min ago (Nov 20, 2026, 11:57 AM UTC)');
  });
});

describe('sidebarErrorJson', () => {
  it('answers with what it knows: the message, the link if any, and empty data', () => {
    const json = sidebarErrorJson(
      'Concord stored this ticket event but could not read the data.',
      'https://concord.example/widget/1?sig=x',
      NOW,
    );
    expect(json.notice).toBe('Concord stored this ticket event but could not read the data.');
    expect(json.widget_url).toBe('https://concord.example/widget/1?sig=x');
    expect(json.as_of).toBeNull();
    expect(json.data_age).toBe('not available (Nov 20, 2026, 12:00 PM UTC)');
    expect(json.orders).toEqual([]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('accepts no link and truncates a long message', () => {
    const json = sidebarErrorJson('x'.repeat(500), null, NOW);
    expect(json.widget_url).toBeNull();
    expect(json.notice?.endsWith('…')).toBe(true);
    expect(Array.from(json.notice as string).length).toBe(SIDEBAR_TEXT_LIMITS.paragraph);
  });

  it('normal answers have no notice', () => {
    expect(build().notice).toBeNull();
  });
});

describe('truncate', () => {
  it('collapses whitespace, cuts by code point and marks the cut', () => {
    expect(truncate('  a\n\n b  ', 10)).toBe('a b');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('😀😀😀😀😀', 3)).toBe('😀😀…');
    expect(truncate('   ', 5)).toBeNull();
    expect(truncate(null, 5)).toBeNull();
  });
});

describe('buildSidebarJson: numbers and shipments that are right', () => {
  it('lists every parcel with its carrier, tracking link and state, the one in trouble first', () => {
    const three = order({
      name: '#2001',
      fulfillmentStatus: null,
      shipments: [
        shipment({
          carrier: 'UPS',
          trackingNumber: 'MOVING1',
          trackingUrl: 'https://www.ups.com/track?tracknum=MOVING1',
          state: 'in_transit',
          reason: 'In transit; last scan 2026-11-19.',
        }),
        shipment({
          carrier: 'DHL',
          trackingNumber: 'LOST2',
          trackingUrl: 'https://www.dhl.com/track?id=LOST2',
          state: 'delayed',
          reason: 'No carrier scan for 7 days (threshold 5 days).',
        }),
        shipment({
          carrier: 'USPS',
          trackingNumber: 'OFD3',
          trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=OFD3',
          state: 'out_for_delivery',
          reason: 'Out for delivery.',
        }),
      ],
    });
    const json = build(view({ orders: [three] }));
    expect(json.shipments.map((s) => [s.order, s.carrier, s.tracking_url, s.state])).toEqual([
      ['#2001', 'DHL', 'https://www.dhl.com/track?id=LOST2', 'Delayed — no carrier scan for 7 days (threshold 5 days)'],
      ['#2001', 'USPS', 'https://tools.usps.com/go/TrackConfirmAction?tLabels=OFD3', 'Out for delivery'],
      ['#2001', 'UPS', 'https://www.ups.com/track?tracknum=MOVING1', 'In transit; last scan 2026-11-19'],
    ]);
    const row = json.orders[0];
    expect(row.tracking_number).toBe('LOST2');
    expect(row.other_shipments).toBe('UPS MOVING1 — in transit; USPS OFD3 — out for delivery');
    expect(JSON.stringify(json)).not.toContain('see Concord');
  });

  it('derives the fulfillment from the parcels, not a stale fulfillment_status', () => {
    const two = (over: Partial<WidgetView['orders'][number]>) =>
      build(view({ orders: [order({ fulfillmentStatus: null, shipments: [shipment(), shipment({ trackingNumber: 'B' })], ...over })] }))
        .orders[0].fulfillment;
    expect(two({})).toBe('Shipped (2 parcels)');
    expect(two({ itemsShipped: { shipped: 3, total: 3 } })).toBe('Fulfilled (2 parcels)');
    expect(two({ itemsShipped: { shipped: 1, total: 3 } })).toBe('Partially fulfilled: 1 of 3 items (2 parcels)');
    expect(two({ shipments: [shipment({ state: 'delivered' })] })).toBe('Shipped, delivered (1 parcel)');
    expect(two({ cancelled: true })).toBe('Cancelled');
    expect(two({ shipments: [] })).toBe('Unfulfilled');
  });

  it('merges issues per order and says each reason once', () => {
    const json = build(
      view({
        openIssues: [
          { kind: 'delay', reason: 'No carrier scan for 7 days (threshold 5 days).', openedAt: daysAgo(2), orderName: '#2001' },
          { kind: 'delay', reason: 'No carrier scan for 7 days (threshold 5 days).', openedAt: daysAgo(1), orderName: '#2001' },
          { kind: 'exception', reason: 'Carrier reports failure (2026-11-19).', openedAt: daysAgo(1), orderName: '#2001' },
          { kind: 'return', reason: 'The return is requested.', openedAt: daysAgo(3), orderName: '#1990' },
        ],
        suppression: {
          suppressed: true,
          because: [
            'open delay issue: No carrier scan for 7 days (threshold 5 days).',
            'open delay issue: No carrier scan for 7 days (threshold 5 days).',
          ],
        },
      }),
    );
    expect(json.open_issues).toEqual([
      {
        issue: '#2001: Late parcel, Carrier problem',
        reason: 'No carrier scan for 7 days (threshold 5 days) (×2); Carrier reports failure (2026-11-19).',
        opened_at: daysAgo(2).toISOString(),
      },
      { issue: '#1990: Return', reason: 'The return is requested.', opened_at: daysAgo(3).toISOString() },
    ]);
    expect(json.ticket.suppression_reason).toBe('open delay issue: No carrier scan for 7 days (threshold 5 days) (×2)');
  });
});
