import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DELETE, POST } from '@/app/api/admin/review/[id]/teach/route';
import { auditLog, drafts, teachExamples, tickets } from '@/lib/db/schema';
import { loadDraftDetail, loadDraftReview, loadDraftReviewOptions } from '@/lib/review/load-draft-review';
import { acceptanceBy } from '@/lib/domain/draft-review';
import { ensureShop } from '@/lib/connections/shops';
import { useTestApp } from '../helpers/app';
import { sessionHeaders } from '../helpers/session';

const SHOP = 'acme.myshopify.com';
const OTHER = 'acme-eu.myshopify.com';
const DRAFT =
  'Hi Jane, your order #1002 shipped with UPS on Monday and should arrive by Friday. Your parcel left our warehouse in Portland and is now travelling with the carrier. Thanks for your patience!';

function teach(id: string, method: 'POST' | 'DELETE' = 'POST', headers = sessionHeaders('lead')) {
  const handler = method === 'POST' ? POST : DELETE;
  return handler(new Request(`http://concord.test/api/admin/review/${id}/teach`, { method, headers }), { params: Promise.resolve({ id }) });
}

describe('draft review', () => {
  const t = useTestApp();
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const db = t.get().db;
    await ensureShop(db, { id: SHOP, name: 'Acme US' });
    await ensureShop(db, { id: OTHER, name: 'Acme EU' });
    await db.insert(tickets).values([
      { shopId: SHOP, gorgiasTicketId: '11', subject: 'Where is my order?', customerEmail: 'jane@example.com', intent: 'wismo' },
      { shopId: SHOP, gorgiasTicketId: '12', subject: 'Cancel please', customerEmail: 'bob@example.com', intent: 'cancel' },
    ]);
    const base = { shopId: SHOP, context: {}, grounding: { ok: true, spans: [] }, status: 'sent' };
    const rows = await db
      .insert(drafts)
      .values([
        {
          ...base,
          ticketId: '11',
          intent: 'wismo',
          source: 'template',
          templateId: 'wismo.in_transit',
          output: DRAFT,
          sentText: DRAFT,
          sentBy: 'sam@acme.test',
          sentAt: new Date('2026-11-23T10:00:00Z'),
        },
        {
          ...base,
          ticketId: '11',
          intent: 'wismo',
          source: 'model',
          promptVersion: 'draft-reply@2',
          model: 'gpt-test',
          output: DRAFT,
          sentText: 'Sorry, we are checking with the carrier and will write back tomorrow.',
          sentBy: 'kim@acme.test',
          sentAt: new Date('2026-11-24T10:00:00Z'),
        },
        {
          ...base,
          ticketId: '12',
          intent: 'cancel',
          source: 'model',
          promptVersion: 'draft-reply@2',
          model: 'gpt-test',
          output: 'Your order #1003 is cancelled.',
          sentText: 'Your order #1003 is cancelled.',
          sentBy: 'sam@acme.test',
          sentAt: new Date('2026-11-26T10:00:00Z'),
        },
        {
          ...base,
          ticketId: '12',
          intent: 'cancel',
          source: 'model',
          promptVersion: 'draft-reply@2',
          output: 'Unsent draft',
          status: 'draft',
        },
        {
          ...base,
          shopId: OTHER,
          ticketId: '13',
          intent: 'wismo',
          source: 'template',
          templateId: 'wismo.delayed',
          output: 'Delayed, sorry.',
          sentText: 'Delayed, sorry.',
          sentBy: 'eu@acme.test',
          sentAt: new Date('2026-11-25T10:00:00Z'),
        },
      ])
      .returning({ id: drafts.id });
    [ids.accepted, ids.rewritten, ids.cancel, ids.unsent, ids.other] = rows.map((r) => r.id);
  });

  it('lists only drafts an agent sent, each measured with the one acceptance rule', async () => {
    const { items, capped } = await loadDraftReview(t.get().db, {});
    expect(capped).toBe(false);
    expect(items.map((i) => i.id).sort((a, b) => a - b)).toEqual(
      [ids.accepted, ids.rewritten, ids.cancel, ids.other].sort((a, b) => a - b),
    );
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(ids.accepted)).toMatchObject({
      accepted: true,
      editDistance: 0,
      keptRatio: 1,
      version: 'template:wismo.in_transit',
      subject: 'Where is my order?',
    });
    expect(byId.get(ids.rewritten)).toMatchObject({ accepted: false, version: 'draft-reply@2' });
    expect(byId.get(ids.rewritten)!.keptRatio).toBeLessThan(0.3);
    const rates = acceptanceBy(items, (i) => i.intent ?? 'unclassified');
    expect(rates.find((r) => r.key === 'wismo')).toMatchObject({ total: 3, accepted: 2 });
  });

  it('filters by intent, agent, prompt version or template, store and date range', async () => {
    const db = t.get().db;
    const idsOf = async (f: Parameters<typeof loadDraftReview>[1]) =>
      (await loadDraftReview(db, f)).items.map((i) => i.id).sort((a, b) => a - b);
    expect(await idsOf({ intent: 'cancel' })).toEqual([ids.cancel]);
    expect(await idsOf({ agent: 'sam@acme.test' })).toEqual([ids.accepted, ids.cancel].sort((a, b) => a - b));
    expect(await idsOf({ version: 'template:wismo.in_transit' })).toEqual([ids.accepted]);
    expect(await idsOf({ version: 'draft-reply@2' })).toEqual([ids.rewritten, ids.cancel].sort((a, b) => a - b));
    expect(await idsOf({ shopId: OTHER })).toEqual([ids.other]);
    expect(await idsOf({ from: new Date('2026-11-24T00:00:00Z'), to: new Date('2026-11-26T00:00:00Z') })).toEqual(
      [ids.rewritten, ids.other].sort((a, b) => a - b),
    );
    expect(await idsOf({ intent: 'refund' })).toEqual([]);
  });

  it('offers filter values that occur among sent drafts', async () => {
    const o = await loadDraftReviewOptions(t.get().db, SHOP);
    expect(o.intents).toEqual(['cancel', 'wismo']);
    expect(o.agents).toEqual(['kim@acme.test', 'sam@acme.test']);
    expect(o.versions).toEqual(['draft-reply@2', 'template:wismo.in_transit']);
  });

  it('loads one draft with its ticket for the side-by-side view', async () => {
    const d = await loadDraftDetail(t.get().db, ids.rewritten);
    expect(d?.ticket?.subject).toBe('Where is my order?');
    expect(d?.item?.accepted).toBe(false);
    expect(await loadDraftDetail(t.get().db, 999_999)).toBeNull();
  });

  it('"Teach this" stores the edit once, flags the draft and audits it', async () => {
    const db = t.get().db;
    const res = await teach(String(ids.rewritten));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, taught: true, changed: true });
    const [example] = await db.select().from(teachExamples).where(eq(teachExamples.draftId, ids.rewritten));
    expect(example).toMatchObject({ shopId: SHOP, intent: 'wismo', draftText: DRAFT, createdBy: 'lead@concord.test' });
    expect(example.sentText).toContain('checking with the carrier');
    const [draft] = await db.select().from(drafts).where(eq(drafts.id, ids.rewritten));
    expect(draft.teach).toBe(true);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'draft.taught'), eq(auditLog.subjectId, String(ids.rewritten))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'lead', actorId: 'lead@concord.test', ticketId: '11' });

    const again = await teach(String(ids.rewritten));
    expect(await again.json()).toMatchObject({ changed: false });
    expect(await db.select().from(teachExamples).where(eq(teachExamples.draftId, ids.rewritten))).toHaveLength(1);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'draft.taught'))).toHaveLength(1);
  });

  it('undo removes the example and the flag, audited', async () => {
    const db = t.get().db;
    const res = await teach(String(ids.rewritten), 'DELETE');
    expect(await res.json()).toMatchObject({ taught: false, changed: true });
    expect(await db.select().from(teachExamples).where(eq(teachExamples.draftId, ids.rewritten))).toHaveLength(0);
    expect((await db.select().from(drafts).where(eq(drafts.id, ids.rewritten)))[0].teach).toBe(false);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'draft.untaught'))).toHaveLength(1);
  });

  it('refuses drafts that were never sent, unknown drafts and bad ids, changing nothing', async () => {
    const unsent = await teach(String(ids.unsent));
    expect(unsent.status).toBe(409);
    expect((await unsent.json()).error.code).toBe('not_sent');
    expect((await teach('999999')).status).toBe(404);
    expect((await teach('abc')).status).toBe(400);
    expect((await teach('-1')).status).toBe(400);
    expect(await t.get().db.select().from(teachExamples)).toHaveLength(0);
  });
});
