// The apply page's own form-js texts in the visitor's language, in Debian's Chromium: a Chinese
// browser and an English one (and ?lang=en) submit the empty form and read form-js's required-field
// message and the searchable select's placeholder. Prints one JSON line; exit code 0 when both hold.
//
// Environment: E2E_BASE_URL; optionally CHROMIUM (default /usr/bin/chromium).
import assert from 'node:assert/strict';
import { launchChromium } from './chromium.mjs';

const baseUrl = (process.env.E2E_BASE_URL ?? '').replace(/\/$/, '');
const expected = {
  'zh-CN': { required: '此项为必填项。', search: '搜索' },
  en: { required: 'Field is required.', search: 'Search' },
};

async function textsOf(browser, locale, query = '') {
  const context = await browser.newContext({ locale });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/apply/${query}`);
    await page.locator('#submit').click();
    const required = await page.locator('.fjs-form-field-error').first().innerText();
    const search = await page.getByLabel('注册地 / Registered region').getAttribute('placeholder');
    return { required: required.trim(), search };
  } finally {
    await context.close();
  }
}

const browser = await launchChromium();
const seen = {};
try {
  seen['zh-CN'] = await textsOf(browser, 'zh-CN');
  seen.en = await textsOf(browser, 'en-GB');
  seen['en by ?lang=en'] = await textsOf(browser, 'zh-CN', '?lang=en');
  assert.deepEqual(seen['zh-CN'], expected['zh-CN']);
  assert.deepEqual(seen.en, expected.en);
  assert.deepEqual(seen['en by ?lang=en'], expected.en);
  console.log(JSON.stringify({ passed: true, seen }));
} catch (error) {
  console.log(JSON.stringify({ passed: false, seen, error: error.message }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
