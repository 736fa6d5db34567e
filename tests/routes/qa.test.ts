import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { PUT } from '@/app/api/admin/qa/reviews/route';
import { actions, auditLog, drafts, issues, klaviyoProfiles, qaReviews, suppressionOverrides, tickets } from '@/lib/db/schema';
import { loadQaWeek } from '@/lib/review/load-qa-week';
import { sampleForReview, qaSeed } from '@/lib/domain/qa-sample';
import { ensureShop } from '@/lib/connections/shops';
import { useTestApp } from '../helpers/app';
import { sessionHeaders } from '../helpers/session';

const SHOP = 'acme.myshopify.com';
const OTHER = 'acme-eu.myshopify.com';
const WEEK = '2026-W48'; // Mon 23 Nov – Sun 29 Nov 2026
const now = new Date('2026-11-27T12:00:00Z');
const inWeek = (i: number) => new Date(Date.UTC(2026, 10, 23, 8) + i * 3_600_000 * 3);
const automate = (nextStep: string) => ({
  decision: 'automate',
  nextStep,
  rule: `${nextStep}.rule`,
  reasons: [],
  explanation: `Automated: ${nextStep}.`,
  allowedPromises: [],
  summary: null,
});
const review = {
  decision: 'human_review',
  nextStep: 'assign_human_review',
  rule: 'x',
  reasons: [],
  explanation: 'Needs a person.',
  allowedPromises: [],
  summary: null,
};

function put(body: unknown, headers = sessionHeaders('lead', { json: true })) {
  return PUT(new Request('http://concord.test/api/admin/qa/reviews', { method: 'PUT', headers, body: JSON.stringify(body) }));
}

describe('weekly QA', () => {
  const t = useTestApp();

  beforeAll(async () => {
    const db = t.get().db;
    await ensureShop(db, { id: SHOP, name: 'Acme US' });
    await ensureShop(db, { id: OTHER, name: 'Acme EU' });
    const base = { shopId: SHOP, intent: 'wismo', customerEmail: 'c@example.com' };
    // 30 automated WISMO tickets this week (ids 100–129).
    await db.insert(tickets).values(
      Array.from({ length: 30 }, (_, i) => ({
        ...base,
        gorgiasTicketId: String(100 + i),
        gorgiasCreatedAt: inWeek(i),
        verdict: automate('reply_tracking'),
      })),
    );
    await db.insert(tickets).values([
      { ...base, gorgiasTicketId: '200', gorgiasCreatedAt: inWeek(1), verdict: review }, // human review, no automated draft: out
      { ...base, gorgiasTicketId: '201', gorgiasCreatedAt: inWeek(2), verdict: review }, // human review but a shadow draft: in
      { ...base, gorgiasTicketId: '202', gorgiasCreatedAt: new Date('2026-11-20T10:00:00Z'), verdict: automate('reply_tracking') }, // last week: out
      { ...base, gorgiasTicketId: '203', gorgiasCreatedAt: inWeek(3), verdict: automate('reply_tracking'), matchedShopId: OTHER }, // other store: out
      { ...base, gorgiasTicketId: '204', gorgiasCreatedAt: inWeek(4), verdict: automate('reply_tracking'), intent: 'cancel' }, // not WISMO: out
      // Routing: automated returns and cancellations.
      { ...base, intent: 'return_exchange', gorgiasTicketId: '300', gorgiasCreatedAt: inWeek(5), verdict: automate('create_return') }, // overridden: in
      {
        ...base,
        intent: 'cancel',
        gorgiasTicketId: '301',
        gorgiasCreatedAt: inWeek(6),
        verdict: automate('cancel_order'),
        reopenCount: 1,
        status: 'open',
      }, // reopened: in
      { ...base, intent: 'cancel', gorgiasTicketId: '302', gorgiasCreatedAt: inWeek(7), verdict: automate('cancel_order') }, // fine: out
      { ...base, intent: 'cancel', gorgiasTicketId: '303', gorgiasCreatedAt: inWeek(8), verdict: review, reopenCount: 2 }, // not automated: out
    ]);
    await db.insert(drafts).values({
      shopId: SHOP,
      ticketId: '201',
      intent: 'wismo',
      source: 'template',
      context: {},
      output: 'Your parcel is on its way.',
      grounding: { ok: true, spans: [] },
      status: 'shadow',
    });
    await db.insert(actions).values({
      shopId: SHOP,
      ticketId: '300',
      kind: 'assign_human_review',
      params: {},
      overridden: true,
      overrideReason: 'Final-sale item, no returns',
      actorType: 'agent',
      actorId: 'sam@acme.test',
      idempotencyKey: 'k-300',
    });
    // Suppression state.
    const issue = (email: string, status: 'open' | 'resolved', key: string) => ({
      shopId: SHOP,
      key,
      kind: 'delay',
      status,
      customerEmail: email,
      reason: 'No scan for 6 days',
      openedAt: new Date('2026-11-20T00:00:00Z'),
      resolvedAt: status === 'resolved' ? new Date('2026-11-25T00:00:00Z') : null,
      lastSignalAt: new Date('2026-11-25T00:00:00Z'),
    });
    await db
      .insert(issues)
      .values([
        issue('resolved@example.com', 'resolved', 'i1'),
        issue('open@example.com', 'open', 'i2'),
        issue('missed@example.com', 'open', 'i3'),
      ]);
    await db.insert(suppressionOverrides).values({
      shopId: SHOP,
      customerEmail: 'vip@example.com',
      mode: 'suppress',
      reason: 'Angry VIP',
      actor: 'sam',
      expiresAt: new Date('2026-12-31T00:00:00Z'),
    });
    await db.insert(klaviyoProfiles).values([
      { shopId: SHOP, customerEmail: 'resolved@example.com', suppressed: true }, // resolved, still flagged
      { shopId: SHOP, customerEmail: 'open@example.com', suppressed: true }, // correct
      { shopId: SHOP, customerEmail: 'missed@example.com', suppressed: false }, // missed entry
      { shopId: SHOP, customerEmail: 'vip@example.com', suppressed: true }, // override: correct
      { shopId: SHOP, customerEmail: 'ghost@example.com', suppressed: true }, // no reason at all
      { shopId: OTHER, customerEmail: 'eu@example.com', suppressed: true }, // other store
    ]);
  });

  it('samples 20 automated WISMO tickets of the week, the same 20 on every load', async () => {
    const db = t.get().db;
    const a = await loadQaWeek(db, { shopId: SHOP, week: WEEK, now });
    const b = await loadQaWeek(db, { shopId: SHOP, week: WEEK, now });
    expect(a.wismo.candidates).toBe(31);
    expect(a.wismo.items).toHaveLength(20);
    expect(b.wismo.items.map((i) => i.key)).toEqual(a.wismo.items.map((i) => i.key));
    // It is the seeded sample of exactly the eligible tickets.
    const eligible = [...Array.from({ length: 30 }, (_, i) => String(100 + i)), '201'].map((id) => ({ id }));
    expect(a.wismo.items.map((i) => i.ticketId).sort()).toEqual(
      sampleForReview(eligible, (x) => `ticket:${x.id}`, qaSeed(SHOP, WEEK), 20)
        .map((x) => x.id)
        .sort(),
    );
    // Another week has nothing of these.
    expect((await loadQaWeek(db, { shopId: SHOP, week: '2026-W47', now })).wismo.items.map((i) => i.ticketId)).toEqual(['202']);
  });

  it('lists return and cancellation routing an agent overrode or the customer reopened', async () => {
    const qa = await loadQaWeek(t.get().db, { shopId: SHOP, week: WEEK, now });
    expect(qa.routing.items.map((i) => i.ticketId).sort()).toEqual(['300', '301']);
    const overridden = qa.routing.items.find((i) => i.ticketId === '300')!;
    expect(overridden.overrides).toEqual([expect.objectContaining({ reason: 'Final-sale item, no returns', actor: 'sam@acme.test' })]);
    expect(qa.routing.items.find((i) => i.ticketId === '301')!.reopenCount).toBe(1);
  });

  it('lists customers Klaviyo suppresses without reason and the ones it should but does not', async () => {
    const qa = await loadQaWeek(t.get().db, { shopId: SHOP, week: WEEK, now });
    expect(qa.suppression.items.map((s) => [s.email, s.kind])).toEqual([
      ['missed@example.com', 'open_issue_not_flagged'],
      ['resolved@example.com', 'resolved_still_flagged'],
      ['ghost@example.com', 'flagged_without_reason'],
    ]);
    expect(qa.suppression.items[0].key).toBe('customer:missed@example.com');
  });

  it('saves a mark, replaces it on a second save (one row per item per week) and audits both', async () => {
    const db = t.get().db;
    const qa = await loadQaWeek(db, { shopId: SHOP, week: WEEK, now });
    const item = qa.wismo.items[3].key;
    const first = await put({ shop: SHOP, week: WEEK, kind: 'wismo_automation', item, verdict: 'correct' });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ ok: true, changed: true });
    const second = await put({
      shop: SHOP,
      week: WEEK,
      kind: 'wismo_automation',
      item,
      verdict: 'wrong',
      note: 'Tracking link was for the older parcel',
    });
    expect((await second.json()).msg).toContain('was correct');
    const rows = await db
      .select()
      .from(qaReviews)
      .where(and(eq(qaReviews.shopId, SHOP), eq(qaReviews.itemKey, item)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      week: WEEK,
      verdict: 'wrong',
      note: 'Tracking link was for the older parcel',
      reviewer: 'lead@concord.test',
    });
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'qa.reviewed'));
    expect(audit).toHaveLength(2);
    expect(audit.find((a) => (a.after as { verdict: string }).verdict === 'wrong')?.before).toMatchObject({ verdict: 'correct' });
    const same = await put({
      shop: SHOP,
      week: WEEK,
      kind: 'wismo_automation',
      item,
      verdict: 'wrong',
      note: 'Tracking link was for the older parcel',
    });
    expect(await same.json()).toMatchObject({ changed: false });
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'qa.reviewed'))).toHaveLength(2);

    const reloaded = await loadQaWeek(db, { shopId: SHOP, week: WEEK, now });
    expect(reloaded.wismo.items.find((i) => i.key === item)?.review).toMatchObject({ verdict: 'wrong' });
  });

  it('keeps an item that was reviewed in the sample', async () => {
    const db = t.get().db;
    const qa = await loadQaWeek(db, { shopId: SHOP, week: WEEK, now });
    const inSample = new Set(qa.wismo.items.map((i) => i.ticketId));
    const outside = Array.from({ length: 30 }, (_, i) => String(100 + i)).find((id) => !inSample.has(id))!;
    expect((await put({ shop: SHOP, week: WEEK, kind: 'wismo_automation', item: `ticket:${outside}`, verdict: 'correct' })).status).toBe(
      200,
    );
    const after = await loadQaWeek(db, { shopId: SHOP, week: WEEK, now });
    expect(after.wismo.items.map((i) => i.ticketId)).toContain(outside);
  });

  it('marks suppression items by customer and shows results week by week', async () => {
    const db = t.get().db;
    expect(
      (
        await put({
          shop: SHOP,
          week: WEEK,
          kind: 'suppression',
          item: 'customer:ghost@example.com',
          verdict: 'wrong',
          note: 'left over from a deleted issue',
        })
      ).status,
    ).toBe(200);
    expect((await put({ shop: SHOP, week: '2026-W47', kind: 'wismo_automation', item: 'ticket:202', verdict: 'correct' })).status).toBe(
      200,
    );
    const qa = await loadQaWeek(db, { shopId: SHOP, week: WEEK, now });
    expect(qa.suppression.items.find((s) => s.email === 'ghost@example.com')?.review?.verdict).toBe('wrong');
    expect(qa.history.map((w) => [w.week, w.reviewed, w.correct, w.wrong])).toEqual([
      ['2026-W48', 3, 1, 2],
      ['2026-W47', 1, 1, 0],
    ]);
  });

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const db = t.get().db;
    const before = (await db.select().from(qaReviews)).length;
    const bad = async (body: unknown, status: number, code?: string) => {
      const res = await put(body);
      expect(res.status).toBe(status);
      if (code) expect((await res.json()).error.code).toBe(code);
    };
    const ok = { shop: SHOP, week: WEEK, kind: 'wismo_automation', item: 'ticket:100', verdict: 'correct' };
    await bad({ ...ok, week: '2026-W60' }, 400, 'invalid_week');
    await bad({ ...ok, week: 'last week' }, 400, 'invalid_input');
    await bad({ ...ok, verdict: 'maybe' }, 400, 'invalid_input');
    await bad({ ...ok, kind: 'suppression' }, 400, 'invalid_item');
    await bad({ ...ok, item: 'customer:x@example.com' }, 400, 'invalid_item');
    await bad({ ...ok, item: 'ticket:999' }, 404, 'unknown_ticket');
    await bad({ ...ok, item: 'ticket:203' }, 404, 'unknown_ticket'); // belongs to the other store
    await bad({ ...ok, shop: 'nobody.myshopify.com' }, 404, 'unknown_shop');
    await bad({ ...ok, note: 'x'.repeat(2001) }, 400, 'invalid_input');
    expect(
      (
        await PUT(
          new Request('http://concord.test/api/admin/qa/reviews', {
            method: 'PUT',
            headers: sessionHeaders('lead', { json: true }),
            body: '{"shop":',
          }),
        )
      ).status,
    ).toBe(400);
    expect((await db.select().from(qaReviews)).length).toBe(before);
  });
});
