import { beforeAll, describe, expect, it } from 'vitest';
import { PUT } from '@/app/api/admin/settings/route';
import { defaultSettings } from '@/lib/domain/settings';
import { settingsProblems } from '@/lib/domain/settings-fields';
import { readSettings } from '@/lib/settings/settings-store';
import { ensureShop } from '@/lib/connections/shops';
import { useTestApp } from '../helpers/app';
import { sessionHeaders } from '../helpers/session';

// Settings that can't be broken (issue 20.8): a cleared "Return window" is not 0, a cleared tag
// prefix is not "", and every range is checked with a message, in the form and in the API.

const SHOP = 'acme.myshopify.com';
const put = (settings: unknown) =>
  PUT(
    new Request('http://concord.test/api/admin/settings', {
      method: 'PUT',
      headers: sessionHeaders('admin', { json: true }),
      body: JSON.stringify({ shop: SHOP, settings }),
    }),
  );

describe('settingsProblems', () => {
  it('passes the defaults', () => {
    expect(settingsProblems(defaultSettings())).toEqual([]);
  });

  it('names a cleared number, an out-of-range one and a fraction where whole days are asked', () => {
    const s = defaultSettings() as unknown as {
      returns: { windowDays: unknown };
      refunds: { repeatCount: unknown };
      addressChange: { cutoffHours: unknown };
    };
    s.returns.windowDays = '';
    s.refunds.repeatCount = 0;
    s.addressChange.cutoffHours = 2000;
    expect(settingsProblems(s)).toEqual([
      { path: 'returns.windowDays', label: 'Return window (days from delivery)', message: 'Required: a whole number from 0 to 365.' },
      {
        path: 'addressChange.cutoffHours',
        label: 'Address-change cutoff (hours after the order)',
        message: 'Out of range: a whole number from 0 to 720.',
      },
      { path: 'refunds.repeatCount', label: 'Repeated refunds: count', message: 'Out of range: a whole number from 1 to 50.' },
    ]);
    s.returns.windowDays = 14.5;
    expect(settingsProblems(s)[0].message).toBe('Must be a whole number from 0 to 365.');
  });

  it('requires the tag prefix, the brand name and the signature, and checks the prefix’s form and the amounts', () => {
    const s = defaultSettings();
    s.routing.tagPrefix = '  ';
    s.tone.brandName = '';
    s.highValue.threshold = '5,00';
    expect(settingsProblems(s).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'highValue.threshold: Must be an amount like 500 or 500.00 (digits, at most two decimals).',
      'tone.brandName: Required.',
      'routing.tagPrefix: Required.',
    ]);
    s.routing.tagPrefix = 'concord tags/';
    s.tone.brandName = 'Acme';
    s.highValue.threshold = '500';
    expect(settingsProblems(s).map((p) => p.message)).toEqual(['Letters, digits and - _ / . only, no spaces (e.g. concord/).']);
  });
});

describe('the store locale field (20.9)', () => {
  it('needs a locale Intl knows, with a message naming what was typed', () => {
    const s = defaultSettings();
    s.display.locale = '';
    expect(settingsProblems(s)).toEqual([{ path: 'display.locale', label: 'Locale for money and dates', message: 'Required.' }]);
    s.display.locale = 'english';
    expect(settingsProblems(s)[0].message).toBe('A locale like en-US, en-GB or de-DE.');
    s.display.locale = 'zz-not';
    expect(settingsProblems(s)[0].message).toBe('“zz-not” is not a locale this browser and server know: try en-US, en-GB or de-DE.');
    s.display.locale = 'de-DE';
    expect(settingsProblems(s)).toEqual([]);
  });
});

describe('PUT /api/admin/settings', () => {
  const t = useTestApp();
  beforeAll(async () => {
    await ensureShop(t.get().db, { id: SHOP, name: 'Acme' });
  });

  it('refuses a cleared return window and a cleared tag prefix with a message, and saves nothing', async () => {
    const s = defaultSettings() as unknown as Record<string, Record<string, unknown>>;
    s.returns.windowDays = '';
    s.routing.tagPrefix = '';
    const res = await put(s);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe('invalid_settings');
    expect(json.error.message).toContain('Return window (days from delivery): Required: a whole number from 0 to 365.');
    expect(json.error.message).toContain('Gorgias tag prefix: Required.');
    expect((await readSettings(t.get().db, SHOP)).version).toBe(0);
  });

  it('saves valid settings as a new version', async () => {
    const s = defaultSettings();
    s.returns.windowDays = 21;
    const res = await put(s);
    expect(res.status).toBe(200);
    expect((await readSettings(t.get().db, SHOP)).returns.windowDays).toBe(21);
  });
});
