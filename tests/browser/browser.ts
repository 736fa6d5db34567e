import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium, never a downloaded browser. The flags keep it off the (closed) network.
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3310';
