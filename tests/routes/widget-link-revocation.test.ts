import { beforeAll, describe, expect, it } from 'vitest';
import { POST as revokePOST } from '@/app/api/admin/widget-links/revoke/route';
import { POST as intentPOST } from '@/app/api/widget/[ticket]/intent/route';
import { GET as unsentGET, PUT as unsentPUT, DELETE as unsentDELETE } from '@/app/api/widget/[ticket]/unsent/route';
import { POST as draftPOST } from '@/app/api/widget/[ticket]/draft/route';
import { GET as widgetGET } from '@/app/api/widget/[ticket]/route';
import { ensureShop } from '@/lib/connections/shops';
import { tickets } from '@/lib/db/schema';
import { widgetToken } from '@/lib/auth/widget-link';
import { TEST_SECRETS, useTestApp } from '../helpers/app';
import { sessionHeaders } from '../helpers/session';

// Every widget endpoint checks a link the same way (withRoute's 'widget' auth): signature, expiry,
// the ticket it is bound to, and the store's revocation. Before the route wrapper, the intent and
// unsent endpoints checked only the signature, so a revoked link could still write through them.

const SHOP = 'revoke-test.myshopify.com';
const TICKET = '4242';

describe('a revoked widget link is refused by every widget endpoint', () => {
  const t = useTestApp();
  let token = '';

  beforeAll(async () => {
    await ensureShop(t.get().db, { id: SHOP, name: 'Revoke test' });
    await t
      .get()
      .db.insert(tickets)
      .values({ shopId: SHOP, gorgiasTicketId: TICKET, customerEmail: 'jane@example.com', subject: 'Where is my parcel?' });
    token = widgetToken(
      { ticketId: TICKET, shopId: SHOP, agent: 'agent@acme.test' },
      TEST_SECRETS.SESSION_SECRET,
      new Date(Date.now() - 1000),
    );
  });

  const ctx = { params: Promise.resolve({ ticket: TICKET }) };
  const req = (method: string, body?: unknown) =>
    new Request(`http://concord.test/api/widget/${TICKET}`, {
      method,
      headers: { 'x-widget-token': token, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const calls = {
    'GET /api/widget/:ticket': () => widgetGET(req('GET'), ctx),
    'POST /api/widget/:ticket/intent': () => intentPOST(req('POST', { intent: 'wismo' }), ctx),
    'GET /api/widget/:ticket/unsent': () => unsentGET(req('GET'), ctx),
    'PUT /api/widget/:ticket/unsent': () => unsentPUT(req('PUT', { text: 'hello' }), ctx),
    'DELETE /api/widget/:ticket/unsent': () => unsentDELETE(req('DELETE'), ctx),
    'POST /api/widget/:ticket/draft': () => draftPOST(req('POST'), ctx),
  };

  it('works before the revocation', async () => {
    for (const [what, call] of Object.entries(calls)) {
      const res = await call();
      await res.text();
      expect(res.status, what).toBe(200);
    }
  });

  it('answers 401 invalid_widget_link after it, and nothing is written', async () => {
    const revoked = await revokePOST(
      new Request('http://concord.test/api/admin/widget-links/revoke', {
        method: 'POST',
        headers: sessionHeaders('admin', { json: true }),
        body: JSON.stringify({ shop: SHOP }),
      }),
    );
    expect(revoked.status).toBe(200);
    for (const [what, call] of Object.entries(calls)) {
      const res = await call();
      expect(res.status, what).toBe(401);
      const json = await res.json();
      expect(json.error.code, what).toBe('invalid_widget_link');
      expect(json.error.message, what).toContain('revoked');
    }
  });
});
