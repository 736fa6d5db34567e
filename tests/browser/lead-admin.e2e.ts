import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_SHOP } from '@/lib/demo/demo-events';
import { isoWeekOf } from '@/lib/domain/qa-sample';
import { BASE_URL, launchBrowser } from './browser';

// The lead's and the admin's paths on the demo data, signed in through the login form.
// The tests in this file run in order and share the server with the other browser test files
// (fileParallelism is off): the last test reads the audit entries the earlier ones wrote, and the
// settings change is undone before the file ends.

const PASSWORD = 'concord-demo';
const LEAD = 'lead@concord.demo';
const ADMIN = 'admin@concord.demo';

// 48120001: WISMO on a healthy shipment, written 5 hours before the demo was seeded. Its verdict
// automates the tracking reply, so it is in the weekly QA sample of the week it was written in.
const QA_TICKET = '48120001';
const QA_WEEK = isoWeekOf(new Date(Date.now() - 5 * 3_600_000));
const QA_NOTE = `e2e: the reply should name the carrier (${Date.now()})`;

// A return asked for 26 days after delivery: inside a 30-day window, outside a 20-day one.
const RETURN_SCENARIO = {
  now: '2026-11-24T12:00:00Z',
  intent: 'return_exchange',
  message: 'Hi, the jacket does not fit me. Can I return it?',
  order: {
    id: 5940139499901,
    name: '#1901',
    email: 'e2e-return@example.com',
    created_at: '2026-10-20T10:00:00Z',
    updated_at: '2026-10-29T10:00:00Z',
    financial_status: 'paid',
    fulfillment_status: 'fulfilled',
    currency: 'USD',
    total_price: '120.00',
    tags: '',
    line_items: [{ id: 1, title: 'Trail Jacket', sku: 'TJ-M', quantity: 1, price: '120.00' }],
    fulfillments: [
      {
        id: 77,
        order_id: 5940139499901,
        status: 'success',
        shipment_status: 'delivered',
        created_at: '2026-10-22T10:00:00Z',
        updated_at: '2026-10-29T10:00:00Z',
      },
    ],
    refunds: [],
  },
  events: [{ id: 1, fulfillment_id: 77, order_id: 5940139499901, status: 'delivered', happened_at: '2026-10-29T10:00:00Z' }],
  customer: { vip: false, refunds_last_90_days: 0 },
};
const DEFAULT_WINDOW = '30';
const NARROW_WINDOW = '20';

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The form signs in with fetch and then navigates: a lead to the draft review, an admin to /admin.
  await page.waitForURL((url) => url.pathname.startsWith('/admin'));
  await expect.poll(() => page.getByRole('banner').innerText()).toContain(email);
}

const returnWindowField = (page: Page) => page.getByLabel('Return window (days from delivery)');
const versionLine = (page: Page) => page.getByText(/^Version .*Every save is a new version/);

/**
 * Sets the return window on the settings page and saves; returns the new settings version. The form
 * reloads the page after a successful save, and that reload must already show the saved version (the
 * page reads settings uncached; it once showed a stale copy for up to 5 s).
 */
async function saveReturnWindow(page: Page, days: string): Promise<number> {
  await page.goto(`${BASE_URL}/admin/settings`);
  const shownVersion = async () => {
    const m = /^Version (\d+|defaults \(never saved\))\./.exec(await versionLine(page).innerText());
    if (!m) throw new Error(`no version line on the settings page: ${await versionLine(page).innerText()}`);
    return m[1].startsWith('defaults') ? 0 : Number(m[1]);
  };
  const before = await shownVersion();
  await returnWindowField(page).fill(days);
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/admin/settings' && r.request().method() === 'PUT', { timeout: 15_000 }),
    page.waitForEvent('load', { timeout: 15_000 }), // the form reloads the page after a successful save
    page.getByRole('button', { name: 'Save settings' }).click(),
  ]);
  if (response.status() !== 200) throw new Error(`saving the settings answered HTTP ${response.status()}`);
  await versionLine(page).waitFor();
  const version = await shownVersion();
  if (version !== before + 1) throw new Error(`after the save the page shows version ${version}; expected ${before + 1}`);
  const value = await returnWindowField(page).inputValue();
  if (value !== days) throw new Error(`version ${version} shows a return window of ${value}, not ${days}`);
  return version;
}

/** Runs the return scenario through the settings page's policy simulator; returns what it shows. */
async function simulateReturn(page: Page): Promise<string> {
  const result = page.getByTestId('simulation-result');
  await page.getByTestId('scenario').fill(JSON.stringify(RETURN_SCENARIO, null, 2));
  await page.getByRole('button', { name: 'Run scenario' }).click();
  await result.waitFor();
  await expect.poll(() => result.innerText()).toMatch(/→/);
  return result.innerText();
}

describe('lead and admin pages (browser)', () => {
  let browser: Browser;
  let leadContext: BrowserContext;
  let adminContext: BrowserContext;
  let lead: Page;
  let admin: Page;
  let windowChanged = false;
  let narrowedVersion = 0;
  let restoredVersion = 0;

  beforeAll(async () => {
    browser = await launchBrowser();
    leadContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    lead = await leadContext.newPage();
    admin = await adminContext.newPage();
  });

  afterAll(async () => {
    // Leave the shared server's settings as they were, even when a test failed half-way.
    try {
      if (windowChanged) await saveReturnWindow(admin, DEFAULT_WINDOW);
    } finally {
      await browser?.close();
    }
  });

  it('signs the lead in through the login form, opens the draft review, and keeps them out of admin-only pages', async () => {
    await signIn(lead, LEAD);
    expect(new URL(lead.url()).pathname).toBe('/admin/review');
    await lead.getByRole('heading', { name: 'Draft review', level: 1 }).waitFor();
    await lead.getByRole('heading', { name: /^Sent drafts \(\d+\)$/ }).waitFor();
    expect(await lead.getByRole('region', { name: 'Summary' }).innerText()).toContain('Drafts sent by agents');
    // Open the most edited draft: the demo drafts each ticket before its agent reply, so pairs exist.
    await lead.goto(`${BASE_URL}/admin/review?sort=most_edited`);
    await lead
      .getByRole('link', { name: /^Review draft \d+ on ticket/ })
      .first()
      .click();
    await lead.waitForURL((u) => /^\/admin\/review\/\d+$/.test(u.pathname));
    const diff = lead.getByRole('region', { name: 'Draft and sent reply' });
    await diff.waitFor();
    // The legend holds one <del> and one <ins>; the diff itself must add more of both.
    expect(await diff.locator('del').count()).toBeGreaterThan(1);
    expect(await diff.locator('ins').count()).toBeGreaterThan(1);
    const edits = await lead.getByRole('region', { name: 'How much changed' }).innerText();
    expect(edits).toMatch(/Word edits\s*[1-9]\d*/);
    await lead.screenshot({ path: 'docs/screenshots/review-diff.png', fullPage: true });

    // The nav offers the lead's pages only.
    const nav = lead.getByRole('navigation', { name: 'Admin' });
    expect(await nav.getByRole('link', { name: 'Weekly QA' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

    // Typing the URL of an admin-only page sends the lead back to the login page with a notice.
    await lead.goto(`${BASE_URL}/admin/settings`);
    const url = new URL(lead.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('forbidden')).toBe('1');
    expect(url.searchParams.get('next')).toBe('/admin/settings');
    await lead.getByText(/Your role can.t open that page/).waitFor();
    expect(await lead.getByRole('button', { name: 'Save settings' }).count()).toBe(0);

    await lead.goto(`${BASE_URL}/admin/audit`);
    expect(new URL(lead.url()).searchParams.get('forbidden')).toBe('1');

    // The admin API behind the page refuses the lead's session too.
    const api = await leadContext.request.get(`${BASE_URL}/api/admin/settings?shop=${DEMO_SHOP.domain}`);
    expect(api.status()).toBe(403);
    expect((await api.json()).error.code).toBe('forbidden');
  });

  it('lets the lead mark a weekly QA sample item wrong with a note, and the mark survives a reload', async () => {
    await lead.goto(`${BASE_URL}/admin/review`);
    await lead.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Weekly QA' }).click();
    await lead.waitForURL((u) => u.pathname === '/admin/qa');
    await lead.getByRole('heading', { name: /^Weekly QA · \d{4}-W\d{2}$/ }).waitFor();
    // Normally this week; just after Monday 00:00 UTC the ticket belongs to last week's sample.
    if (!(await lead.getByRole('heading', { name: `Weekly QA · ${QA_WEEK}` }).count()))
      await lead.goto(`${BASE_URL}/admin/qa?week=${QA_WEEK}`);
    await lead.getByRole('heading', { name: `Weekly QA · ${QA_WEEK}` }).waitFor();

    const sample = () => lead.getByRole('region', { name: /^Automated WISMO replies/ });
    const item = () =>
      sample()
        .getByRole('listitem')
        .filter({ hasText: `#${QA_TICKET}` });
    expect(await item().count()).toBe(1);
    expect(await item().innerText()).toContain('tracking.healthy');

    await item().getByLabel('Note').fill(QA_NOTE);
    await item().getByRole('button', { name: '✗ Wrong' }).click();
    await expect.poll(() => item().getByRole('status').innerText(), { timeout: 15_000 }).toMatch(/^Marked wrong/);
    expect(await item().getByRole('button', { name: '✗ Wrong' }).getAttribute('aria-pressed')).toBe('true');

    // Saved on the server: a fresh page load shows the mark, the note and who made it.
    await lead.reload();
    await sample().waitFor();
    expect(await item().getByRole('button', { name: '✗ Wrong' }).getAttribute('aria-pressed')).toBe('true');
    expect(await item().getByRole('button', { name: '✓ Correct' }).getAttribute('aria-pressed')).toBe('false');
    expect(await item().getByLabel('Note').inputValue()).toBe(QA_NOTE);
    expect(await item().getByRole('status').innerText()).toBe(`Marked by ${LEAD}`);
    const history = lead.getByRole('region', { name: 'Results week by week' });
    const weekRow = history.getByRole('row').filter({ has: lead.getByRole('link', { name: QA_WEEK, exact: true }) });
    expect(await weekRow.count()).toBe(1);
    expect(Number((await weekRow.getByRole('cell').nth(3).innerText()).trim())).toBeGreaterThanOrEqual(1); // the "Wrong" column
    await lead.screenshot({ path: 'docs/screenshots/qa.png', fullPage: true });
  });

  it('lets the admin narrow the return window and the policy simulator’s verdict flips from automate to a person', async () => {
    await signIn(admin, ADMIN);
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Settings' }).click();
    await admin.waitForURL((u) => u.pathname === '/admin/settings');
    expect(await returnWindowField(admin).inputValue()).toBe(DEFAULT_WINDOW);

    const before = await simulateReturn(admin);
    expect(before).toContain('automate → create_return');
    expect(before).toContain(`delivered 26 days ago, inside your ${DEFAULT_WINDOW}-day window`);

    windowChanged = true;
    narrowedVersion = await saveReturnWindow(admin, NARROW_WINDOW);
    const after = await simulateReturn(admin);
    expect(after).toContain('human_review → assign_human_review');
    expect(after).toContain(`delivered 26 days ago, outside the ${NARROW_WINDOW}-day window`);

    // Put it back, and the same scenario is automated again.
    restoredVersion = await saveReturnWindow(admin, DEFAULT_WINDOW);
    windowChanged = false;
    expect(restoredVersion).toBe(narrowedVersion + 1);
    expect(await simulateReturn(admin)).toContain('automate → create_return');
    expect(await admin.getByRole('region', { name: 'History' }).innerText()).toContain(ADMIN);
  });

  it('shows the lead’s QA mark and both settings changes in the audit log', async () => {
    const search = async (action: string) => {
      await admin.goto(`${BASE_URL}/admin/audit`);
      await admin.getByLabel('Action', { exact: true }).fill(action);
      await admin.getByRole('button', { name: 'Search', exact: true }).click();
      await admin.waitForURL((u) => u.searchParams.get('action') === action);
      const entries = admin.getByRole('region', { name: 'Matching entries' }).getByRole('listitem');
      await entries.first().waitFor();
      return entries;
    };

    const qa = (await search('qa.reviewed')).filter({ hasText: QA_NOTE });
    expect(await qa.count()).toBe(1);
    const qaText = await qa.innerText();
    expect(qaText).toContain('lead');
    expect(qaText).toContain(`${LEAD} marked ticket:${QA_TICKET} wrong in the ${QA_WEEK} QA`);

    const settings = await search('settings.updated');
    const narrowed = settings.filter({
      hasText: `Settings changed to version ${narrowedVersion}: returns.windowDays ${DEFAULT_WINDOW} → ${NARROW_WINDOW}.`,
    });
    const restored = settings.filter({
      hasText: `Settings changed to version ${restoredVersion}: returns.windowDays ${NARROW_WINDOW} → ${DEFAULT_WINDOW}.`,
    });
    expect(await narrowed.count()).toBe(1);
    expect(await restored.count()).toBe(1);
    expect(await narrowed.innerText()).toContain(ADMIN);
    expect(await restored.innerText()).toContain(ADMIN);
    // Newest first: the restore is listed above the change it undid.
    const all = await settings.allInnerTexts();
    expect(all.findIndex((t) => t.includes(`version ${restoredVersion}:`))).toBeLessThan(
      all.findIndex((t) => t.includes(`version ${narrowedVersion}:`)),
    );
  });
});
