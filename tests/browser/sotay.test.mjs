// Sổ tay in a real browser (headless Debian chromium via playwright-core).
// Started by run.sh, which sets SOTAY_URL to a server of content/.
// Each step writes a screenshot to output/NN-name.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.SOTAY_URL;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

let browser;
let shot = 0;

before(async () => {
  assert.ok(BASE, 'SOTAY_URL is set by run.sh');
  browser = await chromium.launch({
    executablePath: process.env.SOTAY_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
});

async function newPage(viewport = DESKTOP, options = {}) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.jsErrors = errors;
  return page;
}

async function screenshot(page, name, fullPage = true) {
  shot += 1;
  const file = path.join(here, 'output', `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage });
}

async function axe(page) {
  await page.evaluate(AXE);  // evaluate is not subject to the page's CSP
  const result = await page.evaluate(() => window.axe.run(document, {
    resultTypes: ['violations'],
  }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('search from the home page: results with highlighted words', async () => {
  const page = await newPage();
  await page.goto(BASE + '/');
  await screenshot(page, 'home-desktop');
  await page.fill('#q', 'thu tuc hanh chinh');
  await Promise.all([page.waitForURL(/\/search\?/), page.press('#q', 'Enter')]);
  const count = await page.locator('.result').count();
  assert.ok(count > 0, 'some results');
  assert.ok(await page.locator('.snippet mark').count() > 0, 'matched words are marked');
  assert.match(await page.locator('.result-count').innerText(), /văn bản phù hợp/);
  assert.ok(await page.locator('.facets').isVisible(), 'facets beside the results');
  await screenshot(page, 'search-desktop');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('facets narrow the results; chips remove them; sort keeps the state', async () => {
  const page = await newPage();
  await page.goto(BASE + '/search?q=ho+so');
  const before = Number((await page.locator('.result-count strong').innerText()).trim());
  const facet = page.locator('#bo-loc .facet').first().locator('ul a').first();
  const name = (await facet.locator('.facet-name').innerText()).trim();
  const expected = Number((await facet.locator('.count').innerText()).trim());
  await Promise.all([page.waitForURL(/don-vi=/), facet.click()]);
  const after = Number((await page.locator('.result-count strong').innerText()).trim());
  assert.equal(after, expected, 'the count shown beside the facet is the number of documents');
  assert.ok(after <= before);
  const chip = page.locator('.chips .chip');
  assert.equal(await chip.count(), 1);
  assert.match(await chip.innerText(), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  for (const meta of await page.locator('.result-meta').allInnerTexts()) {
    assert.ok(meta.includes(name), `every result is from ${name}: ${meta}`);
  }
  await screenshot(page, 'facet-selected');

  await Promise.all([page.waitForURL(/sort=moi-nhat/), page.click('.sort a:has-text("Mới nhất")')]);
  assert.match(page.url(), /don-vi=/, 'sorting keeps the facet');
  assert.equal(await page.locator('.sort-current').innerText(), 'Mới nhất');
  await screenshot(page, 'sorted-newest');

  await Promise.all([page.waitForURL((u) => !/don-vi=/.test(u.toString())), chip.first().click()]);
  assert.equal(await page.locator('.chips .chip').count(), 0, 'chip removed');
  assert.equal(Number((await page.locator('.result-count strong').innerText()).trim()), before);
  assert.match(page.url(), /sort=moi-nhat/, 'removing a chip keeps the sort');
  await page.goBack();
  assert.match(page.url(), /don-vi=/, 'the back button restores the filter');
  await screenshot(page, 'facet-removed-then-back');
  await page.context().close();
});

test('a suggestion is chosen with the keyboard', async () => {
  const page = await newPage();
  await page.goto(BASE + '/');
  const box = page.locator('#q');
  await box.click();
  await box.pressSequentially('thu t', { delay: 40 });
  const list = page.locator('[role="listbox"]');
  await list.waitFor({ state: 'visible' });
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  // Titles and headings come first and open their page; the first phrase
  // is searched for.
  const options = page.locator('[role="option"]');
  const kinds = await options.evaluateAll((els) => els.map((e) => e.className));
  const at = kinds.findIndex((k) => k.includes('kind-phrase'));
  assert.ok(at >= 0, 'a phrase completes "thu t"');
  const first = options.nth(at);
  const text = (await first.locator('.suggest-text').innerText()).trim();
  assert.match(text, /thủ tục/i, 'accent-insensitive completion of "thu t"');
  for (let i = 0; i <= at; i += 1) await box.press('ArrowDown');
  assert.equal(await first.getAttribute('aria-selected'), 'true');
  assert.equal(await box.getAttribute('aria-activedescendant'), await first.getAttribute('id'));
  await screenshot(page, 'suggestions-open', false);
  await Promise.all([page.waitForURL(/\/search\?q=/), box.press('Enter')]);
  assert.equal(new URL(page.url()).searchParams.get('q'), text);
  await screenshot(page, 'suggestion-chosen');

  // Esc closes the list; the number form completes too.
  const header = page.locator('#q-header');
  await header.fill('');
  await header.pressSequentially('30/20', { delay: 40 });
  await page.locator('[role="listbox"]').first().waitFor({ state: 'visible' });
  assert.match(await page.locator('[role="option"]').first().innerText(), /30\/2020\/NĐ-CP/);
  await header.press('Escape');
  assert.equal(await header.getAttribute('aria-expanded'), 'false');
  await page.context().close();
});

test('suggestions: a heading opens its section, an abbreviation shows its expansion', async () => {
  for (const [viewport, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
    const page = await newPage(viewport, viewport === PHONE ? { isMobile: true, hasTouch: true } : {});
    await page.goto(BASE + '/');
    const box = page.locator('#q');
    await box.click();
    await box.pressSequentially('khai s', { delay: 40 });
    const heading = page.locator('[role="option"].kind-heading', { hasText: 'Đăng ký khai sinh' });
    await heading.first().waitFor({ state: 'visible' });
    assert.match(await heading.first().locator('.suggest-detail').innerText(), /khai sinh, kết hôn/,
      'a heading names its document');
    assert.ok(await page.locator('[role="option"].kind-title').count() > 0, 'the title too');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `${name}: the list fits (${width}px)`);
    await screenshot(page, `suggest-heading-${name}`, false);
    if (viewport === DESKTOP) {
      await Promise.all([page.waitForURL(/#dang-ky-khai-sinh$/), heading.first().click()]);
      assert.match(page.url(), /\/doc\/trung-tam-phuc-vu-hanh-chinh-cong\/dang-ky-ho-tich#dang-ky-khai-sinh$/);
      await page.goto(BASE + '/');
    }
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('tthc', { delay: 40 });
    const abbr = page.locator('[role="option"].kind-abbreviation').first();
    await abbr.waitFor({ state: 'visible' });
    assert.equal((await abbr.locator('.suggest-text').innerText()).trim(), 'TTHC');
    assert.match(await abbr.locator('.suggest-detail').innerText(), /thủ tục hành chính/);
    await screenshot(page, `suggest-abbreviation-${name}`, false);
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially('nd 30', { delay: 40 });
    const number = page.locator('[role="option"].kind-number').first();
    await number.waitFor({ state: 'visible' });
    assert.match(await number.innerText(), /30\/2020\/NĐ-CP/);
    await screenshot(page, `suggest-number-${name}`, false);
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  }
});

test('keyboard: / focuses the search box, j and k walk the results', async () => {
  const page = await newPage();
  await page.goto(BASE + '/search?q=van+ban');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q-header');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('j');
  const firstHref = await page.locator('.result-title a').first().getAttribute('href');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), firstHref);
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), firstHref);
  assert.ok(await page.locator('.kbd-hint').isVisible(), 'the shortcuts are explained');
  await screenshot(page, 'keyboard-walk', false);
  await page.context().close();
});

test('a result opens at its section with the words highlighted', async () => {
  const page = await newPage();
  await page.goto(BASE + '/search?q=ti%E1%BA%BFp+nh%E1%BA%ADn+h%E1%BB%93+s%C6%A1');
  const link = page.locator('.section-link[href*="#"]').first();
  const href = await link.getAttribute('href');
  assert.match(href, /\?q=.+#.+/, 'result links carry the query and the anchor');
  await Promise.all([page.waitForURL(/\/doc\//), link.click()]);
  const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
  assert.ok(anchor.length > 0);
  const marks = page.locator('.doc-body mark');
  assert.ok(await marks.count() > 0, 'matched words are highlighted');
  const target = page.locator(`[id="${anchor}"]`);
  assert.ok(await target.isVisible());
  const box = await target.boundingBox();
  assert.ok(box && box.y >= -5 && box.y < DESKTOP.height, `section ${anchor} is in view (y=${box && box.y})`);
  assert.ok(await page.locator('.highlight-note').isVisible());
  await screenshot(page, 'document-highlighted', false);
  await page.context().close();
});

test('nothing found: spelling suggestion and browse links', async () => {
  const page = await newPage();
  await page.goto(BASE + '/search?q=zzzkhongcoxyz');
  assert.match(await page.locator('.no-results h2').innerText(), /Không tìm thấy/);
  assert.ok(await page.locator('.browse-departments a').count() > 0);
  await screenshot(page, 'no-results');
  await page.goto(BASE + '/search?q=thu+tuc+hanh+chinh+zzzkhongco');
  assert.ok(await page.locator('.notice-relaxed').isVisible(), 'relaxed results are labelled');
  await screenshot(page, 'relaxed-results');
  await page.context().close();
});

test('phone viewport (360×740): no sideways scrolling, facets below the results', async () => {
  const page = await newPage(PHONE, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  for (const [url, name] of [['/', 'home'], ['/search?q=ho+so', 'search'],
    ['/search?q=ho+so&hieu-luc=con', 'search-filtered']]) {
    await page.goto(BASE + url);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `${url}: page is ${width}px wide`);
    await screenshot(page, `phone-${name}`, false);
  }
  const results = await page.locator('.results').boundingBox();
  const facets = await page.locator('.facets').boundingBox();
  assert.ok(facets.y > results.y, 'facets come after the results on a phone');
  await page.click('.jump-facets a');
  await screenshot(page, 'phone-facets', false);
  await page.locator('.result-title a').first().click();
  await page.waitForURL(/\/doc\//);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `document page is ${width}px wide`);
  await screenshot(page, 'phone-document', false);
  await page.context().close();
});

test('axe-core: no serious or critical violation on home, search and document pages', async () => {
  const page = await newPage();
  const pages = ['/', '/search?q=van+thu', '/search?q=van+thu&don-vi=van-phong-hdnd-va-ubnd',
    '/search?q=zzzkhongcoxyz'];
  await page.goto(BASE + '/search?q=van+thu');
  pages.push(await page.locator('.section-link').first().getAttribute('href'));
  for (const url of pages) {
    await page.goto(BASE + url);
    assert.deepEqual(await axe(page), [], url);
  }
  // With the suggestion list open too.
  await page.goto(BASE + '/');
  await page.locator('#q').pressSequentially('thu t', { delay: 30 });
  await page.locator('[role="listbox"]').waitFor({ state: 'visible' });
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await axe(page), [], 'home with suggestions open');
  await page.context().close();
});

test('XSS probes in every parameter never execute', async () => {
  // The page's CSP would block inline script anyway: bypass it, so that only
  // escaping stands between a probe and a dialog.
  const page = await newPage(DESKTOP, { bypassCSP: true });
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(`${page.url()}: ${d.message()}`); await d.dismiss(); });
  const probes = ['<script>alert("q")</script>', '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(2)>", 'javascript:alert(3)'];
  const params = ['q', 'page', 'sort', 'don-vi', 'linh-vuc', 'loai', 'nam', 'hieu-luc'];
  const urls = [];
  for (const probe of probes) {
    const p = encodeURIComponent(probe);
    for (const name of params) {
      const q = name === 'q' ? '' : 'q=van+thu&';
      urls.push(`/search?${q}${name}=${p}`);
    }
    urls.push(`/search?q=${p}&q=${p}&don-vi=${p}&don-vi=x`);
    urls.push(`/doc/van-phong/luu-tru-ho-so?q=${p}`);
    urls.push(`/api/suggest?q=${p}`);
    urls.push(`/api/suggest?format=opensearch&q=${p}`);
    urls.push(`/api/search?q=${p}&don-vi=${p}`);
  }
  for (const url of urls) {
    const res = await page.goto(BASE + url);
    assert.ok(res.status() < 500, `${url}: status ${res.status()}`);
    const injected = await page.evaluate(() =>
      document.querySelectorAll('img[src="x"], svg[onload], body script:not([src])').length);
    assert.equal(injected, 0, `${url}: markup was injected`);
  }
  // Typed into the suggestion box: the list shows text, never markup.
  await page.goto(BASE + '/');
  await page.locator('#q').pressSequentially('<img src=x onerror=alert(4)> van', { delay: 10 });
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0);
  await screenshot(page, 'xss-probe', false);
  assert.deepEqual(dialogs, []);
  await page.context().close();
});

test('OpenSearch description is linked from every page', async () => {
  const page = await newPage();
  for (const url of ['/', '/search?q=van+thu', '/doc/van-phong/luu-tru-ho-so']) {
    await page.goto(BASE + url);
    assert.equal(await page.locator('link[rel="search"]').getAttribute('href'), '/opensearch.xml');
  }
  const res = await page.request.get(BASE + '/opensearch.xml');
  assert.match(res.headers()['content-type'], /opensearchdescription\+xml/);
  assert.match(await res.text(), /api\/suggest\?format=opensearch&amp;q=\{searchTerms\}/);
  await page.context().close();
});
