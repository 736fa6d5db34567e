import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { widgetUrl } from '@/lib/auth/widget-link';
import { DEMO_SHOP } from '@/lib/demo/demo-events';
import { BASE_URL, launchBrowser } from './browser';

// Issue 20's bugs, each as an agent meets them in Chromium (issue 20 items 1, 2, 3, 9). These
// were written before the fixes and failed against the build of that time.

const AGENT = 'e2e-day@concord.test';
const link = (ticketId: string) =>
  widgetUrl(BASE_URL, { ticketId, shopId: DEMO_SHOP.domain, agent: AGENT }, process.env.SESSION_SECRET!, new Date());
const draftText = (page: Page) => page.getByTestId('draft-text');

/** The state on screen at 400 px and at 340 px (the narrowest Gorgias sidebar), for docs/screenshots. */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  for (const width of [400, 340]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `docs/screenshots/agent-${name}-${width}.png` });
  }
  await page.setViewportSize(size);
}

async function openWithDraft(page: Page, ticketId: string): Promise<void> {
  await page.goto(link(ticketId));
  await page.getByTestId('order').first().waitFor();
  await page.waitForFunction(
    () => ((document.querySelector('[data-testid="draft-text"]') as HTMLTextAreaElement | null)?.value.length ?? 0) > 20,
    null,
    { timeout: 30_000 },
  );
}

describe('typed work is never lost (20.1)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('keeps unsent text across a reload and on another device', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 1200 } });
    await openWithDraft(page, '48120003');
    const mine = `${await draftText(page).inputValue()}\nP.S. Kept across reloads ${Date.now()}.`;
    await draftText(page).fill(mine);
    await page.getByText('Saved', { exact: false }).first().waitFor({ timeout: 10_000 });
    await page.reload();
    await page.getByTestId('order').first().waitFor();
    await expect.poll(() => draftText(page).inputValue(), { timeout: 10_000 }).toBe(mine);
    // A second browser (another device) finds the same text.
    const other = await (await browser.newContext()).newPage();
    await other.goto(link('48120003'));
    await expect.poll(() => other.getByTestId('draft-text').inputValue(), { timeout: 10_000 }).toBe(mine);
    await page.close();
    await other.close();
  });

  it('offers a new draft instead of replacing the agent’s edits, and Redraft asks first and can be undone', async () => {
    const a = await browser.newPage({ viewport: { width: 400, height: 1400 } });
    await openWithDraft(a, '48120013');
    const mine = `My own words for this customer ${Date.now()}.`;
    await draftText(a).fill(mine);
    await a.getByText('Saved', { exact: false }).first().waitFor({ timeout: 10_000 });

    // A Redraft in a second tab: the first tab keeps the agent's text and offers the new draft.
    const b = await browser.newPage({ viewport: { width: 400, height: 1400 } });
    await b.goto(link('48120013'));
    await b.getByTestId('order').first().waitFor();
    await b.getByRole('button', { name: 'Redraft' }).click();
    // b has the same saved edits, so Redraft asks before replacing them.
    await b.getByRole('alertdialog', { name: /Replace your edits/ }).waitFor();
    await b.getByRole('button', { name: 'Replace with a new draft' }).click();
    await expect.poll(() => b.getByTestId('draft-text').inputValue(), { timeout: 30_000 }).not.toBe(mine);
    await b.getByRole('button', { name: 'Undo' }).click();
    expect(await b.getByTestId('draft-text').inputValue()).toBe(mine);

    await a.getByText('New draft available').waitFor({ timeout: 30_000 });
    expect(await draftText(a).inputValue()).toBe(mine);
    await a.locator('#draft-title').scrollIntoViewIfNeeded();
    await shoot(a, 'new-draft');
    await a.getByRole('button', { name: 'Keep mine' }).click();
    expect(await draftText(a).inputValue()).toBe(mine);
    await expect.poll(() => a.getByText('New draft available').count()).toBe(0);
    await a.close();
    await b.close();
  });

  it('keeps the widget when a background refresh fails, and says it is retrying', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 1200 } });
    await openWithDraft(page, '48120018');
    const mine = `Edited before the blip ${Date.now()}.`;
    await draftText(page).fill(mine);
    await page.route(/\/api\/widget\/48120018(\?|$)/, (route) => route.fulfill({ status: 502, body: 'bad gateway' }));
    // The widget refetches every 15 s; the next one fails (and its one retry).
    await page.getByText(/Can’t refresh, retrying/).waitFor({ timeout: 25_000 });
    expect(await page.getByText('Couldn’t load this ticket').count()).toBe(0);
    await shoot(page, 'refresh-failed');
    expect(await draftText(page).inputValue()).toBe(mine);
    await page.unroute(/\/api\/widget\/48120018(\?|$)/);
    await page.close();
  });
});

describe('flags follow the edited text (20.2) and a send is marked (20.3)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('re-checks edited text as the agent types, and Send lists what is unbacked and asks once more', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 1400 } });
    await openWithDraft(page, '48120010');
    await draftText(page).fill('Hi Lucas, please call us on +1 (800) 555-0199 and send your card details so we can refund you.');
    const flags = page.getByTestId('live-flags');
    await flags.waitFor({ timeout: 10_000 });
    await expect.poll(() => flags.innerText()).toMatch(/\+1 \(800\) 555-0199/);
    expect(await flags.innerText()).toMatch(/send your card details/);
    expect(await page.getByTestId('flag-count').innerText()).toMatch(/[2-9] flags/);

    await page.getByRole('button', { name: 'Send reply' }).click();
    const ask = page.getByRole('alertdialog', { name: /unbacked/i });
    await ask.waitFor();
    expect(await ask.innerText()).toMatch(/555-0199/);
    // Focus moves to the confirmation: Enter, Enter can't slip through it.
    expect(await page.evaluate(() => document.activeElement?.closest('[role="alertdialog"]') !== null)).toBe(true);
    await page.getByRole('button', { name: 'Keep editing' }).click();

    // Fixing the text clears the flags.
    await draftText(page).fill('Hi Lucas, thanks for your patience. A colleague is looking into this and will write back.');
    await expect.poll(() => page.getByTestId('live-flags').count(), { timeout: 10_000 }).toBe(0);
    await page.close();
  });

  it('marks a sent reply with who sent it and when, and warns before a second one', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 1400 } });
    await openWithDraft(page, '48120001');
    await draftText(page).fill('Hi Liam, your jacket is on its way. Thanks for your patience!');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('button', { name: 'Confirm send' }).click();
    const sent = page.getByTestId('sent-marker');
    await sent.waitFor({ timeout: 10_000 });
    expect(await sent.innerText()).toMatch(new RegExp(`Sent (just now|\\d+ min ago) by ${AGENT}`));
    expect(
      await page
        .locator('[aria-live]')
        .filter({ hasText: /Queued as action|Sent/ })
        .count(),
    ).toBeGreaterThan(0);
    await page.locator('#draft-title').scrollIntoViewIfNeeded();
    await shoot(page, 'sent');
    await draftText(page).fill('Hi Liam, one more thing.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => page.getByRole('alertdialog').innerText()).toMatch(/already sent a reply/i);
    await page.getByRole('button', { name: 'Keep editing' }).click();
    await page.close();
  });
});

describe('Enter, Enter can’t confirm an action (20.3)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('asks for the plan on Enter and moves focus to it; a second Enter does nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 1400 } });
    await page.goto(link('48120007'));
    await page.getByTestId('order').first().waitFor();
    await page.getByRole('button', { name: /^Tag order/ }).click();
    const tags = page.getByLabel('Tags (comma separated)');
    await tags.fill('e2e-enter-enter');
    await tags.press('Enter');
    const plan = page.getByRole('alertdialog', { name: 'Confirm action' });
    await plan.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alertdialog');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1_500);
    expect(await page.getByText(/Done: Add the tag/).count()).toBe(0);
    expect(await page.evaluate(() => document.body.innerText.includes('action.tag_order'))).toBe(false);
    await page.close();
  });
});

describe('intent corrected in one click (20.6)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('takes the agent’s intent, and says who corrected it', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 1400 } });
    await page.goto(link('48120014'));
    await page.locator('#verdict-title').waitFor(); // this ticket has no order
    const select = page.getByLabel('Wrong intent?');
    await select.waitFor();
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    const target = options.includes('other') ? 'other' : options[0];
    await select.selectOption(target);
    await page.getByRole('button', { name: 'Correct', exact: true }).click();
    await page.getByText(/Intent set to .*kept for the classifier’s training set/).waitFor();
    await page.reload();
    await page
      .locator('summary', { hasText: 'Why?' })
      .first()
      .click()
      .catch(() => null);
    await expect
      .poll(() => page.locator('#verdict-title').locator('..').locator('..').innerText())
      .toMatch(new RegExp(`Corrected by ${AGENT}|Read as ${target.replace(/_/g, ' ')}`));
    await page.close();
  });
});

describe('basics (20.9)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('answers an invalid link with 401 and an unknown ticket with 404', async () => {
    const page = await browser.newPage();
    const bad = await page.goto(`${BASE_URL}/widget/48120002?token=forged.token`);
    expect(bad?.status()).toBe(401);
    expect(await page.getByTestId('link-error').innerText()).toMatch(/not valid/);
    const unknown = await page.goto(link('99999999'));
    expect(unknown?.status()).toBe(404);
    expect(await page.getByRole('button').count()).toBe(0);
    await page.close();
  });

  it('titles the widget after the ticket and the customer', async () => {
    const page = await browser.newPage();
    await page.goto(link('48120002'));
    expect(await page.title()).toMatch(/^Ticket 48120002 · .+ · Concord$/);
    await page.close();
  });

  it('paints the order card from the server, before any script runs', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(link('48120002'));
    expect(await page.getByTestId('order').count()).toBeGreaterThan(0);
    // The ticket's own order is pinned first (20.5).
    expect(await page.getByTestId('order').first().innerText()).toContain('this ticket');
    await ctx.close();
  });
});
