import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import { eq } from 'drizzle-orm';
import { renderToString } from 'react-dom/server';
import type { ReactElement } from 'react';
import { POST as widgetEventPOST } from '@/app/api/gorgias/widget/route';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { POST as teachPOST } from '@/app/api/admin/review/[id]/teach/route';
import { drafts } from '@/lib/db/schema';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { generateTicketDraft } from '@/lib/drafts/draft-ticket-reply';
import { ensureShop } from '@/lib/connections/shops';
import { loadDraftReview } from '@/lib/review/load-draft-review';
import { acceptanceBy } from '@/lib/domain/draft-review';
import { createSessionToken } from '@/lib/auth/session';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext, shopifyFulfillment, shopifyOrder } from '../helpers/builders';
import { sessionHeaders } from '../helpers/session';
import { completions, sse, streamOf, testOpenAI, type SeenRequest } from '../helpers/openai-sse';

// Issue 17.8, end to end: a lead teaches an agent's reply; the next ticket of that intent is drafted
// with it (the template text without a model, a few-shot example with one), under a new version, and
// the lead's review shows acceptance for both versions side by side.

const jar = vi.hoisted(() => ({ token: null as string | null }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (name === 'concord_session' && jar.token ? { name, value: jar.token } : undefined) }),
  headers: async () => new Headers(),
}));
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  useRouter: () => ({ push: () => {}, refresh: () => {} }),
}));

const SHOP = 'acme.myshopify.com';
const now = Date.now();
const ago = (hours: number) => new Date(now - hours * 3600_000).toISOString();

const server = setupServer();
let seen: SeenRequest[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

async function customer(
  db: Parameters<typeof drainInbox>[0],
  c: { email: string; first: string; last: string; orderId: number; number: number; tracking: string; ticket: number; message: number },
) {
  const hook = (topic: string, body: unknown, id: string) =>
    shopifyPOST(shopifyRequest(JSON.stringify(body), { topic, shop: SHOP, eventId: id }));
  await hook(
    'orders/create',
    shopifyOrder({
      email: c.email,
      customerId: c.orderId,
      firstName: c.first,
      id: c.orderId,
      number: c.number,
      createdAt: ago(48),
      fulfillmentStatus: 'fulfilled',
    }),
    `o${c.orderId}`,
  );
  await hook(
    'fulfillments/create',
    shopifyFulfillment({
      id: c.orderId + 100,
      orderId: c.orderId,
      createdAt: ago(20),
      shipmentStatus: 'in_transit',
      trackingNumber: c.tracking,
    }),
    `f${c.orderId}`,
  );
  await drainInbox(db);
  const res = await widgetEventPOST(
    new Request('http://concord.test/api/gorgias/widget', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
      body: JSON.stringify(
        gorgiasContext({
          ticketId: c.ticket,
          messageId: c.message,
          email: c.email,
          name: `${c.first} ${c.last}`,
          text: `Hi, where is my order #${c.number}? Thanks`,
        }),
      ),
    }),
  );
  expect(res.status).toBe(200);
  await drainInbox(db);
}

describe('teach this closes the loop', () => {
  const t = useTestApp();
  const JANE = {
    email: 'jane@example.com',
    first: 'Jane',
    last: 'Doe',
    orderId: 101,
    number: 1001,
    tracking: '1ZJANE00000001',
    ticket: 8001,
    message: 81,
  };
  const BOB = {
    email: 'bob@example.com',
    first: 'Bob',
    last: 'Stone',
    orderId: 102,
    number: 1002,
    tracking: '1ZBOB000000002',
    ticket: 8002,
    message: 82,
  };
  let taughtDraftId = 0;
  let baseVersion = '';
  let baseTemplate = '';

  beforeAll(async () => {
    const db = t.get().db;
    await ensureShop(db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
    await customer(db, JANE);
    await customer(db, BOB);
  });

  const draftFor = async (ticket: number, openai: ReturnType<typeof testOpenAI> | null) => {
    const { db, config } = t.get();
    const r = await generateTicketDraft(
      db,
      { openai, model: 'gpt-test', config },
      { shopId: SHOP, ticketShopId: SHOP, ticketId: String(ticket), messageId: null, now: new Date(), allowAutoReply: false },
    );
    const [row] = await db.select().from(drafts).where(eq(drafts.id, r.draftId));
    return row;
  };

  it('drafts Jane’s ticket from the built-in template, and a lead teaches the agent’s rewrite', async () => {
    const db = t.get().db;
    const first = await draftFor(JANE.ticket, null);
    expect(first.source).toBe('template');
    baseVersion = first.promptVersion!;
    baseTemplate = first.templateId!;
    expect(baseVersion).toBe('templates.v1');
    expect(first.output).toContain('#1001');
    // The agent rewrote it in the store's own voice and sent it (recorded from Gorgias like any sent reply).
    const sent = `Hey Jane!\n\nYour order #1001 is on the move with UPS (tracking 1ZJANE00000001): https://www.ups.com/track?tracknum=1ZJANE00000001\n\nAny trouble at all, hit reply and we're on it.\n\nCheers,\nThe Acme crew`;
    await db
      .update(drafts)
      .set({ status: 'sent', sentText: sent, sentAt: new Date(), sentBy: 'sam@acme.test' })
      .where(eq(drafts.id, first.id));
    taughtDraftId = first.id;
    const res = await teachPOST(
      new Request(`http://concord.test/api/admin/review/${first.id}/teach`, { method: 'POST', headers: sessionHeaders('lead') }),
      { params: Promise.resolve({ id: String(first.id) }) },
    );
    expect(res.status).toBe(200);
  });

  it('without a model, Bob’s draft is the taught reply filled with Bob’s facts, grounded, under a new version', async () => {
    const d = await draftFor(BOB.ticket, null);
    expect(d.source).toBe('template');
    expect(d.output).toBe(
      `Hey Bob!\n\nYour order #1002 is on the move with UPS (tracking 1ZBOB000000002): https://www.ups.com/track?tracknum=1ZBOB000000002\n\nAny trouble at all, hit reply and we're on it.\n\nCheers,\nThe Acme crew`,
    );
    expect(d.output).not.toMatch(/Jane|1001|1ZJANE/);
    expect(d.grounding).toEqual({ ok: true, spans: [] });
    expect(d.templateId).toMatch(new RegExp(`^${baseTemplate.replace(/\./g, '\\.')}\\+taught\\.\\d+$`));
    expect(d.promptVersion).toMatch(/^templates\.v1\+taught\.[0-9a-f]{8}$/);
    expect(d.promptVersion).not.toBe(baseVersion);
  });

  it('with a model, the request carries the example with Jane’s facts replaced by placeholders, and the version says so', async () => {
    const reply = 'Hey Bob!\n\nYour order #1002 is on the move with UPS.\n\nCheers,\nThe Acme crew';
    server.use(completions(seen, () => sse(streamOf([reply]))));
    const d = await draftFor(BOB.ticket, testOpenAI(5_000));
    expect(d.source).toBe('model');
    expect(seen).toHaveLength(1);
    const messages = (seen[0].body as { messages: { role: string; content: string }[] }).messages;
    const system = messages.find((m) => m.role === 'system')!.content;
    expect(system).toContain('EXAMPLES FROM THIS STORE');
    expect(system).toContain('Hey {first_name}!');
    expect(system).toContain('Your order {order_number} is on the move with {carrier} (tracking {tracking_number}): {tracking_url}');
    // Nothing of Jane's reaches Bob's prompt.
    expect(JSON.stringify(messages)).not.toMatch(/Jane|1001|1ZJANE/);
    expect(d.promptVersion).toMatch(/^draft-reply\.v\d+\+taught\.[0-9a-f]{8}$/);
  });

  it('the review shows acceptance for the version before and after teaching', async () => {
    const db = t.get().db;
    // Bob's taught template draft goes out unchanged.
    const [taught] = await db.select().from(drafts).where(eq(drafts.source, 'template')).orderBy(drafts.id);
    const bobTemplate = (
      await db
        .select()
        .from(drafts)
        .where(eq(drafts.ticketId, String(BOB.ticket)))
    ).find((d) => d.source === 'template')!;
    expect(taught.id).toBe(taughtDraftId);
    await db
      .update(drafts)
      .set({ status: 'sent', sentText: bobTemplate.output, sentAt: new Date(), sentBy: 'sam@acme.test' })
      .where(eq(drafts.id, bobTemplate.id));
    const { items } = await loadDraftReview(db, { shopId: SHOP });
    const rows = acceptanceBy(items, (i) => i.version);
    expect(rows.find((r) => r.key === `template:${baseTemplate}`)).toMatchObject({ total: 1, accepted: 0, unchanged: 0 });
    expect(rows.find((r) => r.key === `template:${bobTemplate.templateId}`)).toMatchObject({
      total: 1,
      accepted: 1,
      unchanged: 1,
      rate: 1,
    });

    jar.token = createSessionToken({ id: 2, email: 'lead@concord.test', role: 'lead' }, TEST_SECRETS.SESSION_SECRET, new Date()).token;
    try {
      const Page = (await import('@/app/admin/review/page')).default as (p: unknown) => Promise<ReactElement>;
      const html = renderToString(await Page({ searchParams: Promise.resolve({}) })).replace(/<!-- -->/g, '');
      const table = html.slice(html.indexOf('Acceptance by prompt version'));
      expect(table).toContain(`template:${baseTemplate}<`);
      expect(table).toContain(`template:${bobTemplate.templateId}<`);
      expect(table).toContain('+taught.');
    } finally {
      jar.token = null;
    }
  });
});
