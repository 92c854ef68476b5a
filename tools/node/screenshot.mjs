// Takes full-page screenshots with the system Chromium (playwright-core
// brings no browser of its own). A page that the browser reports a script
// error or a Content-Security-Policy refusal for fails the run.
// Usage: node screenshot.mjs OUTDIR name=URL [name=URL ...]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [outDir, ...pairs] = process.argv.slice(2);
if (!outDir || pairs.length === 0) {
  console.error('usage: node screenshot.mjs OUTDIR name=URL ...');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`); });
  for (const pair of pairs) {
    const i = pair.indexOf('=');
    const name = pair.slice(0, i), url = pair.slice(i + 1);
    const resp = await page.goto(url, { waitUntil: 'load' });
    if (!resp || !resp.ok()) throw new Error(`${url}: HTTP ${resp && resp.status()}`);
    const file = join(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
} finally {
  await browser.close();
}
