// Opens the SPARQL query page in the system Chromium, runs the first example
// query through YASGUI and reports what happened as JSON on stdout:
// {"status": HTTP status of the query, "rows": result rows shown,
//  "errors": [page errors and Content-Security-Policy refusals]}. Optionally
//  saves a screenshot.
// Usage: node sparql-page.mjs URL [SCREENSHOT.png]
import { chromium } from 'playwright-core';

const [url, shot] = process.argv.slice(2);
if (!url) {
  console.error('usage: node sparql-page.mjs URL [SCREENSHOT.png]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const out = { status: 0, rows: 0, errors: [], offline: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (e) => out.errors.push(String(e)));
  // Content-Security-Policy refusals are reported on the console only.
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) out.errors.push(m.text()); });
  const origin = new URL(url).origin;
  // Everything must come from our server: the page works offline.
  page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) out.offline.push(r.url()); });
  const resp = await page.goto(url, { waitUntil: 'load' });
  if (!resp || !resp.ok()) throw new Error(`${url}: HTTP ${resp && resp.status()}`);
  await page.waitForSelector('.yasqe .CodeMirror', { timeout: 15000 });
  const answer = page.waitForResponse((r) => r.url().startsWith(origin + new URL(url).pathname) && r.request().method() === 'POST', { timeout: 15000 });
  await page.click('.examples button');
  out.status = (await answer).status();
  await page.waitForSelector('.yasr table tbody tr, .yasr .dataTables_empty', { timeout: 15000 });
  out.rows = await page.locator('.yasr table tbody tr').count();
  if (shot) await page.screenshot({ path: shot, fullPage: true });
} catch (e) {
  out.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
