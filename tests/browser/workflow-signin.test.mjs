// Signing in to the workflow pages in a real browser (run.sh starts the
// workflow server): a wrong token is refused with a message, an editor's
// token opens /bien-tap, a department's token does not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WF, DESKTOP, launch, newPage, screenshots } from './support.mjs';

const screenshot = screenshots('signin');
let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

async function signIn(page, token) {
  await page.goto(`${WF.url}/bien-tap`);
  await page.fill('#token', token);
  await Promise.all([page.waitForNavigation(), page.click('.login-form button[type=submit]')]);
}

test('editor sign-in: wrong token refused, editor token admitted, department token refused',
  async () => {
    const page = await newPage(browser, DESKTOP);
    await signIn(page, 'f'.repeat(64));
    assert.match(await page.textContent('.notice.error'), /không đúng/);
    await screenshot(page, 'wrong-token');
    await signIn(page, WF.dept.token);
    assert.match(await page.textContent('.notice.error'), /của đơn vị/);
    await signIn(page, WF.editor.token);
    assert.match(await page.textContent('.logout-form'), /Nguyễn Thị Lan/);
    await screenshot(page, 'editor');
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });
