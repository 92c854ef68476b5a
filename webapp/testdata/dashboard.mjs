// Checks the dashboard, the printed report and the assessment page in
// headless Chromium, and prints what it found as JSON for
// dashboard_browser_test.go:
//   - the dashboard: the radar (its spokes and axis labels, its title and
//     desc), the comparison chart and table, the evidence table, and that
//     every link and the skip link can be reached with the Tab key;
//   - the report printed to PDF: its page count (and the PDF, for people
//     to look at with pdftoppm);
//   - axe-core's violations on each page, by impact.
// Screenshots (full page PNG) and the PDF go to OUTDIR.
// Usage: node dashboard.mjs NODE_MODULES OUTDIR DASHBOARD_URL REPORT_URL ASSESSMENT_URL
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [nm, outDir, dashURL, reportURL, assessURL] = process.argv.slice(2);
const { chromium } = await import(join(nm, 'playwright-core', 'index.mjs'));
const axeSource = readFileSync(join(nm, 'axe-core', 'axe.min.js'), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const out = { errors: [], axe: {} };

// axe runs the WCAG 2.x A and AA rules and the best practices; the test
// fails on any serious or critical violation.
// It is evaluated through the DevTools protocol rather than added as an
// inline <script>: the pages' Content-Security-Policy (script-src 'self')
// rightly refuses inline scripts, and the test keeps that policy on.
async function audit(page, name) {
  await page.evaluate(axeSource);
  const res = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: v.nodes[0] && v.nodes[0].target.join(' ') }));
  });
  out.axe[name] = res;
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
  page.on('pageerror', e => out.errors.push(String(e)));
  page.on('response', r => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) out.errors.push(`${r.status()} ${r.url()}`); });

  // The dashboard.
  let resp = await page.goto(dashURL, { waitUntil: 'load' });
  out.dashStatus = resp.status();
  out.radar = await page.evaluate(() => {
    const svg = document.querySelector('svg#radar');
    if (!svg) return null;
    const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/);
    const box = svg.getBoundingClientRect();
    return {
      role: svg.getAttribute('role'),
      spokes: svg.querySelectorAll('g.spokes line').length,
      axes: [...svg.querySelectorAll('g.axes text')].map(t => t.textContent.trim()),
      title: (document.getElementById(ids[0]) || {}).textContent || '',
      desc: (document.getElementById(ids[1]) || {}).textContent || '',
      width: Math.round(box.width), height: Math.round(box.height),
    };
  });
  out.comparison = await page.evaluate(() => ({
    chart: !!document.querySelector('svg#vergelijking[role=img]'),
    rows: [...document.querySelectorAll('table.compare tbody tr')].map(tr => [...tr.children].map(c => c.textContent.trim())),
    header: [...document.querySelectorAll('table.compare thead th')].map(th => th.textContent.trim()),
  }));
  out.evidenceRows = await page.evaluate(() => [...document.querySelectorAll('table.evidence tbody tr')].map(tr => tr.querySelector('th').textContent.trim()));
  out.findings = await page.evaluate(() => [...document.querySelectorAll('.findings li')].map(li => li.textContent.trim()));
  // Keyboard: the first Tab reaches the skip link; tabbing on reaches the
  // report link.
  await page.keyboard.press('Tab');
  out.firstTab = await page.evaluate(() => document.activeElement.textContent.trim());
  out.reportByTab = false;
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => document.activeElement.getAttribute('href') || '');
    if (href.endsWith('/rapport')) { out.reportByTab = true; break; }
  }
  await page.screenshot({ path: join(outDir, 'dashboard.png'), fullPage: true });
  await audit(page, 'dashboard');

  // The report, on screen and printed.
  resp = await page.goto(reportURL, { waitUntil: 'load' });
  out.reportStatus = resp.status();
  await page.screenshot({ path: join(outDir, 'rapport.png'), fullPage: true });
  await audit(page, 'report');
  const pdf = await page.pdf({ preferCSSPageSize: true });
  writeFileSync(join(outDir, 'rapport.pdf'), pdf);
  // Chromium writes one "/Type /Page" dictionary per page (and one
  // "/Type /Pages" for the tree).
  out.pdfPages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  out.printHidesFrame = await page.evaluate(() => {
    const rule = [...document.styleSheets].flatMap(s => { try { return [...s.cssRules]; } catch { return []; } })
      .some(r => r.media && r.media.mediaText === 'print');
    return rule;
  });

  // The assessment's own page.
  resp = await page.goto(assessURL, { waitUntil: 'load' });
  out.assessStatus = resp.status();
  out.assessCharts = await page.evaluate(() => document.querySelectorAll('section.scoreview svg[role=img]').length);
  await page.screenshot({ path: join(outDir, 'evaluatie.png'), fullPage: true });
  await audit(page, 'assessment');
} catch (e) {
  out.errors.push(String(e && e.stack || e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
