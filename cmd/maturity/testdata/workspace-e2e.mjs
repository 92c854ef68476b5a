// The city's workspace end to end in headless Chromium, as its users do
// it, for workspace_e2e_test.go. The server's base is a public name
// (http://stad.test/), mapped to the server's loopback port by Chromium's
// host resolver, so no request is "truly local" and every write needs an
// account:
//
//  1. the administrator signs in and adds an organisation and two
//     editors of it, and an editor of another organisation;
//  2. the first editor starts an assessment, scores all 11 domains, saves
//     the draft (the second editor sees it), uploads the staff survey as
//     Excel saves it in Flanders (semicolons, Windows-1252) and publishes;
//     the browser lands on the dashboard;
//  3. the other organisation's editor is refused (403) at the form and
//     on a POST that carries its own valid CSRF token;
//  4. a POST with the session but without the CSRF token is refused;
//  5. the second editor keeps a draft of another year (never published);
//  6. the first editor withdraws the assessment with a reason.
//
// Between 2 and 6 it hands over to the Go test (a line "PUBLISHED" on
// stdout, then waits for a line on stdin), which checks the linked data.
// It prints one JSON object on its last line. Screenshots go to OUTDIR.
//
// Usage: node workspace-e2e.mjs NODE_MODULES OUTDIR BASE HOST:PORT SURVEY.csv ADMIN_EMAIL PASSWORD
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const [nm, outDir, base, hostPort, surveyFile, adminEmail, password] = process.argv.slice(2);
const { chromium } = await import(join(nm, 'playwright-core', 'index.mjs'));
const axeSource = readFileSync(join(nm, 'axe-core', 'axe.min.js'), 'utf8');
const host = new URL(base).host;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP ${host} ${hostPort}`],
});
const out = { errors: [], steps: {}, axe: {} };

// axe-core's WCAG 2.x A/AA rules and best practices on the page as it is;
// the Go test fails on a serious or critical violation. axe is evaluated
// through the DevTools protocol, not added as an inline <script>, which
// the pages' Content-Security-Policy (script-src 'self') rightly refuses.
async function audit(page, name) {
  await page.evaluate(axeSource);
  out.axe[name] = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: v.nodes[0] && v.nodes[0].target.join(' ') }));
  });
}
const stdin = createInterface({ input: process.stdin });
const nextLine = () => new Promise(res => stdin.once('line', res));

const ORG = '99995', OTHER = '99992', YEAR = '2025', DRAFT_YEAR = '2026';
const editors = [`redacteur1@proefstad.test`, `redacteur2@proefstad.test`];
const otherEditor = 'redacteur@demostad-zuid.test';

async function session(email, expect4xx = []) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
  const page = await ctx.newPage();
  page.on('pageerror', e => out.errors.push(`${email}: ${e}`));
  page.on('response', r => {
    const ok = r.status() < 400 || r.url().endsWith('/favicon.ico') || expect4xx.some(p => r.url().includes(p));
    if (!ok) out.errors.push(`${email}: ${r.status()} ${r.url()}`);
  });
  await page.goto(base + 'login');
  if (!out.axe.login) await audit(page, 'login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit].primary')]);
  return { ctx, page };
}

async function addUser(page, email, org) {
  await page.fill('#email', email);
  await page.selectOption('#org', org);
  await page.selectOption('#role', 'editor');
  await page.fill('#password', password);
  await page.fill('#password2', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action*="beheer/gebruiker"] button.primary')]);
}

const csrfOf = page => page.$eval('input[name=csrf]', e => e.value);

// post sends a form from the page itself (fetch, as a script on the page
// would: same origin, the session's cookie) and returns the status; a
// redirect (success) shows as 0.
const post = (page, path, fields) => page.evaluate(async ([u, f]) => {
  const r = await fetch(u, { method: 'POST', body: new URLSearchParams(f), redirect: 'manual' });
  return r.status;
}, [base + path, fields]);

try {
  // 1. The administrator.
  const admin = await session(adminEmail);
  out.steps.adminLoggedIn = admin.page.url();
  await admin.page.goto(base + 'beheer');
  await admin.page.fill('#nis', ORG);
  await admin.page.fill('#name', 'Proefstad (fictief)');
  await Promise.all([admin.page.waitForNavigation(), admin.page.click('form[action*="beheer/organisatie"] button.primary')]);
  for (const e of editors) await addUser(admin.page, e, ORG);
  await addUser(admin.page, otherEditor, OTHER);
  out.steps.adminUsers = await admin.page.$$eval('table.data tbody th[scope=row]', ths => ths.map(t => t.textContent));
  await admin.page.screenshot({ path: join(outDir, 'beheer.png'), fullPage: true });
  await audit(admin.page, 'beheer');
  await admin.ctx.close();

  // 2. The first editor fills in all 11 domains.
  const ed = await session(editors[0], [`doc/evaluatie/${ORG}/${YEAR}/v1`, 'evaluatie/intrekken']);
  out.steps.editorLanding = ed.page.url();
  await ed.page.goto(base + 'evaluatie');
  await ed.page.fill('#start-year', YEAR);
  await Promise.all([ed.page.waitForNavigation(), ed.page.click('form[action*="evaluatie/start"] button.primary')]);
  out.steps.formURL = ed.page.url();
  const names = await ed.page.$$eval('fieldset.scale input[type=radio]', rs => [...new Set(rs.map(r => r.name))]);
  out.steps.scales = names.length;
  // Maturity 1 to 3 and need 3 to 5 by domain: gaps of 1 to 4.
  const seen = {};
  for (const name of names) {
    const domain = name.slice(2), kind = name.slice(0, 1);
    if (!(domain in seen)) seen[domain] = Object.keys(seen).length;
    const k = seen[domain];
    const value = kind === 'n' ? String(3 + (k % 3)) : String(1 + ((k * 2) % 3));
    await ed.page.check(`input[type=radio][name="${name}"][value="${value}"]`);
  }
  const texts = await ed.page.$$eval('textarea[name^="t-"]', ts => ts.map(t => t.name));
  for (const t of texts) await ed.page.fill(`textarea[name="${t}"]`, `Toelichting bij ${t.slice(2)}`);
  await ed.page.fill('input[name=author]', 'Team open data Proefstad');
  await Promise.all([ed.page.waitForNavigation(), ed.page.click('button[name=actie][value=opslaan]')]);
  out.steps.savedDraft = (await ed.page.textContent('body')).includes('Concept, laatst bewaard');

  // The second editor of the organisation sees the shared draft.
  const ed2 = await session(editors[1]);
  await ed2.page.goto(base + 'evaluatie');
  out.steps.sharedDraft = await ed2.page.$$eval('a', as => as.map(a => a.textContent)).then(ts => ts.filter(t => t.includes(YEAR)));
  await audit(ed2.page, 'evaluatie');

  // The survey, as Excel's "CSV (puntkomma)" in Windows-1252.
  await ed.page.setInputFiles('input[name=bevraging]', surveyFile);
  await Promise.all([ed.page.waitForNavigation(), ed.page.click('button[formaction*="evaluatie/bevraging"]')]);
  const body = await ed.page.textContent('body');
  out.steps.surveyNotes = ['Windows-1252', 'puntkomma', 'respondenten'].filter(w => body.includes(w));
  out.steps.scoresKept = await ed.page.$$eval('fieldset.scale input[type=radio]:checked', rs => rs.length);
  await ed.page.screenshot({ path: join(outDir, 'formulier.png'), fullPage: true });
  await audit(ed.page, 'formulier');
  await Promise.all([ed.page.waitForNavigation(), ed.page.click('button[name=actie][value=publiceren]')]);
  out.steps.afterPublish = ed.page.url();
  out.steps.radarSpokes = await ed.page.$$eval('svg#radar g.spokes line', ls => ls.length);
  out.steps.radar = await ed.page.$eval('svg#radar', s => s.querySelector('title')?.textContent || '').catch(() => '');
  out.steps.comparisonRows = await ed.page.$$eval('table', ts => {
    const t = ts.find(t => /mediaan|median/i.test(t.textContent));
    return t ? t.querySelectorAll('tbody tr').length : 0;
  });
  out.steps.compareIntro = await ed.page.$$eval('section', ss => {
    const s = ss.find(s => /mediaan|median/i.test(s.textContent) && s.querySelector('table'));
    return s ? (s.querySelector('p') || {}).textContent || '' : '';
  });
  await ed.page.screenshot({ path: join(outDir, 'dashboard.png'), fullPage: true });
  await ed.page.goto(base + `doc/evaluatie/${ORG}/${YEAR}`);
  await ed.page.screenshot({ path: join(outDir, 'evaluatie.png'), fullPage: true });
  await ed.page.goto(base + `dashboard/${ORG}/${YEAR}/rapport`);
  const pdf = await ed.page.pdf({ preferCSSPageSize: true });
  writeFileSync(join(outDir, 'rapport.pdf'), pdf);
  out.steps.pdfPages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;

  // 3. Another organisation's editor.
  const other = await session(otherEditor, [`org=${ORG}`, 'evaluatie']);
  const form = await other.page.goto(base + `evaluatie/nieuw?org=${ORG}&year=${YEAR}`);
  out.steps.otherFormStatus = form.status();
  await other.page.goto(base + 'evaluatie');
  const otherCSRF = await csrfOf(other.page);
  out.steps.otherWithdrawStatus = await post(other.page, 'evaluatie/intrekken', { csrf: otherCSRF, org: ORG, year: YEAR, reden: 'niet van mij' });
  out.steps.otherSaveStatus = await post(other.page, 'evaluatie', { csrf: otherCSRF, org: ORG, year: YEAR, actie: 'opslaan' });
  await other.ctx.close();

  // 4. The session without the form's CSRF token.
  await ed.page.goto(base + 'evaluatie');
  out.steps.noCSRFStatus = await post(ed.page, 'evaluatie/intrekken', { org: ORG, year: YEAR, reden: 'zonder token' });
  // The same request with the token is accepted (it names no reason, so
  // the page asks for one: 422), so the 403 above is the token's doing.
  out.steps.withCSRFStatus = await post(ed.page, 'evaluatie/intrekken', { csrf: await csrfOf(ed.page), org: ORG, year: YEAR, reden: '' });

  // 5. A draft that is never published.
  await ed2.page.goto(base + 'evaluatie');
  await ed2.page.fill('#start-year', DRAFT_YEAR);
  await Promise.all([ed2.page.waitForNavigation(), ed2.page.click('form[action*="evaluatie/start"] button.primary')]);
  await ed2.page.fill('textarea[name="t-sponsoring"]', 'GEHEIM-CONCEPT-7f3a nog niet publiek');
  await Promise.all([ed2.page.waitForNavigation(), ed2.page.click('button[name=actie][value=opslaan]')]);
  out.steps.secretDraftSaved = (await ed2.page.textContent('body')).includes('Concept, laatst bewaard');
  await ed2.ctx.close();

  // Hand over to the Go test, which checks the published data.
  console.log('PUBLISHED');
  await nextLine();

  // 6. Withdraw, with a reason.
  await ed.page.goto(base + 'evaluatie');
  await ed.page.click(`#intrekken-${ORG}-${YEAR} summary`);
  await ed.page.screenshot({ path: join(outDir, 'overzicht.png'), fullPage: true });
  await ed.page.fill(`#reden-${ORG}-${YEAR}`, 'Dubbel ingevoerd: vervangen door de evaluatie van het team.');
  await Promise.all([ed.page.waitForNavigation(), ed.page.click(`#intrekken-${ORG}-${YEAR} button.danger`)]);
  out.steps.afterWithdraw = ed.page.url();
  const gone = await ed.page.goto(base + `doc/evaluatie/${ORG}/${YEAR}/v1`);
  out.steps.tombstoneStatus = gone.status();
  out.steps.tombstone = (await ed.page.textContent('main')).includes('Dubbel ingevoerd');
  await ed.page.screenshot({ path: join(outDir, 'ingetrokken.png'), fullPage: true });
} catch (e) {
  out.errors.push(String(e && e.stack || e));
} finally {
  await browser.close();
  stdin.close();
}
console.log(JSON.stringify(out));
