import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { appMeta, customers, drafts, inboxEvents, orders, tickets } from '@/lib/db/schema';
import { buildDemoEvents, DEMO_SHOP, DEMO_TICKET_INTENTS } from '@/lib/demo/demo-events';
import { seedDemo } from '@/lib/demo/seed-demo';
import { drainInbox } from '@/lib/ingest/process-inbox';
import { clearShopsCache, ensureShop, shopsForGorgiasDomain } from '@/lib/connections/shops';
import { buildExtraStoreEvents } from '@/lib/demo/demo-stores';
import { useTestApp } from '../helpers/app';

const NOW = new Date('2026-11-24T12:00:00Z');

describe('demo seeding through the real ingestion code', () => {
  const t = useTestApp();
  const counts = async () => {
    const db = t.get().db;
    const n = async (table: typeof orders | typeof customers | typeof tickets | typeof inboxEvents) =>
      Number((await db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n);
    return { orders: await n(orders), customers: await n(customers), tickets: await n(tickets), inbox: await n(inboxEvents) };
  };

  it('feeds every event once, projects them all, and a second start adds nothing', async () => {
    const db = t.get().db;
    await ensureShop(db, { id: DEMO_SHOP.domain, name: DEMO_SHOP.name, gorgiasDomain: DEMO_SHOP.gorgiasDomain });
    const mainEvents = buildDemoEvents(NOW, {
      shopDomain: DEMO_SHOP.domain,
      shopName: DEMO_SHOP.name,
      gorgiasDomain: DEMO_SHOP.gorgiasDomain,
    });
    const extra = buildExtraStoreEvents(NOW);
    const events = [...mainEvents, ...extra.flatMap((s) => s.events)];
    const first = await seedDemo(db, t.get().config, NOW);
    expect(first.fed).toBe(events.length);
    expect(first.duplicates).toBe(0);
    await drainInbox(db, 10_000, () => NOW);
    const failed = await db.select().from(inboxEvents).where(eq(inboxEvents.status, 'failed'));
    expect(failed.map((f) => `${f.topic}: ${f.lastError}`)).toEqual([]);
    const after = await counts();
    expect(after.orders).toBe(33 + 12 + 12);
    // Three stores: the US and EU stores share the Northbound helpdesk, Summit has its own.
    const perShop = await db
      .select({ shop: orders.shopId, n: sql<number>`count(*)::int` })
      .from(orders)
      .groupBy(orders.shopId)
      .orderBy(orders.shopId);
    expect(perShop).toEqual([
      { shop: 'concord-demo-eu.myshopify.com', n: 12 },
      { shop: DEMO_SHOP.domain, n: 33 },
      { shop: 'summit-demo.myshopify.com', n: 12 },
    ]);
    clearShopsCache();
    expect(await shopsForGorgiasDomain(db, DEMO_SHOP.gorgiasDomain)).toEqual([DEMO_SHOP.domain, 'concord-demo-eu.myshopify.com']);
    expect(await shopsForGorgiasDomain(db, 'summit-demo')).toEqual(['summit-demo.myshopify.com']);
    // No customer of the main store shares an email with the EU store's (one helpdesk, no ambiguous matches).
    const shared = await db.execute(
      sql`select email from customers where email is not null group by email having count(distinct shop_id) > 1`,
    );
    expect((shared as unknown as { rows?: unknown[] }).rows ?? shared).toEqual([]);
    expect(after.customers).toBeGreaterThanOrEqual(20);
    expect(after.tickets).toBe(Object.keys(DEMO_TICKET_INTENTS).length);
    // Each public agent reply was drafted first, so leads see draft-vs-sent pairs from the start.
    const pairs = await db
      .select({ ticketId: drafts.ticketId, output: drafts.output, sent: drafts.sentText, kept: drafts.keptRatio })
      .from(drafts)
      .where(sql`${drafts.sentText} is not null`);
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    for (const p of pairs) {
      expect(p.output.length).toBeGreaterThan(20);
      expect(p.sent).not.toBe(p.output);
      expect(p.kept).not.toBeNull();
    }
    const draftCount = (await db.select({ n: sql<number>`count(*)::int` }).from(drafts))[0].n;

    // Second start: the marker short-circuits.
    const second = await seedDemo(db, t.get().config, new Date(NOW.getTime() + 86_400_000));
    expect(second.fed).toBe(0);
    expect(await counts()).toEqual(after);

    // Even without the marker, the inbox dedupe ignores every repeated event.
    await db.delete(appMeta);
    const third = await seedDemo(db, t.get().config, new Date(NOW.getTime() + 86_400_000));
    expect(third.fed).toBe(0);
    expect(third.duplicates).toBe(events.length);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(drafts))[0].n).toBe(draftCount);
    await drainInbox(db, 10_000, () => NOW);
    expect(await counts()).toEqual(after);
  }, 90_000);

  it('classifies the demo tickets as their stories intend', async () => {
    const rows = await t.get().db.select({ id: tickets.gorgiasTicketId, intent: tickets.intent }).from(tickets);
    const right = rows.filter((r) => DEMO_TICKET_INTENTS[r.id] === r.intent);
    const wrong = rows
      .filter((r) => DEMO_TICKET_INTENTS[r.id] !== r.intent)
      .map((r) => `${r.id}: ${r.intent} (story: ${DEMO_TICKET_INTENTS[r.id]})`);
    expect(right.length / rows.length, wrong.join('; ')).toBeGreaterThanOrEqual(0.85);
  });
});
