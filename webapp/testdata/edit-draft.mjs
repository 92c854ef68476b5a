// Checks the assessment form's draft keeping in headless Chromium: choose a
// level and type a rationale, reload, and both must come back; then a
// publish must clear the draft. Prints JSON for edit_test.go.
// Usage: node edit-draft.mjs PLAYWRIGHT_CORE_INDEX_MJS FORM_URL
const [pw, url] = process.argv.slice(2);
const { chromium } = await import(pw);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const out = { errors: [] };
try {
  const page = await browser.newPage();
  page.on('pageerror', e => out.errors.push(String(e)));
  await page.goto(url);
  await page.check('#m-kennis-5');
  await page.fill('#t-kennis', 'concept uit de browser');
  await page.reload();
  out.restoredLevel = await page.isChecked('#m-kennis-5');
  out.restoredText = await page.inputValue('#t-kennis');
  out.restoredNotice = await page.locator('form#evaluatie > p.notice').count();
  await Promise.all([page.waitForURL(u => String(u).includes('/doc/evaluatie/')), page.click('button.primary')]);
  out.afterPublish = page.url();
  await page.goto(url);
  out.publishedLevel = await page.isChecked('#m-kennis-5');
  out.draftAfterPublish = await page.locator('form#evaluatie > p.notice').count() > 1;
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
