import type { Config } from '@/lib/runtime/config';
import type { Db } from '@/lib/db/client';
import { linkShopAccounts, saveGorgiasAccount, saveKlaviyoAccount } from '@/lib/connections/save-accounts';
import { ensureShop } from '@/lib/connections/shops';
import { readSettings, saveSettings } from '@/lib/settings/settings-store';
import { DEMO_BRAND } from './catalog';
import { buildDemoEvents, DEMO_SHOP } from './demo-events';
import type { DemoEvent } from './types';

// The demo brand runs three stores: the US store and an EU store share one helpdesk (and one
// Klaviyo account), and a sister brand has its own of each. The two extra stores are fed through
// the same ingestion as the main one, with their own customers (distinct emails and phones, so a
// helpdesk's ticket never matches two stores' customers) and a dozen orders each.

const DEMO_EXTRA_STORES = [
  {
    domain: 'concord-demo-eu.myshopify.com',
    name: `${DEMO_BRAND.name} EU`,
    gorgiasDomain: DEMO_BRAND.gorgiasDomain,
    currency: 'EUR',
    locale: 'de-DE', // its amounts and dates read "1.299,00 €", "24. Nov. 2026" (settings: display.locale)
    tag: 'eu',
    klaviyo: 'Northbound (demo)',
  },
  {
    domain: 'summit-demo.myshopify.com',
    name: 'Summit Supply Co.',
    gorgiasDomain: 'summit-demo',
    currency: 'USD',
    locale: 'en-US',
    tag: 'summit',
    klaviyo: 'Summit (demo)',
  },
] as const;

const ORDERS_PER_EXTRA_STORE = 12;

export function buildExtraStoreEvents(now: Date): { shopDomain: string; events: DemoEvent[] }[] {
  return DEMO_EXTRA_STORES.map((store) => {
    const all = buildDemoEvents(now, {
      shopDomain: store.domain,
      shopName: store.name,
      gorgiasDomain: store.gorgiasDomain,
      currency: store.currency,
    }).filter((e) => e.source === 'shopify');
    const orderIds = new Set<unknown>();
    for (const e of all)
      if (e.source === 'shopify' && e.topic === 'orders/create' && orderIds.size < ORDERS_PER_EXTRA_STORE) orderIds.add(e.body.id);
    const kept = all.filter(
      (e) =>
        e.source === 'shopify' &&
        (e.topic.startsWith('customers/') || (e.topic.startsWith('orders/') ? orderIds.has(e.body.id) : orderIds.has(e.body.order_id))),
    );
    const events = kept.map((e) => JSON.parse(distinctContacts(JSON.stringify(e), store.tag)) as DemoEvent);
    return { shopDomain: store.domain, events };
  });
}

/** jo@example.com → jo+eu@example.com; +1 206 555 0188 → +1 206 555 0288 (still the fictional range). */
function distinctContacts(json: string, tag: string): string {
  return json
    .replace(/([\w.-]+)@example\.(com|org|net)/g, (_m, local: string, tld: string) => `${local}+${tag}@example.${tld}`)
    .replace(/555(-?)01(\d\d)/g, (_m, dash: string, d: string) => `555${dash}0${tag === 'eu' ? 2 : 3}${d}`);
}

/** The stores exist (with their helpdesk) before their first webhook arrives. */
export async function ensureDemoStores(db: Db): Promise<void> {
  await ensureShop(db, { id: DEMO_SHOP.domain, name: DEMO_SHOP.name, gorgiasDomain: DEMO_SHOP.gorgiasDomain });
  for (const s of DEMO_EXTRA_STORES) {
    await ensureShop(db, { id: s.domain, name: s.name, gorgiasDomain: s.gorgiasDomain, currency: s.currency });
    const current = await readSettings(db, s.domain);
    if (current.version === 0 && current.display.locale !== s.locale)
      await saveSettings(db, s.domain, { display: { locale: s.locale } }, { type: 'system', id: 'demo' });
  }
}

/**
 * The demo's connections (demo mode only, from lib/runtime/boot.ts): the three stores linked to their helpdesks and Klaviyo accounts, so
 * /admin/connections shows how stores share accounts. The keys are placeholders: in demo mode no
 * outside call is made with them (every effect is recorded, lib/effects/effect-executors.ts).
 */
export async function seedDemoConnections(db: Db, config: Config): Promise<void> {
  await ensureDemoStores(db);
  for (const domain of [DEMO_BRAND.gorgiasDomain, 'summit-demo']) {
    await saveGorgiasAccount(db, config, { domain, apiEmail: `api@${domain}.example.com`, apiKey: 'demo-placeholder-never-sent' });
  }
  const northbound = await saveKlaviyoAccount(db, config, { label: 'Northbound (demo)', privateKey: 'pk_demo_placeholder_never_sent' });
  const summit = await saveKlaviyoAccount(db, config, { label: 'Summit (demo)', privateKey: 'pk_demo_placeholder_never_sent' });
  await linkShopAccounts(db, DEMO_SHOP.domain, { klaviyoAccountId: northbound });
  await linkShopAccounts(db, DEMO_EXTRA_STORES[0].domain, { klaviyoAccountId: northbound });
  await linkShopAccounts(db, DEMO_EXTRA_STORES[1].domain, { klaviyoAccountId: summit });
}
