import type { AuditAction } from '@/lib/audit/audit-actions';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/admin/audit.csv/route';
import { writeAudit } from '@/lib/audit/write-audit';
import { parseAuditFilters, searchAudit } from '@/lib/audit/search-audit';
import { orders } from '@/lib/db/schema';
import { ensureShop } from '@/lib/connections/shops';
import { useTestApp } from '../helpers/app';
import { sessionHeaders } from '../helpers/session';

const SHOP = 'acme.myshopify.com';
const day = (d: number, h = 12) => new Date(Date.UTC(2026, 10, d, h));

function csv(qs: string, role: 'admin' | 'lead' = 'admin') {
  return GET(new Request(`http://concord.test/api/admin/audit.csv${qs}`, { headers: sessionHeaders(role) }));
}
const search = async (db: Parameters<typeof searchAudit>[0], qs: string, pageSize?: number) => {
  const { filters, errors } = parseAuditFilters(new URLSearchParams(qs));
  expect(errors).toEqual([]);
  return searchAudit(db, filters, pageSize);
};

describe('audit log search and export', () => {
  const t = useTestApp();

  beforeAll(async () => {
    const db = t.get().db;
    await ensureShop(db, { id: SHOP });
    await db.insert(orders).values({
      shopId: SHOP,
      shopifyOrderId: '5550001',
      name: '#1043',
      orderNumber: 1043,
      currency: 'USD',
      totalPrice: '10.00',
      shopifyCreatedAt: day(1),
      shopifyUpdatedAt: day(1),
    });
    const e = (over: Partial<Parameters<typeof writeAudit>[1]>) =>
      writeAudit(db, {
        shopId: SHOP,
        actor: { type: 'system' },
        action: 'ticket.classified',
        explanation: 'Intent wismo (90%, rules).',
        ...over,
      });
    await e({ at: day(20), ticketId: '11', customerEmail: 'jane@example.com', orderId: '5550001' });
    await e({
      at: day(21),
      action: 'suppression.suppress',
      actor: { type: 'agent', id: 'Sam@Acme.test' },
      customerEmail: 'jane@example.com',
      explanation: 'sam: jane@example.com is suppressed, reason: "late, angry"\nsecond line',
      before: { suppressed: false },
      after: { suppressed: true },
    });
    await e({
      at: day(22),
      action: 'suppression.release',
      actor: { type: 'agent', id: 'kim@acme.test' },
      customerEmail: 'bob@example.com',
      explanation: '=HYPERLINK("http://evil.test","click me")',
    });
    await e({
      at: day(23),
      action: 'draft.taught',
      actor: { type: 'lead', id: 'lead@concord.test' },
      ticketId: '12',
      explanation: '100% of the draft kept; 50_50 split',
    });
    // Shares a prefix with suppression.* without the dot; no code writes it (an entry of an older version).
    await e({ at: day(24), action: 'suppressionist' as AuditAction, explanation: '+1 555 0100' });
  });

  it('finds entries by customer, order (id or number), ticket, actor, action and words, newest first', async () => {
    const db = t.get().db;
    const actions = async (qs: string) => (await search(db, qs)).rows.map((r) => r.action);
    expect(await actions('')).toEqual([
      'suppressionist',
      'draft.taught',
      'suppression.release',
      'suppression.suppress',
      'ticket.classified',
    ]);
    expect(await actions('email=JANE@example.com')).toEqual(['suppression.suppress', 'ticket.classified']);
    expect(await actions('order=5550001')).toEqual(['ticket.classified']);
    expect(await actions('order=%231043')).toEqual(['ticket.classified']);
    expect(await actions('order=1043')).toEqual(['ticket.classified']);
    expect(await actions('ticket=12')).toEqual(['draft.taught']);
    expect(await actions('actor=sam')).toEqual(['suppression.suppress']);
    expect(await actions('actor=lead')).toEqual(['draft.taught']);
    expect(await actions('action=suppression')).toEqual(['suppression.release', 'suppression.suppress']);
    expect(await actions('action=suppression.release')).toEqual(['suppression.release']);
    expect(await actions('q=ANGRY')).toEqual(['suppression.suppress']);
    expect(await actions('q=100%25')).toEqual(['draft.taught']); // % is literal, not a wildcard
    expect(await actions('q=100_')).toEqual([]); // _ is literal too (as a wildcard it would match "100%")
    expect(await actions('q=50_50')).toEqual(['draft.taught']);
    expect(await actions('from=2026-11-21&to=2026-11-22')).toEqual(['suppression.release', 'suppression.suppress']);
    expect(await actions('email=jane@example.com&action=ticket')).toEqual(['ticket.classified']);
    expect(await actions('shop=other.myshopify.com')).toEqual([]);
  });

  it('pages newest first', async () => {
    const db = t.get().db;
    const p1 = await search(db, '', 2);
    expect(p1.rows.map((r) => r.action)).toEqual(['suppressionist', 'draft.taught']);
    expect(p1.hasNext).toBe(true);
    const p3 = await search(db, 'page=3', 2);
    expect(p3.rows.map((r) => r.action)).toEqual(['ticket.classified']);
    expect(p3.hasNext).toBe(false);
  });

  it('drops and reports a bad filter instead of failing the page', () => {
    const { filters, errors } = parseAuditFilters(new URLSearchParams('from=2026-13-45&email=jane@example.com&page=abc'));
    expect(filters).toMatchObject({ email: 'jane@example.com', page: 1 });
    expect(filters.from).toBeUndefined();
    expect(errors).toEqual([expect.stringMatching(/^from: /)]);
  });

  it('exports the same filtered entries as CSV, quoted and safe to open in a spreadsheet', async () => {
    const res = await csv('?action=suppression');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="concord-audit-\d{12}\.csv"$/);
    const body = await res.text();
    const lines = body.split('\r\n');
    expect(lines[0]).toBe(
      'id,at,shop,actor_type,actor,action,subject_type,subject_id,customer_email,order_id,ticket_id,explanation,before,after',
    );
    expect(body).toContain(`,"'=HYPERLINK(""http://evil.test"",""click me"")",`);
    expect(body).toContain('"sam: jane@example.com is suppressed, reason: ""late, angry""\nsecond line"');
    expect(body).toContain('"{""suppressed"":false}","{""suppressed"":true}"');
    expect(body).not.toContain('ticket.classified');
    expect(body.indexOf('suppression.release')).toBeLessThan(body.indexOf('suppression.suppress'));
    expect(res.headers.get('x-audit-rows')).toBe('2');
    const all = await (await csv('')).text();
    expect(all).toContain(",'+1 555 0100,");
  });

  it('refuses bad filters with 400 and leads with 403', async () => {
    const bad = await csv('?from=2026-13-45');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/from: /);
    expect((await csv('', 'lead')).status).toBe(403);
  });
});
