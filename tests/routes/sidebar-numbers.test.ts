import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as widgetRoute } from '@/app/api/gorgias/widget/route';
import { PUT as settingsPUT } from '@/app/api/admin/settings/route';
import { defaultSettings } from '@/lib/domain/settings';
import { sessionHeaders } from '../helpers/session';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { loadWidgetPageData } from '@/lib/ticket-context/load-widget-page';
import { OrderCard } from '@/components/widget/order-card';
import type { WidgetJson } from '@/components/widget/api';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { ensureShop } from '@/lib/connections/shops';
import type { SidebarJson } from '@/lib/domain/sidebar';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext } from '../helpers/builders';

// The sidebar's numbers from Shopify's real payloads: the published orders/create sample's customer
// has no orders_count or total_spent, so the count and spend must come from the orders Concord holds.
const SHOP = 'acme.myshopify.com';
const sample = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/shopify/published/orders_create.json'), 'utf8');
const fulfillmentSample = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/shopify/published/fulfillments_update.json'), 'utf8');
const recent = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();

function orderBody(id: number, name: string, total: string, at: string) {
  return sample
    .replace('"id": 820982911946154500', `"id": ${id}`)
    .replace('"name": "#9999"', `"name": "${name}"`)
    .replace('"cancel_reason": "customer"', '"cancel_reason": null')
    .replace('"cancelled_at": "2021-12-31T19:00:00-05:00"', '"cancelled_at": null')
    .replace('"total_price": "388.00"', `"total_price": "${total}"`)
    .replaceAll('"2021-12-31T19:00:00-05:00"', `"${at}"`)
    .replaceAll('jon@example.com', 'john@example.com');
}

describe('sidebar numbers from the orders Concord holds', () => {
  const t = useTestApp();
  let json: SidebarJson;
  let eid = 0;
  const hook = async (topic: string, body: string) =>
    expect((await shopifyPOST(shopifyRequest(body, { topic, eventId: `n-${++eid}` }))).status).toBe(200);

  beforeAll(async () => {
    await ensureShop(t.get().db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
    await hook('orders/create', orderBody(9101, '#3101', '600.00', recent(9)));
    await hook('orders/create', orderBody(9102, '#3102', '450.00', recent(6)));
    // Two parcels of #3102 arrive through fulfillments/create; the order payload still says fulfillment_status null.
    for (const [fid, tracking, status] of [
      [501, 'UPS111', 'in_transit'],
      [502, 'UPS222', 'out_for_delivery'],
    ] as const) {
      const f = JSON.parse(fulfillmentSample.replace('"order_id": 820982911946154508', '"order_id": 9102'));
      Object.assign(f, {
        id: fid,
        status: 'success',
        tracking_number: tracking,
        tracking_numbers: [tracking],
        tracking_url: `https://www.ups.com/track?tracknum=${tracking}`,
        shipment_status: status,
        created_at: recent(5),
        updated_at: recent(0.5),
      });
      await hook('fulfillments/create', JSON.stringify(f));
    }
    await drainInbox(t.get().db);
    json = await sidebar();
  });
  const sidebar = async () => {
    const res = await widgetRoute(
      new Request('http://concord.test/api/gorgias/widget', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify(gorgiasContext({ ticketId: 7001, email: 'john@example.com', text: 'Where is my order #3102?' })),
      }),
    );
    return (await res.json()) as SidebarJson;
  };

  const putSettings = (settings: unknown) =>
    settingsPUT(
      new Request('http://concord.test/api/admin/settings', {
        method: 'PUT',
        headers: sessionHeaders('admin', { json: true }),
        body: JSON.stringify({ shop: SHOP, settings }),
      }),
    );

  it('writes money and dates in the store locale an admin sets (20.9)', async () => {
    expect(json.orders.find((o) => o.name === '#3102')!.total).toBe('$450.00');
    const settings = { ...defaultSettings(), display: { locale: 'de-DE' } };
    const saved = await putSettings(settings);
    expect(saved.status).toBe(200);
    const german = await sidebar();
    expect(german.customer.total_spent).toBe('1.050,00\u00a0$');
    expect(german.orders.find((o) => o.name === '#3102')!.total).toBe('450,00\u00a0$');
    // The widget page (Concord's own tab) writes the same: its order card, rendered as the page renders it.
    const page = JSON.parse(
      JSON.stringify(await loadWidgetPageData(t.get().db, t.get().config, { ticketId: '7001', shopId: SHOP }, new Date())),
    ) as WidgetJson;
    expect(page.view.shop.locale).toBe('de-DE');
    const card = renderToString(createElement(OrderCard, { data: page }));
    expect(card).toContain('450,00\u00a0$');
    expect(card).not.toContain('$450.00');
    expect(german.data_age).toMatch(/\(\d{1,2}\. [A-Z][a-zä]{2,3}\.? 20\d\d, \d\d:\d\d UTC\)/); // "2. Dez. 2026, 18:40 UTC"
    const back = await putSettings(defaultSettings());
    expect(back.status).toBe(200);
  });

  it('counts and sums the held orders, so VIP-by-spend (1000.00) fires without an Admin API refresh', () => {
    expect(json.customer).toMatchObject({ total_orders: 2, total_spent: '$1,050.00', vip: true });
  });

  it('lists both parcels with their tracking links, and the order reads as shipped', () => {
    expect(json.shipments.filter((s) => s.order === '#3102').map((s) => [s.tracking_number, s.tracking_url])).toEqual([
      ['UPS222', 'https://www.ups.com/track?tracknum=UPS222'],
      ['UPS111', 'https://www.ups.com/track?tracknum=UPS111'],
    ]);
    const row = json.orders.find((o) => o.name === '#3102')!;
    // The sample parcels' line items are not this order's, so their contents are unknown: "Shipped".
    expect(row.fulfillment).toBe('Shipped (2 parcels)');
  });
});
