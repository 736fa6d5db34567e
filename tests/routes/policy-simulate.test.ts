import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/admin/policy-simulate/route';
import { PUT } from '@/app/api/admin/settings/route';
import { createSessionToken } from '@/lib/auth/session';
import { ensureShop } from '@/lib/connections/shops';
import { TEST_SECRETS, useTestApp } from '../helpers/app';

const SHOP = 'acme.myshopify.com';
const scenario = {
  now: '2026-11-24T12:00:00Z',
  intent: 'return_exchange',
  message: 'send it back',
  order: {
    id: 1,
    name: '#1',
    created_at: '2026-11-01T10:00:00Z',
    financial_status: 'paid',
    fulfillment_status: 'fulfilled',
    currency: 'USD',
    total_price: '50.00',
    line_items: [],
    fulfillments: [{ id: 2, order_id: 1, status: 'success', shipment_status: 'delivered', created_at: '2026-11-02T10:00:00Z' }],
    refunds: [],
  },
  events: [{ id: 3, fulfillment_id: 2, order_id: 1, status: 'delivered', happened_at: '2026-11-12T10:00:00Z' }],
  customer: { vip: false, refunds_last_90_days: 0 },
};

describe('policy simulator on the settings page', () => {
  const t = useTestApp();
  const admin = () => createSessionToken({ id: 1, email: 'admin@x.test', role: 'admin' }, TEST_SECRETS.SESSION_SECRET, new Date());
  const call = async (route: typeof POST | typeof PUT, method: string, body: unknown, s = admin()) =>
    route(
      new Request('http://concord.test/api/admin/x', {
        method,
        headers: { cookie: `concord_session=${s.token}`, 'x-csrf-token': s.session.csrf, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  it('uses the saved settings, so a changed threshold changes the verdict', async () => {
    await ensureShop(t.get().db, { id: SHOP });
    const before = await (await call(POST, 'POST', { shop: SHOP, scenario })).json();
    expect(before).toMatchObject({ decision: 'automate', next_step: 'create_return' });
    const saved = await call(PUT, 'PUT', { shop: SHOP, settings: { returns: { windowDays: 7 } } });
    expect(saved.status).toBe(200);
    const after = await (await call(POST, 'POST', { shop: SHOP, scenario })).json();
    expect(after).toMatchObject({ decision: 'human_review', next_step: 'assign_human_review' });
    expect(after.reasons.join(' ')).toMatch(/outside the 7-day window/);
  });

  it('rejects a broken scenario with a 400 that says why', async () => {
    const res = await call(POST, 'POST', { shop: SHOP, scenario: { intent: 'teleport' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/intent|now/);
  });
});
