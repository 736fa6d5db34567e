import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { and, eq } from 'drizzle-orm';
import { POST as widgetEventPOST } from '@/app/api/gorgias/widget/route';
import { customerHistory, outbox } from '@/lib/db/schema';
import { ensureShop } from '@/lib/connections/shops';
import { GorgiasClient } from '@/lib/integrations/gorgias/client';
import { ExternalApiError } from '@/lib/integrations/http';
import { buildExecutors } from '@/lib/effects/build-outbox-deps';
import { runOutboxOnce } from '@/lib/outbox/run-outbox';
import { FETCH_CUSTOMER_HISTORY, fetchCustomerHistory, fetchCustomerHistoryPayload } from '@/lib/ticket-context/fetch-customer-history';
import { loadWidgetPageData } from '@/lib/ticket-context/load-widget-page';
import { TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext } from '../helpers/builders';

// Issue 17.9: on first sight of a customer, Concord reads their earlier Gorgias tickets through the
// outbox, within Gorgias's rate limit, and shows them in the sidebar and on the widget page.
// The stand-in answers in the shapes of Gorgias's API reference: the list envelope
// { object: 'list', uri, data, meta: { prev_cursor, next_cursor } }, Ticket objects as in "The Ticket
// object" example (naive UTC datetimes, spam flag, channel, status), TicketMessage objects as in
// "List messages" (body_text, from_agent, created_datetime).

const BASE = 'https://acme.gorgias.com';
const SHOP = 'acme.myshopify.com';
const EMAIL = 'marie@example.com';
const TICKET = 9001;
const CUSTOMER_ID = String(5000 + TICKET); // gorgiasContext's customer id

const server = setupServer();
let seen: URL[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

const client = () => new GorgiasClient({ baseUrl: BASE, email: 'api@acme.com', apiKey: 'key-123', timeoutMs: 2000 });

function ticketObject(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    uri: `/api/tickets/${id}/`,
    external_id: null,
    status: 'closed',
    priority: 'normal',
    channel: 'email',
    via: 'email',
    spam: false,
    from_agent: false,
    customer: { id: Number(CUSTOMER_ID), email: EMAIL, name: 'Marie Curie', firstname: 'Marie', lastname: 'Curie' },
    assignee_user: null,
    assignee_team: null,
    language: 'en',
    subject: `Subject ${id}`,
    meta: null,
    tags: [],
    messages: [],
    created_datetime: '2026-03-02T10:15:00.123456',
    updated_datetime: '2026-03-03T08:00:00.000000',
    closed_datetime: '2026-03-03T08:00:00.000000',
    ...over,
  };
}

function messageObject(ticketId: number, body: string, over: Record<string, unknown> = {}) {
  return {
    id: ticketId * 10,
    uri: `/api/messages/${ticketId * 10}`,
    ticket_id: ticketId,
    channel: 'email',
    via: 'email',
    from_agent: false,
    sender: { id: Number(CUSTOMER_ID), email: EMAIL, name: 'Marie Curie' },
    body_text: body,
    body_html: `<p>${body}</p>`,
    stripped_text: body,
    attachments: [],
    created_datetime: '2026-03-02T10:15:00.123456',
    sent_datetime: null,
    ...over,
  };
}

const list = (uri: string, data: unknown[]) => ({ object: 'list', uri, data, meta: { prev_cursor: null, next_cursor: null } });

/** Gorgias with three earlier tickets for Marie (one spam), plus the ticket that brought her in. */
function gorgiasStandIn(opts: { callLimit?: string; ticketsCarryMessages?: boolean } = {}) {
  const headers = { 'X-Gorgias-Account-Api-Call-Limit': opts.callLimit ?? '3/40' };
  server.use(
    http.get(`${BASE}/api/tickets`, ({ request }) => {
      const url = new URL(request.url);
      seen.push(url);
      if (url.searchParams.get('customer_id') !== CUSTOMER_ID) return HttpResponse.json(list('/api/tickets', []), { headers });
      const carried = (id: number, body: string) => (opts.ticketsCarryMessages ? { messages: [messageObject(id, body)] } : {});
      return HttpResponse.json(
        list('/api/tickets', [
          ticketObject(TICKET, { status: 'open', subject: 'Where is my order?', created_datetime: '2026-11-24T09:00:00' }),
          ticketObject(812, {
            subject: 'Wrong size',
            channel: 'chat',
            created_datetime: '2026-09-10T14:00:00',
            ...carried(812, 'The boots are too small, can I swap them?'),
          }),
          ticketObject(811, { subject: 'WIN A PRIZE', spam: true, created_datetime: '2026-06-01T14:00:00' }),
          ticketObject(810, {
            subject: 'Gift wrap',
            status: 'closed',
            created_datetime: '2026-03-02T10:15:00.123456',
            ...carried(810, 'Hello,\n\nCan you gift wrap order #1002?\n\nThanks, Marie'),
          }),
        ]),
        { headers },
      );
    }),
    http.get(`${BASE}/api/messages`, ({ request }) => {
      const url = new URL(request.url);
      seen.push(url);
      const id = Number(url.searchParams.get('ticket_id'));
      const body = id === 812 ? 'The boots are too small, can I swap them?' : 'Hello,\n\nCan you gift wrap order #1002?\n\nThanks, Marie';
      return HttpResponse.json(list('/api/messages', [messageObject(id, body)]), { headers });
    }),
    http.get(`${BASE}/api/customers`, ({ request }) => {
      const url = new URL(request.url);
      seen.push(url);
      const found =
        url.searchParams.get('email') === EMAIL ? [{ id: Number(CUSTOMER_ID), email: EMAIL, name: 'Marie Curie', channels: [] }] : [];
      return HttpResponse.json(list('/api/customers', found), { headers });
    }),
  );
}

async function ticketEvent(ticketId: number, messageId: number, text: string) {
  const res = await widgetEventPOST(
    new Request('http://concord.test/api/gorgias/widget', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
      body: JSON.stringify(gorgiasContext({ ticketId, messageId, email: EMAIL, name: 'Marie Curie', text })),
    }),
  );
  expect(res.status).toBe(200);
  return res.json();
}

describe('previous conversations from Gorgias', () => {
  const t = useTestApp();

  beforeAll(async () => {
    await ensureShop(t.get().db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
  });

  it('queues one history read, through the outbox, on first sight of the customer only', async () => {
    const db = t.get().db;
    await ticketEvent(TICKET, 91, 'Where is my order? It has been ten days.');
    await ticketEvent(TICKET, 92, 'Any news?'); // the same ticket again
    const queued = await db.select().from(outbox).where(eq(outbox.kind, FETCH_CUSTOMER_HISTORY));
    expect(queued).toHaveLength(1);
    expect(fetchCustomerHistoryPayload.parse(queued[0].payload)).toEqual({
      email: EMAIL,
      gorgiasCustomerId: CUSTOMER_ID,
      ticketId: String(TICKET),
    });
    expect(queued[0].idempotencyKey).toBe(`customer-history:${SHOP}:${EMAIL}`);
    expect(queued[0].serialKey).toBe(`gorgias-history:${SHOP}`);
  });

  it('reads the customer’s tickets and first messages, leaves out the current ticket and spam, and stores them', async () => {
    const { db, config } = t.get();
    gorgiasStandIn();
    const executors = buildExecutors({ gorgias: client(), klaviyo: null, shopify: null, config });
    // Only the history read is live here; the other queued effects are recorded as in demo mode.
    const stats = await runOutboxOnce(db, { executors, isLive: (kind) => kind === FETCH_CUSTOMER_HISTORY }, 50);
    expect(stats.dead).toBe(0);
    const [effect] = await db.select().from(outbox).where(eq(outbox.kind, FETCH_CUSTOMER_HISTORY));
    expect(effect.status).toBe('done');

    const listCall = seen.find((u) => u.pathname === '/api/tickets')!;
    expect(Object.fromEntries(listCall.searchParams)).toEqual({
      customer_id: CUSTOMER_ID,
      limit: '6',
      order_by: 'created_datetime:desc',
      trashed: 'false',
    });
    expect(seen.filter((u) => u.pathname === '/api/messages').map((u) => Object.fromEntries(u.searchParams))).toEqual([
      { ticket_id: '812', limit: '1', order_by: 'created_datetime:asc' },
      { ticket_id: '810', limit: '1', order_by: 'created_datetime:asc' },
    ]);
    expect(seen.some((u) => u.pathname === '/api/customers')).toBe(false); // the event carried the customer id

    const rows = await db
      .select()
      .from(customerHistory)
      .where(eq(customerHistory.customerEmail, EMAIL))
      .orderBy(customerHistory.gorgiasTicketId);
    expect(
      rows.map((r) => ({
        id: r.gorgiasTicketId,
        subject: r.subject,
        status: r.status,
        channel: r.channel,
        created: r.gorgiasCreatedAt?.toISOString(),
        excerpt: r.excerpt,
      })),
    ).toEqual([
      {
        id: '810',
        subject: 'Gift wrap',
        status: 'closed',
        channel: 'email',
        created: '2026-03-02T10:15:00.123Z',
        excerpt: 'Hello, Can you gift wrap order #1002? Thanks, Marie',
      },
      {
        id: '812',
        subject: 'Wrong size',
        status: 'closed',
        channel: 'chat',
        created: '2026-09-10T14:00:00.000Z',
        excerpt: 'The boots are too small, can I swap them?',
      },
    ]);
  });

  it('shows them in the sidebar’s previous conversations and on the widget page', async () => {
    const { db, config } = t.get();
    const json = await ticketEvent(TICKET, 93, 'Hello again?');
    expect(json.previous_tickets).toEqual([
      {
        ticket_id: '812',
        subject: 'Wrong size',
        status: 'Closed',
        intent: null,
        created_at: '2026-09-10T14:00:00.000Z',
        channel: 'Chat',
        first_message: 'The boots are too small, can I swap them?',
      },
      {
        ticket_id: '810',
        subject: 'Gift wrap',
        status: 'Closed',
        intent: null,
        created_at: '2026-03-02T10:15:00.123Z',
        channel: 'Email',
        first_message: 'Hello, Can you gift wrap order #1002? Thanks, Marie',
      },
    ]);
    const page = await loadWidgetPageData(db, config, { ticketId: String(TICKET), shopId: SHOP }, new Date());
    expect(page.view.previousTickets.map((p) => [p.id, p.excerpt])).toEqual([
      ['812', 'The boots are too small, can I swap them?'],
      ['810', 'Hello, Can you gift wrap order #1002? Thanks, Marie'],
    ]);
  });

  it('a ticket Concord later sees itself is listed once, with Concord’s own copy', async () => {
    const db = t.get().db;
    await ticketEvent(812, 94, 'Following up on the boots swap, please.');
    const json = await ticketEvent(TICKET, 95, 'Still waiting.');
    const ids = (json.previous_tickets as { ticket_id: string }[]).map((p) => p.ticket_id);
    expect(ids.filter((id) => id === '812')).toHaveLength(1);
    expect(json.previous_tickets.find((p: { ticket_id: string }) => p.ticket_id === '812').first_message).toBe(
      'Following up on the boots swap, please.',
    );
    // The second ticket was not a first sight: no second history read.
    expect(await db.select().from(outbox).where(eq(outbox.kind, FETCH_CUSTOMER_HISTORY))).toHaveLength(1);
  });

  it('uses the messages the list carries, and looks the customer up by email when the event had no id', async () => {
    const db = t.get().db;
    gorgiasStandIn({ ticketsCarryMessages: true });
    const r = await fetchCustomerHistory(
      db,
      client(),
      'other.myshopify.com',
      { email: EMAIL, gorgiasCustomerId: null, ticketId: String(TICKET) },
      new Date(),
    );
    expect(r).toMatchObject({ customerId: CUSTOMER_ID, tickets: 2, excerpts: 2, calls: 2, skippedExcerpts: 0 });
    expect(Object.fromEntries(seen.find((u) => u.pathname === '/api/customers')!.searchParams)).toEqual({ email: EMAIL, limit: '1' });
    // Both earlier tickets (spam left out) carried their first message: no call per ticket.
    expect(seen.filter((u) => u.pathname === '/api/messages')).toHaveLength(0);
  });

  it('keeps room in Gorgias’s rate limit: near the limit it stores the tickets without excerpts', async () => {
    const db = t.get().db;
    gorgiasStandIn({ callLimit: '34/40' });
    const r = await fetchCustomerHistory(
      db,
      client(),
      'third.myshopify.com',
      { email: EMAIL, gorgiasCustomerId: CUSTOMER_ID, ticketId: String(TICKET) },
      new Date(),
    );
    expect(r).toMatchObject({ tickets: 2, excerpts: 0, calls: 1, skippedExcerpts: 2 });
    const rows = await db
      .select()
      .from(customerHistory)
      .where(and(eq(customerHistory.shopId, 'third.myshopify.com')));
    expect(rows.map((x) => x.excerpt)).toEqual([null, null]);
  });

  it('a 429 is a retryable error carrying Gorgias’s Retry-After', async () => {
    const db = t.get().db;
    server.use(
      http.get(
        `${BASE}/api/tickets`,
        () => new HttpResponse('{"error":"Too Many Requests"}', { status: 429, headers: { 'Retry-After': '7' } }),
      ),
    );
    const err = await fetchCustomerHistory(
      db,
      client(),
      SHOP,
      { email: EMAIL, gorgiasCustomerId: CUSTOMER_ID, ticketId: String(TICKET) },
      new Date(),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ExternalApiError);
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
  });
});
