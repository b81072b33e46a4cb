// Renders media/icon.svg to the 128×128 media/icon.png the manifest names (Marketplace and Open VSX
// want a PNG), with headless Chromium through playwright-core. Run after editing the SVG:
//   node scripts/package-icon.mjs
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT } from './code-server.mjs';

const svg = readFileSync(path.join(ROOT, 'media/icon.svg'), 'utf8');
const out = path.join(ROOT, 'media/icon.png');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`[icon] ${path.relative(ROOT, out)}`);
} finally {
  await browser.close();
}
