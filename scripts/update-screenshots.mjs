// Refreshes the README's screenshots from the last end-to-end run.
//
// `npm run test:e2e` leaves test-results/screenshots/*.png (git-ignored, 1440×900). This copies the ones the
// README shows into docs/images/ (committed). A picture over MAX_BYTES is scaled down in headless Chromium
// (playwright-core, as the e2e suite uses) until it fits, so the README and the .vsix stay light.
//
// Usage: npm run test:e2e && node scripts/update-screenshots.mjs [--max-kb 250]
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from './code-server.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const FROM = path.join(ROOT, 'test-results', 'screenshots');
const TO = path.join(ROOT, 'docs', 'images');

/** e2e screenshot → README picture. */
export const SHOTS = [
  { from: 'editor-problems.png', to: 'editor-problems.png' },
  { from: 'hover-timestamp.png', to: 'hover-timestamp.png' },
  { from: 'preview-light.png', to: 'preview.png' },
  { from: 'import-preview.png', to: 'import-preview.png' },
  { from: 'index-view.png', to: 'postmortems-view.png' },
  { from: 'trends-light.png', to: 'trends-light.png' },
  { from: 'trends-dark.png', to: 'trends-dark.png' },
  // npm run test:web: the extension in the browser's web-worker extension host.
  { from: 'web-preview.png', to: 'web-worker.png' },
];

const maxKbArg = process.argv.indexOf('--max-kb');
const MAX_BYTES = (maxKbArg > 0 ? Number(process.argv[maxKbArg + 1]) : 250) * 1024;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Renders the PNG at `scale` of its size in Chromium and returns the screenshot's bytes. */
async function scaled(browser, buf, scale) {
  const { width, height } = pngSize(buf);
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  const page = await browser.newPage({ viewport: { width: w, height: h }, deviceScaleFactor: 1 });
  try {
    const src = `data:image/png;base64,${buf.toString('base64')}`;
    await page.setContent(`<html><body style="margin:0"><img src="${src}" style="display:block;width:${w}px;height:${h}px"></body></html>`);
    await page.waitForFunction('document.images.length > 0 && document.images[0].complete');
    return await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: w, height: h } });
  } finally {
    await page.close();
  }
}

async function main() {
  const missing = SHOTS.filter((s) => !existsSync(path.join(FROM, s.from)));
  if (missing.length) {
    console.error(`Missing in ${path.relative(ROOT, FROM)}: ${missing.map((s) => s.from).join(', ')}. Run npm run test:e2e first.`);
    process.exit(1);
  }
  mkdirSync(TO, { recursive: true });
  let browser = null;
  try {
    for (const shot of SHOTS) {
      const source = path.join(FROM, shot.from);
      const target = path.join(TO, shot.to);
      if (statSync(source).size <= MAX_BYTES) {
        copyFileSync(source, target);
      } else {
        if (!browser) {
          const { chromium } = await import('playwright-core');
          browser = await chromium.launch({
            executablePath: CHROMIUM,
            args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
          });
        }
        const buf = readFileSync(source);
        let out = buf;
        for (let scale = 0.9; out.length > MAX_BYTES && scale >= 0.5; scale -= 0.05) out = await scaled(browser, buf, scale);
        if (out.length > MAX_BYTES) throw new Error(`${shot.from} stays over ${MAX_BYTES / 1024} KB even at half size`);
        writeFileSync(target, out);
      }
      const { width, height } = pngSize(readFileSync(target));
      console.log(
        `${path.relative(ROOT, target)}  ${width}×${height}  ${Math.round(statSync(target).size / 1024)} KB  (from ${shot.from})`,
      );
    }
  } finally {
    await browser?.close();
  }
}

await main();
