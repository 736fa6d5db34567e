import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { widgetUrl } from '@/lib/auth/widget-link';
import { DEMO_SHOP } from '@/lib/demo/demo-events';
import { BASE_URL, launchBrowser } from './browser';

// Issue 20.3 and 20.5 as an agent meets them in Chromium. Written before the fixes; they failed on the
// build of that time (the card still said "Cancellation is safe" after the cancel, and there was no
// one button pairing the reply with the action).

const AGENT = 'e2e-actions@concord.test';
const link = (ticketId: string) => widgetUrl(BASE_URL, { ticketId, shopId: DEMO_SHOP.domain, agent: AGENT }, process.env.SESSION_SECRET!, new Date());
const verdictText = (page: Page) => page.getByTestId('verdict').innerText();

async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  for (const width of [400, 340]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `docs/screenshots/agent-${name}-${width}.png` });
  }
  await page.setViewportSize(size);
}

describe('the verdict after an action (20.3)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('after a cancel, stops offering the cancel, shows it done with an “as of” time, and warns on a repeat', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 1400 } });
    await page.goto(link('48120004'));
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('recommendation').innerText()).toBe('Cancel the order');
    expect(await verdictText(page)).toMatch(/Cancellation is safe/);

    await page.getByRole('group', { name: 'Policy actions' }).getByRole('button', { name: /^Cancel order/ }).click();
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Confirm action' }).waitFor();
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.getByText(/Done: .*Queued as action/).waitFor();

    await expect.poll(() => verdictText(page), { timeout: 20_000 }).not.toMatch(/Cancellation is safe/);
    expect(await page.getByTestId('recommendation').innerText()).not.toBe('Cancel the order');
    const state = page.getByTestId('recommendation-state');
    await expect.poll(() => state.innerText(), { timeout: 20_000 }).toMatch(new RegExp(`(Cancellation queued|Order cancelled) by ${AGENT}`));
    expect(await page.locator('#verdict-title').locator('..').innerText()).toMatch(/as of (just now|\d+ min ago)/);
    // The actions row no longer marks the cancel as the suggested step.
    expect(await page.getByRole('group', { name: 'Policy actions' }).getByRole('button', { name: /^Cancel order/ }).innerText()).not.toContain('✓');
    await page.locator('#verdict-title').scrollIntoViewIfNeeded();
    await shoot(page, 'after-cancel');

    // Asking again warns before anything is confirmed.
    await page.getByRole('group', { name: 'Policy actions' }).getByRole('button', { name: /^Cancel order/ }).click();
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await expect.poll(() => page.getByRole('alertdialog', { name: 'Confirm action' }).innerText()).toMatch(new RegExp(`Already asked.*by ${AGENT}`, 's'));
    await page.close();
  });
});
