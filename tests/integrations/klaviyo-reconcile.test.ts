import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { issues, klaviyoProfiles, outbox } from '@/lib/db/schema';
import { reconcileKlaviyo } from '@/lib/klaviyo-sync/reconcile-klaviyo';
import { useTestApp } from '../helpers/app';

describe('Klaviyo reconciliation', () => {
  const t = useTestApp();
  const SHOP = 'acme.myshopify.com';

  it('reports and repairs profiles whose flag drifted from Concord’s state', async () => {
    const db = t.get().db;
    const now = new Date('2026-11-24T12:00:00Z');
    await db.insert(klaviyoProfiles).values([
      { shopId: SHOP, customerEmail: 'resolved@x.test', suppressed: true },
      { shopId: SHOP, customerEmail: 'open@x.test', suppressed: true },
      { shopId: SHOP, customerEmail: 'missing@x.test', suppressed: false },
    ]);
    await db.insert(issues).values({
      shopId: SHOP,
      key: 'delay:1',
      kind: 'delay',
      status: 'open',
      customerEmail: 'open@x.test',
      reason: 'late',
      openedAt: now,
      lastSignalAt: now,
    });
    await db.insert(issues).values({
      shopId: SHOP,
      key: 'delay:2',
      kind: 'delay',
      status: 'resolved',
      customerEmail: 'resolved@x.test',
      reason: 'delivered',
      openedAt: now,
      resolvedAt: now,
      lastSignalAt: now,
    });
    const klaviyo = {
      getProfileByEmail: async (email: string) =>
        email === 'missing@x.test' ? null : { id: email, properties: { concord_active_issue: true } }, // Klaviyo still flags everyone it knows
    };
    const r = await reconcileKlaviyo(db, klaviyo, SHOP, now);
    expect(r.checked).toBe(3);
    expect(r.inSync).toBe(1); // open@x.test: open issue and flagged
    expect(r.drift.map((d) => d.email).sort()).toEqual(['missing@x.test', 'resolved@x.test']);
    expect(r.stillFlaggedAfterResolution).toBe(1);
    const syncs = await db.select().from(outbox).where(eq(outbox.kind, 'klaviyo.sync_profile'));
    expect(syncs.map((s) => (s.payload as { email: string }).email).sort()).toEqual(['missing@x.test', 'resolved@x.test']);
    const [row] = await db.select().from(klaviyoProfiles).where(eq(klaviyoProfiles.customerEmail, 'resolved@x.test'));
    expect(row.suppressed).toBe(false);
  });
});
