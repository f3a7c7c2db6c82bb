// Shared by the workflow*.test.mjs files: the browser, pages with their
// JavaScript errors collected, screenshots under output/ with a per-file
// prefix, axe-core checks. run.sh sets the environment (see there).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };

// The workflow server and its tokens (run.sh).
export const WF = {
  url: process.env.SOTAY_WF_URL,
  dir: process.env.SOTAY_WF_DIR,
  dept: { name: process.env.SOTAY_DEPT_NAME, token: process.env.SOTAY_DEPT_TOKEN },
  dept2: { name: process.env.SOTAY_DEPT2_NAME, token: process.env.SOTAY_DEPT2_TOKEN },
  editor: { token: process.env.SOTAY_EDITOR_TOKEN },
};

export async function launch() {
  assert.ok(WF.url, 'SOTAY_WF_URL is set by run.sh');
  return chromium.launch({
    executablePath: process.env.SOTAY_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page in a fresh context (its own cookies); page.jsErrors collects
// uncaught exceptions and console errors (not failed loads: error
// statuses are tested directly).
export async function newPage(browser, viewport = DESKTOP, options = {}) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A 401 or 422 answer is the page working, not a script error.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      errors.push(m.text());
    }
  });
  page.jsErrors = errors;
  return page;
}

// Screenshots named output/<prefix>-NN-<name>.png.
export function screenshots(prefix) {
  let n = 0;
  return async (page, name, fullPage = true) => {
    n += 1;
    const file = path.join(here, 'output', `${prefix}-${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage });
  };
}

// Serious and critical axe-core violations of the page, as strings.
export async function axe(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, {
    resultTypes: ['violations'],
  }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
