import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { widgetToken, widgetUrl } from '@/lib/auth/widget-link';
import { DEMO_SHOP } from '@/lib/demo/demo-events';
import { BASE_URL, launchBrowser } from './browser';

// Issue 20.3 and 20.5 as an agent meets them in Chromium. Written before the fixes; they failed on the
// build of that time (the card still said "Cancellation is safe" after the cancel, and there was no
// one button pairing the reply with the action).

const AGENT = 'e2e-actions@concord.test';
const link = (ticketId: string) =>
  widgetUrl(BASE_URL, { ticketId, shopId: DEMO_SHOP.domain, agent: AGENT }, process.env.SESSION_SECRET!, new Date());
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

  it('after the step is asked for, stops offering it, shows it with who and an “as of” time, and warns on a repeat', async () => {
    // 48120007: a return inside the window, which the policy lets the agent create.
    const page = await browser.newPage({ viewport: { width: 400, height: 1400 } });
    await page.goto(link('48120007'));
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('recommendation').innerText()).toBe('Create the return');
    expect(await verdictText(page)).toMatch(/Return eligible/);

    const actionsRow = page.getByRole('group', { name: 'Policy actions' });
    await actionsRow.getByRole('button', { name: /^Create return/ }).click();
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Confirm action' }).waitFor();
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.getByText(/Done: .*Queued as action/).waitFor();

    await expect.poll(() => verdictText(page), { timeout: 20_000 }).not.toMatch(/Return eligible/);
    expect(await page.getByTestId('recommendation').innerText()).not.toBe('Create the return');
    const state = page.getByTestId('recommendation-state');
    await expect.poll(() => state.innerText(), { timeout: 20_000 }).toMatch(new RegExp(`(Return queued|Return created) by ${AGENT}`));
    expect(await page.locator('#verdict-title').locator('..').innerText()).toMatch(/as of (just now|\d+ min ago)/);
    // The actions row no longer marks the return as the suggested step.
    expect(await actionsRow.getByRole('button', { name: /^Create return/ }).innerText()).not.toContain('✓');
    await page.locator('#verdict-title').scrollIntoViewIfNeeded();
    await shoot(page, 'after-action');

    // Asking again warns before anything is confirmed.
    await actionsRow.getByRole('button', { name: /^Create return/ }).click();
    await page.getByRole('button', { name: 'Review', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alertdialog', { name: 'Confirm action' }).innerText())
      .toMatch(new RegExp(`Already asked.*by ${AGENT}`, 's'));
    await page.close();
  });
});

describe('the decision first: one button for the reply and the step, drafts from the customer’s words (20.5)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('drafts the address change with the address the customer gave, and sends the reply with the change in one button', async () => {
    // 48120006: Emma wrote her new address in the message; the change is inside the cutoff.
    const page = await browser.newPage({ viewport: { width: 400, height: 1400 } });
    await page.goto(link('48120006'));
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid="draft-text"]') as HTMLTextAreaElement | null)?.value.length ?? 0) > 20,
      null,
      { timeout: 30_000 },
    );
    const text = await page.getByTestId('draft-text').inputValue();
    expect(text).toContain('2207 SE Clinton St');
    expect(text).not.toMatch(/reply with the full new address/);

    const primary = page.getByTestId('send-paired');
    expect(await primary.innerText()).toBe('Send reply and update the address');
    await primary.scrollIntoViewIfNeeded();
    await shoot(page, 'paired');
    await primary.click();
    const ask = page.getByRole('alertdialog', { name: 'Send reply and update the address?' });
    await ask.waitFor();
    expect(await ask.innerText()).toMatch(/Change the shipping address of #\d+ to .*2207 SE Clinton St.*Then send your reply/s);
    await ask.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.getByText(/Done: Change the shipping address/).waitFor();
    await expect
      .poll(
        () =>
          page
            .getByTestId('recommendation-state')
            .innerText()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toMatch(new RegExp(`Address (change queued|updated) by ${AGENT}.*Your reply (goes|went)`, 's'));
    await expect
      .poll(
        () =>
          page
            .getByTestId('sent-marker')
            .innerText()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toMatch(/Sent with the action/);
    await page.close();
  });

  it('does not ask “return or exchange?” after “exchange them for a 10.5”, and names the one cracked pole', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 1400 } });
    const draftOf = async (ticket: string) => {
      await page.goto(link(ticket));
      await page.waitForFunction(
        () => ((document.querySelector('[data-testid="draft-text"]') as HTMLTextAreaElement | null)?.value.length ?? 0) > 20,
        null,
        { timeout: 30_000 },
      );
      return page.getByTestId('draft-text').inputValue();
    };
    expect(await draftOf('48120008')).not.toMatch(/return it, or exchange it/);
    // Another test leaves its own edits in 48120011's editor: read the draft Concord wrote.
    const token = widgetToken({ ticketId: '48120011', shopId: DEMO_SHOP.domain, agent: AGENT }, process.env.SESSION_SECRET!, new Date());
    const poles = (
      (await (await fetch(`${BASE_URL}/api/widget/48120011`, { headers: { 'x-widget-token': token } })).json()) as {
        draft: { text: string };
      }
    ).draft.text;
    expect(poles).toMatch(/one of your .*Pole/i);
    expect(poles).not.toMatch(/and the other items arrived damaged/);
    await page.close();
  });
});
