import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderToString } from 'react-dom/server';
import type { ReactElement } from 'react';
import { writeAudit } from '@/lib/audit/write-audit';
import { drafts, fulfillments, klaviyoProfiles, qaReviews, tickets } from '@/lib/db/schema';
import { isoWeekOf } from '@/lib/domain/qa-sample';
import { ensureShop } from '@/lib/connections/shops';
import { createSessionToken } from '@/lib/auth/session';
import { TEST_SECRETS, useTestApp } from '../helpers/app';

// Renders the lead and admin pages to HTML against a seeded database, as a user would get them.

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
const now = new Date();
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const DRAFT = 'Hi Jane, your order #1002 is on its way with UPS and should arrive on Friday.';
const SENT = 'Hi Jane, your order #1002 is delayed with UPS; we expect it on Monday. Sorry!';

async function render(
  page: string,
  props: { params?: Record<string, string>; searchParams?: Record<string, string> },
  role: 'lead' | 'admin' = 'lead',
): Promise<string> {
  jar.token = createSessionToken(
    role === 'admin' ? { id: 1, email: 'admin@concord.test', role } : { id: 2, email: 'lead@concord.test', role },
    TEST_SECRETS.SESSION_SECRET,
    now,
  ).token;
  try {
    const Page = (await import(`@/app/admin/${page}`)).default as (p: unknown) => Promise<ReactElement>;
    const element = await Page({ params: Promise.resolve(props.params ?? {}), searchParams: Promise.resolve(props.searchParams ?? {}) });
    return renderToString(element);
  } finally {
    jar.token = null;
  }
}
const text = (html: string) =>
  html
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('lead and admin pages', () => {
  const t = useTestApp();
  let draftId = 0;

  beforeAll(async () => {
    const db = t.get().db;
    await ensureShop(db, { id: SHOP, name: 'Acme US' });
    const v = {
      decision: 'automate',
      nextStep: 'reply_tracking',
      rule: 'wismo.in_transit',
      reasons: [],
      explanation: 'In transit and on time: send tracking.',
      allowedPromises: [],
      summary: null,
    };
    await db.insert(tickets).values([
      {
        shopId: SHOP,
        gorgiasTicketId: '21',
        subject: 'Where is my parcel',
        customerEmail: 'jane@example.com',
        intent: 'wismo',
        verdict: v,
        gorgiasCreatedAt: hoursAgo(3),
        firstResponseAt: hoursAgo(2),
        closedAt: hoursAgo(1),
      },
      {
        shopId: SHOP,
        gorgiasTicketId: '22',
        subject: 'Cancel it',
        customerEmail: 'bob@example.com',
        intent: 'cancel',
        gorgiasCreatedAt: hoursAgo(30),
      },
    ]);
    const [d] = await db
      .insert(drafts)
      .values({
        shopId: SHOP,
        ticketId: '21',
        intent: 'wismo',
        source: 'template',
        templateId: 'wismo.in_transit',
        context: {},
        output: DRAFT,
        grounding: { ok: true, spans: [] },
        status: 'sent',
        sentText: SENT,
        sentBy: 'sam@acme.test',
        sentAt: hoursAgo(2),
      })
      .returning({ id: drafts.id });
    draftId = d.id;
    await db.insert(drafts).values({
      shopId: SHOP,
      ticketId: '21',
      intent: 'wismo',
      source: 'template',
      templateId: 'wismo.in_transit',
      context: {},
      output: DRAFT,
      grounding: { ok: true, spans: [] },
      status: 'auto_sent',
    });
    await db.insert(fulfillments).values({
      shopId: SHOP,
      shopifyFulfillmentId: 'f1',
      orderId: 'o1',
      status: 'success',
      shopifyCreatedAt: hoursAgo(48),
      shopifyUpdatedAt: hoursAgo(48),
      healthState: 'delayed',
    });
    await db.insert(klaviyoProfiles).values({ shopId: SHOP, customerEmail: 'ghost@example.com', suppressed: true });
    await db
      .insert(qaReviews)
      .values({ shopId: SHOP, week: '2026-W01', kind: 'wismo_automation', itemKey: 'ticket:9', verdict: 'correct', reviewer: 'lead' });
    await writeAudit(db, {
      shopId: SHOP,
      actor: { type: 'agent', id: 'sam@acme.test' },
      action: 'suppression.suppress',
      customerEmail: 'jane@example.com',
      ticketId: '21',
      explanation: 'sam suppressed <jane> & friends',
      before: { suppressed: false },
      after: { suppressed: true },
    });
  });

  it('draft review lists the sent draft with its outcome and rates', async () => {
    const html = text(await render('review/page.tsx', {}));
    expect(html).toContain('Draft review');
    expect(html).toContain('#21');
    expect(html).toContain('Where is my parcel');
    expect(html).toContain('template:wismo.in_transit');
    expect(html).toContain('edited');
    expect(html).toContain('Acceptance by intent');
    expect(html).toContain('0%'); // the one sent draft was edited
    const filtered = text(await render('review/page.tsx', { searchParams: { intent: 'cancel' } }));
    expect(filtered).toContain('No sent draft matches these filters.');
  });

  it('the draft detail shows both texts with the changes marked and a Teach button', async () => {
    const html = await render('review/[id]/page.tsx', { params: { id: String(draftId) } });
    expect(html).toMatch(/<del[^>]*>[^<]*\bway\b[^<]*<\/del>/);
    expect(html).toMatch(/<ins[^>]*>[^<]*\bdelayed\b[^<]*<\/ins>/);
    expect(html).not.toMatch(/<del[^>]*>[^<]*\bJane\b/); // unchanged words are not marked
    expect(text(html)).toContain('Teach this');
    expect(text(html)).toContain('sam@acme.test');
  });

  it('weekly QA shows this week’s automated WISMO ticket and the suppression mismatch', async () => {
    const html = text(await render('qa/page.tsx', {}));
    expect(html).toContain(`Weekly QA · ${isoWeekOf(now)}`);
    expect(html).toContain('#21');
    expect(html).toContain('reply auto-sent');
    expect(html).toContain('ghost@example.com');
    expect(html).toContain('2026-W01');
    const bad = text(await render('qa/page.tsx', { searchParams: { week: '2026-W99' } }));
    expect(bad).toContain('“2026-W99” is not an ISO week');
  });

  it('KPIs show volumes, times, and post-resolution conversion computed from Concord’s own data', async () => {
    const html = text(await render('kpis/page.tsx', { searchParams: { view: 'weekly' } }, 'admin'));
    expect(html).toContain('KPIs · Acme US');
    expect(html).toContain('Median first response');
    expect(html).toContain('1 h');
    expect(html).not.toContain('not reported');
    expect(html).toContain('Post-resolution conversion');
    expect(html).toContain('Post-resolution review rate');
    expect(html).toContain('Delayed shipments now');
  });

  it('the audit log shows entries with their explanation, escaped, and a filtered CSV link', async () => {
    const raw = await render('audit/page.tsx', { searchParams: { email: 'jane@example.com' } }, 'admin');
    expect(raw).toContain('sam suppressed &lt;jane&gt; &amp; friends');
    expect(raw).toContain('/api/admin/audit.csv?email=jane%40example.com');
    expect(text(raw)).toContain('Before / after');
    const none = text(await render('audit/page.tsx', { searchParams: { email: 'nobody@example.com' } }, 'admin'));
    expect(none).toContain('No entry matches these filters.');
  });
});
