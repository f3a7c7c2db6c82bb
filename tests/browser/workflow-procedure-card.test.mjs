// Procedure cards in a real browser (run.sh starts the workflow server on a
// copy of content/): the card at the top of the document page, large enough
// on a phone, reached from a search for its fee, and printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WF, DESKTOP, PHONE, launch, newPage, screenshots, axe } from './support.mjs';

const screenshot = screenshots('procedure-card');
const HO_TICH = '/doc/trung-tam-phuc-vu-hanh-chinh-cong/dang-ky-ho-tich';
const CHUNG_THUC = '/doc/trung-tam-phuc-vu-hanh-chinh-cong/chung-thuc-ban-sao';
let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

test('phone: the cards sit above the body, readable, nothing wider than the screen', async () => {
  const page = await newPage(browser, PHONE);
  await page.goto(`${WF.url}${HO_TICH}`);
  const cards = page.locator('.procedure-card');
  assert.equal(await cards.count(), 3);
  const first = cards.first();
  assert.match(await first.locator('h2').textContent(), /Thủ tục:\s*Đăng ký khai sinh/);
  assert.match(await first.textContent(), /Trong 60 ngày kể từ ngày sinh/);
  assert.match(await first.textContent(), /Miễn, giảm: Luật Hộ tịch miễn lệ phí/);
  // Large enough to read aloud from a phone, and no sideways scrolling.
  const size = await first.locator('dd').first()
    .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 16, `card text is ${size}px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= PHONE.width, `page is ${overflow}px wide`);
  const cardTop = await first.evaluate((e) => e.getBoundingClientRect().top);
  const bodyTop = await page.locator('.doc-body').evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(cardTop < bodyTop);
  await screenshot(page, 'phone-khai-sinh', false);
  await first.screenshot({ path: new URL('./output/procedure-card-phone-card.png', import.meta.url).pathname });
  // The body has its own findings (task-list checkboxes, a wide table): the cards none.
  assert.deepEqual((await axe(page)).filter((v) => v.includes('procedure')), []);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('desktop: "phí chứng thực" shows the card\'s fee rows and opens them', async () => {
  const page = await newPage(browser, DESKTOP);
  await page.goto(`${WF.url}/search?q=${encodeURIComponent('phí chứng thực')}`);
  const fee = page.locator('.section-link[href$="#thu-tuc-chung-thuc-ban-sao-tu-ban-chinh-phi"]');
  assert.equal(await fee.count(), 1);
  const snippet = await fee.locator('xpath=..').locator('.snippet').textContent();
  assert.match(snippet, /2\.000 đồng\/trang/);
  assert.doesNotMatch(snippet, /10\.000|50\.000/);
  await screenshot(page, 'search-fee', false);
  await Promise.all([page.waitForNavigation(), fee.click()]);
  const row = page.locator('#thu-tuc-chung-thuc-ban-sao-tu-ban-chinh-phi');
  assert.match(await row.textContent(), /2\.000 đồng\/trang/);
  assert.ok(await row.isVisible());
  await screenshot(page, 'desktop-chung-thuc', false);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('print: the card prints in black on white, the table of contents does not', async () => {
  const page = await newPage(browser, { width: 794, height: 1123 });  // A4 at 96 dpi
  await page.goto(`${WF.url}${CHUNG_THUC}`);
  await page.emulateMedia({ media: 'print' });
  const card = page.locator('.procedure-card').first();
  const style = await card.evaluate((e) => {
    const s = getComputedStyle(e);
    return { border: s.borderTopColor, breakInside: s.breakInside };
  });
  assert.equal(style.border, 'rgb(0, 0, 0)');
  assert.equal(style.breakInside, 'avoid');
  assert.equal(await page.locator('.toc').isVisible(), false);
  const height = await card.evaluate((e) => e.getBoundingClientRect().height);
  assert.ok(height < 1000, `a card is ${height}px tall in print: more than one A4 page`);
  await screenshot(page, 'print', true);
  await page.context().close();
});

test('the khai sinh card offers its form: a link that downloads the .docx', async () => {
  for (const size of [DESKTOP, PHONE]) {
    const page = await newPage(browser, size);
    await page.goto(`${WF.url}${HO_TICH}`);
    const link = page.locator('.procedure-card').first().locator('.procedure-form a');
    assert.equal(await link.count(), 1);
    assert.match(await link.textContent(), /Tờ khai đăng ký khai sinh/);
    const row = link.locator('xpath=ancestor::div[contains(@class,"procedure-row")]');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, `form-link-${size.width}`, false);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'to-khai-dang-ky-khai-sinh.docx');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= size.width, `page is ${overflow}px wide`);
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  }
});

test('the printed handbook (/so-tay) carries the cards, in black on white', async () => {
  const page = await newPage(browser, { width: 794, height: 1123 });  // A4 at 96 dpi
  await page.goto(`${WF.url}/so-tay`);
  await page.emulateMedia({ media: 'print' });
  const cards = page.locator('.book-document .procedure-card');
  assert.ok(await cards.count() >= 5, `${await cards.count()} cards in the book`);
  const birth = cards.filter({ hasText: 'Đăng ký khai sinh' }).first();
  const style = await birth.evaluate((e) => {
    const s = getComputedStyle(e);
    return { border: s.borderTopColor, breakInside: s.breakInside, color: s.color };
  });
  assert.equal(style.border, 'rgb(0, 0, 0)');
  assert.equal(style.breakInside, 'avoid');
  const height = await birth.evaluate((e) => e.getBoundingClientRect().height);
  assert.ok(height < 1000, `a card is ${height}px tall in print: more than one A4 page`);
  await birth.scrollIntoViewIfNeeded();
  await screenshot(page, 'handbook-print', false);
  await page.context().close();
});
