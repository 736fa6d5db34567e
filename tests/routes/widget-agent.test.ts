import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { POST as widgetEventPOST } from '@/app/api/gorgias/widget/route';
import { POST as actionsPOST } from '@/app/api/gorgias/actions/route';
import { GET as widgetGET } from '@/app/api/widget/[ticket]/route';
import { DELETE as unsentDELETE, GET as unsentGET, PUT as unsentPUT } from '@/app/api/widget/[ticket]/unsent/route';
import { POST as shopifyPOST } from '@/app/api/webhooks/shopify/route';
import { widgetToken } from '@/lib/auth/widget-link';
import { auditLog, intentCorrections, outbox, tickets } from '@/lib/db/schema';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { generateTicketDraft } from '@/lib/drafts/draft-ticket-reply';
import { POST as intentPOST } from '@/app/api/widget/[ticket]/intent/route';
import { exportIntentCorrections } from '@/lib/intents/correct-intent';
import { ensureShop } from '@/lib/connections/shops';
import { shopifyRequest, TEST_SECRETS, useTestApp } from '../helpers/app';
import { gorgiasContext, shopifyFulfillment, shopifyOrder } from '../helpers/builders';

// The agent's side of a ticket on the server: the unsent reply kept per ticket (issue 20.1), the
// live check of edited text (20.2), a manual reply checked like a draft and sent only with an
// audited "send anyway" (14.8), and a 404 for a ticket Concord has never seen (20.9).

const SHOP = 'acme.myshopify.com';
const TICKET = '7001';
const AGENT = 'sam@acme.com';
const now = Date.now();
const ago = (hours: number) => new Date(now - hours * 3600_000).toISOString();
const token = (ticketId = TICKET) => widgetToken({ ticketId, shopId: SHOP, agent: AGENT }, TEST_SECRETS.SESSION_SECRET, new Date());
const params = (ticket = TICKET) => ({ params: Promise.resolve({ ticket }) });

function call(
  handler: (req: Request, ctx: { params: Promise<{ ticket: string }> }) => Promise<Response>,
  method: string,
  body?: unknown,
  ticket = TICKET,
) {
  const req = new Request(`http://concord.test/api/widget/${ticket}/unsent`, {
    method,
    headers: { 'x-widget-token': token(ticket), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return handler(req, params(ticket));
}

function reply(body: string, extra: Record<string, unknown> = {}) {
  return actionsPOST(
    new Request('http://concord.test/api/gorgias/actions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-widget-token': token() },
      body: JSON.stringify({ ticket_id: TICKET, action: 'reply', params: { body }, ...extra }),
    }),
  );
}

describe('the agent’s reply on the server', () => {
  const t = useTestApp();

  beforeAll(async () => {
    const db = t.get().db;
    await ensureShop(db, { id: SHOP, name: 'Acme', gorgiasDomain: 'acme' });
    const hook = (topic: string, body: unknown, id: string) =>
      shopifyPOST(shopifyRequest(JSON.stringify(body), { topic, shop: SHOP, eventId: id }));
    await hook(
      'orders/create',
      shopifyOrder({
        email: 'jane@example.com',
        customerId: 1,
        firstName: 'Jane',
        id: 101,
        number: 1001,
        createdAt: ago(48),
        fulfillmentStatus: 'fulfilled',
      }),
      'e1',
    );
    await hook(
      'fulfillments/create',
      shopifyFulfillment({ id: 201, orderId: 101, createdAt: ago(30), shipmentStatus: 'in_transit', trackingNumber: '1ZAGENT0001' }),
      'e2',
    );
    await drainInbox(db);
    const res = await widgetEventPOST(
      new Request('http://concord.test/api/gorgias/widget', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify(
          gorgiasContext({ ticketId: Number(TICKET), messageId: 71, email: 'jane@example.com', text: 'Where is my order #1001?' }),
        ),
      }),
    );
    expect(res.status).toBe(200);
  });

  it('keeps the unsent text per ticket and checks it as it is saved', async () => {
    expect(await (await call(unsentGET, 'GET')).json()).toEqual({ unsent: null });
    const saved = await call(unsentPUT, 'PUT', { text: 'Hi Jane, call us on 800-555-0199 about #1001.', base_draft_id: 5 });
    expect(saved.status).toBe(200);
    const json = await saved.json();
    expect(json.grounding.ok).toBe(false);
    expect(json.grounding.spans.map((s: { kind: string; text: string }) => `${s.kind}:${s.text}`)).toEqual(['phone:800-555-0199']);
    // Another device (a fresh request) finds the same text, with who wrote it.
    const again = await (await call(unsentGET, 'GET')).json();
    expect(again.unsent).toMatchObject({ text: 'Hi Jane, call us on 800-555-0199 about #1001.', baseDraftId: 5, updatedBy: AGENT });
    // And the widget's own data carries it, so a reload restores it before anything else.
    const page = await widgetGET(
      new Request(`http://concord.test/api/widget/${TICKET}`, { headers: { 'x-widget-token': token() } }),
      params(),
    );
    const pageJson = await page.json();
    expect(pageJson.unsent.text).toContain('800-555-0199');
    expect(pageJson.focusOrder).toBe('#1001'); // the order the message quotes, pinned on the card

    const fixed = await (await call(unsentPUT, 'PUT', { text: 'Hi Jane, your order #1001 is on its way.', base_draft_id: 5 })).json();
    expect(fixed.grounding).toEqual({ ok: true, spans: [] });
    expect((await call(unsentDELETE, 'DELETE')).status).toBe(200);
    expect(await (await call(unsentGET, 'GET')).json()).toEqual({ unsent: null });
  });

  it('refuses a bad link and an unknown ticket', async () => {
    const bad = await unsentGET(
      new Request(`http://concord.test/api/widget/${TICKET}/unsent`, { headers: { 'x-widget-token': 'forged' } }),
      params(),
    );
    expect(bad.status).toBe(401);
    expect((await call(unsentPUT, 'PUT', { text: 'x' }, '999999')).status).toBe(404);
    const widget = await widgetGET(
      new Request('http://concord.test/api/widget/999999', { headers: { 'x-widget-token': token('999999') } }),
      params('999999'),
    );
    expect(widget.status).toBe(404);
    expect((await widget.json()).error.code).toBe('unknown_ticket');
  });

  it('checks a manual reply like a draft: the plan lists what is unbacked, and sending needs “send anyway”', async () => {
    const text = 'Hi Jane, please send your card details to refunds@acme-help.net and we will sort it.';
    const plan = await (await reply(text)).json();
    expect(plan.status).toBe('needs_confirmation');
    expect(plan.flags.map((f: { kind: string }) => f.kind)).toEqual(['payment_request', 'email']);
    expect(plan.msg).toMatch(/can’t back 2 statements/);

    const refused = await reply(text, { confirm: true });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({ code: 'reply_not_grounded' });
    const db = t.get().db;
    expect(await db.select().from(outbox).where(eq(outbox.kind, 'gorgias.send_reply'))).toHaveLength(0);

    await call(unsentPUT, 'PUT', { text, base_draft_id: null });
    const sent = await reply(text, { confirm: true, send_anyway: true });
    expect(sent.status).toBe(200);
    expect((await sent.json()).status).toBe('queued');
    expect(await db.select().from(outbox).where(eq(outbox.kind, 'gorgias.send_reply'))).toHaveLength(1);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.ticketId, TICKET), eq(auditLog.action, 'action.reply')));
    expect(entry.actorId).toBe(AGENT);
    expect(entry.explanation).toMatch(
      /Sent anyway although the grounding check flagged “send your card details.*” \(payment request\), “refunds@acme-help.net” \(email\)/,
    );
    expect(entry.after).toMatchObject({ sentAnyway: true });
    // The saved text went with the reply: it does not come back as a second one.
    expect(await (await call(unsentGET, 'GET')).json()).toEqual({ unsent: null });
  });

  it('sends a grounded manual reply without asking again, and shows it on the timeline', async () => {
    const res = await reply('Hi Jane, your order #1001 is with the carrier. Tracking: 1ZAGENT0001.', { confirm: true });
    expect(res.status).toBe(200);
    const page = await (
      await widgetGET(new Request(`http://concord.test/api/widget/${TICKET}`, { headers: { 'x-widget-token': token() } }), params())
    ).json();
    expect(page.timeline.map((e: { text: string }) => e.text)).toContain(`Reply by ${AGENT}: queued`);
  });

  it('tags the ticket when a draft for a ticket event is ready, so Gorgias asks again and its card carries the draft (20.7)', async () => {
    const { db, config } = t.get();
    const deps = { openai: null, model: 'template', config };
    const base = { shopId: SHOP, ticketShopId: SHOP, ticketId: TICKET, now: new Date(), allowAutoReply: false };
    const fromEvent = await generateTicketDraft(db, deps, { ...base, messageId: '71' });
    await generateTicketDraft(db, deps, { ...base, messageId: null }); // a Redraft in the widget: no tag
    const tags = await db.select().from(outbox).where(eq(outbox.kind, 'gorgias.add_tags'));
    const ready = tags.filter((e) => JSON.stringify(e.payload).includes('draft-ready'));
    expect(ready.map((e) => e.payload)).toEqual([{ ticketId: TICKET, tags: ['concord/draft-ready'] }]);
    expect(ready[0].idempotencyKey).toBe(`draft-ready:${TICKET}:${fromEvent.draftId}`);

    // The ticket-updated event that tag causes is answered with the draft in the card.
    const res = await widgetEventPOST(
      new Request('http://concord.test/api/gorgias/widget', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.GORGIAS_INTEGRATION_SECRET}` },
        body: JSON.stringify(
          gorgiasContext({ ticketId: Number(TICKET), messageId: 71, email: 'jane@example.com', text: 'Where is my order #1001?' }),
        ),
      }),
    );
    const card = (await res.json()).ticket;
    expect(card.draft_check).toBe('Grounded: every fact is backed');
    expect(card._reply_draft).toMatch(/#1001/);
  });

  it('corrects the intent in one click and keeps the correction for the classifier’s sets (20.6)', async () => {
    const { db } = t.get();
    const correct = (intent: string) =>
      intentPOST(
        new Request(`http://concord.test/api/widget/${TICKET}/intent`, {
          method: 'POST',
          headers: { 'x-widget-token': token(), 'content-type': 'application/json' },
          body: JSON.stringify({ intent }),
        }),
        params(),
      );
    expect((await correct('not_an_intent')).status).toBe(400);
    const [before] = await db.select().from(tickets).where(eq(tickets.gorgiasTicketId, TICKET));
    const res = await correct('not_received');
    expect(res.status).toBe(200);
    const [after] = await db.select().from(tickets).where(eq(tickets.gorgiasTicketId, TICKET));
    expect(after).toMatchObject({ intent: 'not_received', intentConfidence: 1, intentDecidedBy: 'agent' });
    const [row] = await db.select().from(intentCorrections);
    expect(row).toMatchObject({ ticketId: TICKET, predictedIntent: before.intent, correctedIntent: 'not_received', actor: AGENT });
    expect(row.messageText).toContain('Where is my order #1001?');
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'intent.corrected'));
    expect(entry.explanation).toContain(`to not_received`);
    // The export is what scripts/eval-intents.ts reads.
    const lines = (await exportIntentCorrections(db)).split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ text: row.messageText, intent: 'not_received' }]);
  });
});
