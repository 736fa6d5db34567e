import { chromium } from 'playwright-core';
const url = process.argv[2];
const out = process.argv[3];
const w = Number(process.argv[4] ?? 1400);
(async () => {
  const b = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const p = await b.newPage({ viewport: { width: w, height: 1000 } });
  p.on('console', (m) => {
    if (m.type() === 'error') console.log('console:', m.text());
  });
  await p.goto(url);
  await p.waitForTimeout(4000);
  await p.screenshot({ path: out, fullPage: process.argv[5] === 'full' });
  await b.close();
})();
