import { describe, expect, it } from 'vitest';
import { settingsSchema, defaultSettings } from '@/lib/domain/settings';
import { buildSidebarJson } from '@/lib/domain/sidebar';
import { isSupportedLocale } from '@/lib/domain/format';
import { NOW, order, view } from '../helpers/widget-view-fixture';

// The store's locale (20.9): one setting, read by every place that writes money or a date for
// that store: the Gorgias card here, the widget page and the pages (tests/browser, tests/pages).

describe('the store locale setting', () => {
  it('defaults to en-US and takes any locale Intl knows', () => {
    expect(defaultSettings().display.locale).toBe('en-US');
    expect(settingsSchema.parse({ display: { locale: 'de-DE' } }).display.locale).toBe('de-DE');
    expect(settingsSchema.parse({ display: { locale: ' en-gb ' } }).display.locale).toBe('en-GB'); // canonical form
  });
  it('refuses an empty or made-up locale with a message', () => {
    for (const bad of ['', 'english please', 'en_US_x!', 'de-DE-x-'.repeat(20)]) {
      const r = settingsSchema.safeParse({ display: { locale: bad } });
      expect(r.success, bad).toBe(false);
      expect(r.error!.issues[0].message).toMatch(/locale like en-US/);
    }
    expect(isSupportedLocale('fr-CA')).toBe(true);
    expect(isSupportedLocale('zz-not')).toBe(false);
  });
});

describe('the Gorgias card writes money and dates in the store locale', () => {
  const eu = (locale: string) =>
    view({
      shop: { id: 'acme-eu.myshopify.com', name: 'Acme EU', locale },
      orders: [
        order({ totalPrice: '1299.50', currency: 'EUR', refunds: [{ amount: '20.00', createdAt: new Date('2026-11-18T09:00:00Z') }] }),
      ],
    });
  it('de-DE: 1.299,50 € and 18.11.2026-style dates', () => {
    const json = buildSidebarJson(eu('de-DE'), NOW);
    expect(json.orders[0].total).toBe('1.299,50\u00a0€');
    expect(json.orders[0].refunds).toBe('20,00\u00a0€ on 18. Nov. 2026');
    expect(json.customer.total_spent).toBe('1.240,50\u00a0$');
    expect(json.data_age).toMatch(/\(20\. Nov\. 2026, 11:57 UTC\)$/);
  });
  it('en-US (the default): $1,240.50 and Nov 18, 2026', () => {
    const json = buildSidebarJson(eu('en-US'), NOW);
    expect(json.orders[0].total).toBe('€1,299.50');
    expect(json.orders[0].refunds).toBe('€20.00 on Nov 18, 2026');
    expect(json.customer.total_spent).toBe('$1,240.50');
  });
});
