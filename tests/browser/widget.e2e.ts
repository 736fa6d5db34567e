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
    page.goto(
      widgetUrl(BASE_URL, { ticketId, shopId: DEMO_SHOP.domain, agent: 'e2e-agent@concord.test' }, process.env.SESSION_SECRET!, new Date()),
    );

  it('shows the order, the tracking link, the verdict and the draft for a demo ticket', async () => {
    await open(DEMO_SHOWCASE_TICKET_ID);
    await page.getByTestId('order').first().waitFor();
    const link = page.getByTestId('tracking-link').first();
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('verdict').innerText()).toMatch(/human review|safe to automate/);
    // The draft is written by the worker shortly after seeding.
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="draft-text"]') as HTMLTextAreaElement | null)?.value.length ?? 0 > 20,
      null,
      { timeout: 30_000 },
    );
    expect(await page.getByTestId('draft-text').inputValue()).toMatch(/\S{3,}/);
    await page.screenshot({ path: 'docs/screenshots/widget.png', fullPage: true });
  });

  it('refuses a forged link', async () => {
    await page.goto(`${BASE_URL}/widget/${DEMO_SHOWCASE_TICKET_ID}?token=forged.token`);
    expect(await page.getByTestId('link-error').innerText()).toMatch(/not valid/);
  });
});

describe('the agent’s path (browser)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 520, height: 1600 } });
  });
  afterAll(async () => browser?.close());

  it('edits the draft, applies an action with confirmation, toggles suppression, and sees each in the audit log', async () => {
    // 48120004: a cancellation before fulfillment, which the policy lets the agent apply.
    await page.goto(
      widgetUrl(
        BASE_URL,
        { ticketId: '48120004', shopId: DEMO_SHOP.domain, agent: 'e2e-agent@concord.test' },
        process.env.SESSION_SECRET!,
        new Date(),
      ),
    );
    await page.getByTestId('order').first().waitFor();

    // Apply the policy action: review shows exactly what will happen, then confirm.
    await page.getByRole('button', { name: /^Cancel order/ }).click();
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    const plan = page.getByRole('alertdialog', { name: 'Confirm action' });
    await plan.waitFor();
    expect(await plan.innerText()).toMatch(/Cancel order #\d+ .*refund the payment.*cannot be undone/s);
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.getByText(/Done: Cancel order #\d+/).waitFor();
    // The recommendation now says what was done instead of offering the same cancel as new (20.3).
    await expect
      .poll(
        () =>
          page
            .getByTestId('recommendation-state')
            .innerText()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toMatch(/(Cancellation queued|Order cancelled) by e2e-agent@concord\.test/);

    // Then edit the draft and send it (two steps: send, then confirm). The draft says the order is
    // cancelled, which a reply on its own may say only once the cancel is asked for (20.5).
    const draft = page.getByTestId('draft-text');
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid="draft-text"]') as HTMLTextAreaElement | null)?.value.length ?? 0) > 20,
      null,
      { timeout: 30_000 },
    );
    await draft.fill(`${await draft.inputValue()}\nP.S. Edited by the e2e agent.`);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('button', { name: 'Confirm send' }).click();
    await page
      .getByText(/Queued as action \d+/)
      .first()
      .waitFor();

    // Suppress with a reason.
    await page.getByLabel('Reason').fill('Waiting for the cancellation to settle');
    await page.getByRole('button', { name: 'Suppress', exact: true }).click();
    await page
      .getByText(/is suppressed from promos and review requests/)
      .first()
      .waitFor();

    // Everything shows in the audit log after the next refresh.
    await page.reload();
    const audit = page.getByTestId('audit');
    await audit.waitFor();
    await page.waitForFunction(
      () => {
        const t = document.querySelector('[data-testid="audit"]')?.textContent ?? '';
        return t.includes('action.cancel_order') && t.includes('action.reply') && t.includes('suppression.suppress');
      },
      null,
      { timeout: 20_000 },
    );
    await page.screenshot({ path: 'docs/screenshots/widget-after-actions.png', fullPage: true });
  });

  it('shows the demo inbox with the widget beside the conversation, only after signing in', async () => {
    const wide = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await wide.goto(`${BASE_URL}/?ticket=${DEMO_SHOWCASE_TICKET_ID}`);
    // The demo inbox lists every ticket: even in demo mode it needs a signed-in user.
    await wide.waitForURL((url) => url.pathname === '/login');
    await wide.getByLabel('Email').fill('lead@concord.demo');
    await wide.getByLabel('Password').fill('concord-demo');
    await wide.getByRole('button', { name: 'Sign in' }).click();
    await wide.waitForURL((url) => url.pathname === '/' && url.searchParams.get('ticket') === DEMO_SHOWCASE_TICKET_ID);
    expect(await wide.getByTestId('ticket-link').count()).toBeGreaterThanOrEqual(14);
    await wide.frameLocator('[data-testid="widget-frame"]').getByTestId('order').first().waitFor();
    await wide.screenshot({ path: 'docs/screenshots/inbox.png' });
    await wide.close();
  });

  it('serves the security headers: nothing but the widget may be framed, and never by strangers', async () => {
    const login = await fetch(`${BASE_URL}/login`);
    expect(login.headers.get('x-frame-options')).toBe('DENY');
    expect(login.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(login.headers.get('referrer-policy')).toBe('no-referrer');
    const widget = await fetch(
      widgetUrl(
        BASE_URL,
        { ticketId: DEMO_SHOWCASE_TICKET_ID, shopId: DEMO_SHOP.domain, agent: null },
        process.env.SESSION_SECRET!,
        new Date(),
      ),
    );
    expect(widget.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://*.gorgias.com");
    expect(widget.headers.get('x-frame-options')).toBeNull();
  });
});
