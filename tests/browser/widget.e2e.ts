import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { widgetUrl } from '@/lib/auth/widget-link';
import { DEMO_SHOP, DEMO_SHOWCASE_TICKET_ID } from '@/lib/demo/demo-events';
import { BASE_URL, launchBrowser } from './browser';

// The agent's path on the demo data: open the ticket's widget, see order, tracking, verdict, draft.
describe('widget page (browser)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 520, height: 1400 } });
  });
  afterAll(async () => browser?.close());

  const open = (ticketId: string) =>
    page.goto(widgetUrl(BASE_URL, { ticketId, shopId: DEMO_SHOP.domain, agent: 'e2e-agent@concord.test' }, process.env.SESSION_SECRET!, new Date()));

  it('shows the order, the tracking link, the verdict and the draft for a demo ticket', async () => {
    await open(DEMO_SHOWCASE_TICKET_ID);
    await page.getByTestId('order').first().waitFor();
    const link = page.getByTestId('tracking-link').first();
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('verdict').innerText()).toMatch(/human review|safe to automate/);
    // The draft is written by the worker shortly after seeding.
    await page.waitForFunction(() => (document.querySelector('[data-testid="draft-text"]') as HTMLTextAreaElement | null)?.value.length ?? 0 > 20, null, { timeout: 30_000 });
    expect(await page.getByTestId('draft-text').inputValue()).toMatch(/\S{3,}/);
    await page.screenshot({ path: 'docs/screenshots/widget.png', fullPage: true });
  });

  it('refuses a forged link', async () => {
    await page.goto(`${BASE_URL}/widget/${DEMO_SHOWCASE_TICKET_ID}?token=forged.token`);
    expect(await page.getByRole('alert').innerText()).toMatch(/not valid/);
  });
});
