// The publisher onboarding as its people live it, in a real browser: Debian's Chromium, headless,
// driven by playwright-core. Each step is one person at one screen, in their own browser context set
// to zh-CN and Asia/Shanghai like the staff's and the applicants' browsers; it asserts what the page
// shows (the webapps in Chinese, no vendor banner, times in Asia/Shanghai), leaves screenshots in
// E2E_OUT, and adds what it saw to the JSON summary (E2E_OUT/summary.json, also the last line
// printed), with every webapp and engine API call the step's person made (method and path, ids
// replaced by {id}). Exit code 0 only when every step passed.
//
// Environment: E2E_BASE_URL; E2E_REVIEWER, E2E_MANAGER, E2E_OPERATOR as "user:password";
// E2E_APPLICANT_EMAIL, E2E_CREDIT_CODE, E2E_WRONG_CREDIT_CODE, E2E_PARTNER_ID;
// E2E_PUBLISHER_CREDENTIALS_FILE: where the caller writes {"login", "password"} from the account
// mail once it arrives (secrets travel in that file only, never in arguments or output);
// E2E_SUPPORT as "user:password"; E2E_SUBMISSION_FILE: {"osVhdUri"}, the SAS URI of the image's OS
// disk (a secret too); E2E_VM_SIZES: three of the configured VM sizes, comma-separated;
// optionally E2E_OUT (default target/e2e) and CHROMIUM (default /usr/bin/chromium).
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';

const config = {
  baseUrl: required('E2E_BASE_URL').replace(/\/$/, ''),
  out: process.env.E2E_OUT ?? 'target/e2e',
  chromium: process.env.CHROMIUM ?? '/usr/bin/chromium',
  reviewer: login('E2E_REVIEWER'),
  manager: login('E2E_MANAGER'),
  operator: login('E2E_OPERATOR'),
  applicantEmail: required('E2E_APPLICANT_EMAIL'),
  creditCode: required('E2E_CREDIT_CODE'),
  wrongCreditCode: required('E2E_WRONG_CREDIT_CODE'),
  partnerId: required('E2E_PARTNER_ID'),
  publisherCredentialsFile: required('E2E_PUBLISHER_CREDENTIALS_FILE'),
  support: login('E2E_SUPPORT'),
  submissionFile: required('E2E_SUBMISSION_FILE'),
  vmSizes: required('E2E_VM_SIZES'),
};

const application = {
  companyName: '上海浦江云镜像软件有限公司',
  registeredRegion: '上海市 / Shanghai',
  registeredAddress: '上海市浦东新区世纪大道 100 号',
  contactName: '李娜',
  contactPhone: '+86 21 5555 0100',
  productType: '虚拟机镜像 / Virtual machine image',
};

const image = {
  offerId: 'pujiang-db',
  offerName: '浦江云数据库 / Pujiang Cloud DB',
  skuId: 'standard-2026',
  skuSummary: '浦江云数据库，基于 Ubuntu，开箱即用 / Pujiang Cloud DB on Ubuntu, ready to run',
  pricingModel: '自带许可 / Bring your own licence (BYOL)',
  osName: 'Ubuntu Server 22.04 LTS',
  version: '1.0.0',
  vmHost: '127.0.0.1',
  vmUser: 'azureuser',
  vmPassword: 'Cert-VM-passw0rd!',
};

const WAIT_FOR_PROCESS = 60_000;
const LOCALE = 'zh-CN';
const TIME_ZONE = 'Asia/Shanghai';

// the webapps' own Chinese labels: the journey finds buttons and links by what a zh browser shows
const WEBAPPS = 'src/main/resources/META-INF/resources/webjars/camunda/app';
const zh = {
  tasklist: JSON.parse(await readFile(`${WEBAPPS}/tasklist/locales/zh.json`, 'utf8')).labels,
  cockpit: JSON.parse(await readFile(`${WEBAPPS}/cockpit/locales/zh.json`, 'utf8')).labels,
};

// The journey, in order. A step is an async function (page, journey) that returns what it observed;
// adding a step to the story is writing one such function and listing it here.
const steps = [
  applicantApplies,
  reviewerApprovesInTasklist,
  accountManagerRecordsTheCall,
  operatorFindsTheInstanceInCockpit,
  publisherActivatesWithPartnerId,
  publisherSubmitsAnImage,
  supportReviewsTheImageSize,
];

async function applicantApplies(page, journey) {
  await page.goto(`${config.baseUrl}/apply/`);
  await page.locator('.fjs-form').waitFor();
  // an applicant who reloads the page gets the same empty form again
  await page.getByLabel('公司名称 / Company name').fill(application.companyName);
  await page.reload();
  await page.locator('.fjs-form').waitFor();
  assert.equal(await page.getByLabel('公司名称 / Company name').inputValue(), '', 'a reload starts afresh');
  await page.getByLabel('公司名称 / Company name').fill(application.companyName);
  await page.getByLabel('统一社会信用代码 / Unified social credit code').fill(config.wrongCreditCode);
  await chooseInSearchableSelect(page, '注册地 / Registered region', '上海', application.registeredRegion);
  await page.getByLabel('注册地址 / Registered address').fill(application.registeredAddress);
  await page.getByLabel('联系人 / Contact name').fill(application.contactName);
  await page.getByLabel('联系邮箱 / Contact e-mail').fill(config.applicantEmail);
  await page.getByLabel('联系电话 / Contact phone').fill(application.contactPhone);
  await chooseInSelect(page, '产品类型 / Product type', application.productType);
  await page.getByLabel(/我已阅读并接受/).check();
  await page.getByRole('button', { name: '提交申请 / Apply' }).click();

  const creditCodeError = formField(page, '统一社会信用代码 / Unified social credit code').locator('.fjs-form-field-error');
  await creditCodeError.waitFor();
  const errorShown = (await creditCodeError.innerText()).trim();
  assert.match(errorShown, /\[APPLY-\d+\].*统一社会信用代码/, 'the API error names its rule beside the credit code');
  assert.equal(await page.locator('.fjs-form-field-error').count(), 1, 'only the credit code is wrong');
  await journey.screenshot('apply-wrong-credit-code');

  await page.getByLabel('统一社会信用代码 / Unified social credit code').fill(config.creditCode);
  await creditCodeError.waitFor({ state: 'detached' }); // a corrected field loses its error
  await page.getByRole('button', { name: '提交申请 / Apply' }).click();
  const confirmation = page.locator('#done');
  await confirmation.waitFor();
  const applicationId = await confirmation.getAttribute('data-application-id');
  assert.match(applicationId, /^[0-9a-f-]{36}$/);
  assert.match(await confirmation.innerText(), new RegExp(`申请已提交.*${applicationId}`));
  await journey.screenshot('apply-confirmed');
  journey.applicationId = applicationId;
  return { creditCodeError: errorShown, applicationId };
}

async function reviewerApprovesInTasklist(page, journey) {
  await signInToTasklist(page, config.reviewer);
  const task = await openTaskFromFilter(page, 'Applications to review', 'Review application', config.creditCode);
  const columns = await task.columns;
  assert.match(columns, new RegExp(`公司名称 / Company:\\s*${application.companyName}`), "the filter's columns name the company");
  await journey.screenshot('reviewer-filter');

  assert.equal(await page.getByLabel('公司名称 / Company name').inputValue(), application.companyName);
  assert.equal(await page.getByLabel('统一社会信用代码 / Unified social credit code').inputValue(), config.creditCode);
  await claim(page);
  await page.getByLabel('批准 / Approve').check();
  await page.getByLabel('审核意见 / Comment').fill('材料齐全，批准。/ Complete, approved.');
  await journey.screenshot('reviewer-approves');
  await complete(page, task);
  return { filter: 'Applications to review', columns, decision: 'approve' };
}

async function accountManagerRecordsTheCall(page, journey) {
  await signInToTasklist(page, config.manager);
  const task = await openTaskFromFilter(page, 'Calls to make', 'Call applicant', application.companyName);
  const columns = await task.columns;
  assert.match(columns, new RegExp(escape(application.contactPhone)), 'the call list shows the number to dial');
  assert.equal(await page.getByLabel('联系电话 / Contact phone').inputValue(), application.contactPhone);
  await claim(page);
  await page.getByLabel('已联系上 / Reached').check();
  await page.getByLabel('通话记录 / Call notes').fill('已与李娜确认镜像产品计划。/ Confirmed the image plans with Li Na.');
  await journey.screenshot('manager-records-call');
  await complete(page, task);
  return { filter: 'Calls to make', columns, callOutcome: 'reached' };
}

async function operatorFindsTheInstanceInCockpit(page, journey) {
  await signIn(page, '/camunda/app/cockpit/', config.operator);
  await expectChineseWebapp(page, 'cockpit');
  await page.getByRole('link', { name: zh.cockpit.COCKPIT_PROCESSES, exact: true }).first().click();
  const definitionLink = page.getByRole('link', { name: 'Publisher onboarding', exact: true });
  await definitionLink.waitFor();
  await journey.screenshot('operator-processes');
  await definitionLink.click();

  const elementNames = {};
  for (const [id, name] of Object.entries({ reviewApplication: 'Review application', callApplicant: 'Call applicant',
    issueAccount: 'Issue publisher account', activatePublishing: 'Activate publishing' })) {
    const label = page.locator(`.djs-element[data-element-id="${id}"] text`);
    await label.waitFor();
    elementNames[id] = (await label.locator('tspan').allTextContents()).join(' ').replace(/\s+/g, ' ').trim();
    assert.equal(elementNames[id], name, `the diagram names ${id} for people`);
  }
  // the instance (business key: the application's id) waits at the publisher's activation once the account is issued
  const instanceRow = page.locator('tr', { hasText: journey.applicationId });
  const waitingAtActivation = page.locator('.djs-overlays[data-container-id="activatePublishing"] .badge');
  await eventually(async () => {
    await page.reload();
    await instanceRow.waitFor({ timeout: 5000 });
    await waitingAtActivation.first().waitFor({ timeout: 3000 });
  });
  await journey.screenshot('operator-definition');

  await instanceRow.getByRole('link').first().click();
  const processInstanceId = await eventually(async () => page.url().match(/process-instance\/([0-9a-f-]{36})/)[1], 10_000);
  await page.locator('.djs-overlays[data-container-id="activatePublishing"] .badge').first().waitFor();
  await page.getByRole('link', { name: zh.cockpit.PLUGIN_VARIABLE_INSTANCES_LABEL, exact: true }).click();
  const companyNameRow = page.locator('tr', { hasText: 'companyName' }).filter({ hasText: application.companyName });
  await companyNameRow.first().waitFor();
  await journey.screenshot('operator-instance');
  journey.processInstanceId = processInstanceId;
  return { processInstanceId, businessKey: journey.applicationId, elementNames, waitsAt: 'Activate publishing' };
}

async function publisherActivatesWithPartnerId(page, journey) {
  const publisher = await eventually(async () => JSON.parse(await readFile(config.publisherCredentialsFile, 'utf8')));
  await signInToTasklist(page, publisher);
  const task = await openTaskFromFilter(page, 'My tasks', 'Activate publishing');
  await claim(page);
  await page.getByLabel(/微软合作伙伴 ID/).check();
  await page.getByLabel('凭据 / Credential').fill(config.partnerId);
  await journey.screenshot('publisher-activates');
  await complete(page, task);
  return { publisherLogin: publisher.login, credentialType: 'partnerId' };
}

async function publisherSubmitsAnImage(page, journey) {
  const publisher = JSON.parse(await readFile(config.publisherCredentialsFile, 'utf8'));
  const { osVhdUri } = JSON.parse(await readFile(config.submissionFile, 'utf8'));
  await signInToTasklist(page, publisher);
  await page.getByRole('link', { name: zh.tasklist.START_PROCESS }).first().click();
  const dialog = page.locator('.modal-dialog');
  await dialog.getByPlaceholder(zh.tasklist.SEARCH_PROCESS_BY_NAME).fill('Image');
  await dialog.getByText('Image certification', { exact: true }).click();
  await dialog.locator('.fjs-form').waitFor();

  await fillField(page, '产品标识符 / Offer ID', image.offerId);
  await fillField(page, '产品名称 / Offer name', image.offerName);
  await fillField(page, 'SKU 标识符 / SKU ID', image.skuId);
  await fillField(page, 'SKU 摘要 / SKU summary', image.skuSummary);
  await chooseInSelect(page, '定价模式 / Pricing model', image.pricingModel);
  await formField(page, '操作系统系列 / OS family').getByLabel('Linux', { exact: true }).check();
  await fillField(page, '操作系统 / OS name', image.osName);
  await fillField(page, '推荐虚拟机大小 / Recommended VM sizes', config.vmSizes);
  await fillField(page, '版本 / Version', image.version);
  await fillField(page, '操作系统 VHD 的 SAS URI / OS VHD SAS URI', osVhdUri);
  assert.equal(await page.getByLabel('数据磁盘 / Data disks').inputValue(), '', 'no data disks');
  await fillField(page, '认证虚拟机主机 / Certification VM host', image.vmHost);
  assert.equal(await page.getByLabel('SSH 端口 / SSH port').inputValue(), '22', 'SSH on its usual port by default');
  await fillField(page, 'SSH 用户 / SSH user', image.vmUser);
  await fillField(page, 'SSH 密码 / SSH password', image.vmPassword);
  assert.equal(await page.locator('.fjs-form-field-error').count(), 0, 'every field is valid');
  // the SAS URI is a secret: blank it in the picture
  await journey.screenshot('publisher-submits-image', [page.getByLabel('操作系统 VHD 的 SAS URI / OS VHD SAS URI')]);

  await dialog.getByRole('button', { name: zh.tasklist.START, exact: true }).click();
  const started = page.getByText(zh.tasklist.PROCESS_START_OK);
  await started.first().waitFor();
  await dialog.waitFor({ state: 'detached' });
  await journey.screenshot('publisher-submission-started');
  return { publisherLogin: publisher.login, process: 'imageCertification', offerId: image.offerId,
    confirmation: zh.tasklist.PROCESS_START_OK };
}

async function supportReviewsTheImageSize(page, journey) {
  await signInToTasklist(page, config.support);
  const task = await openTaskFromFilter(page, 'Submissions to review', 'Review image size');
  const columns = await task.columns;
  assert.match(columns, new RegExp(`商品 / Offer:\\s*${image.offerId}`), "the filter's columns name the offer");
  const card = page.locator('.task-card');
  await card.getByText(/LNX-SIZE-1/).first().waitFor();
  const findings = (await card.locator('.fjs-form').innerText()).replace(/\s+/g, ' ').trim();
  assert.match(findings, /LNX-SIZE-1/, 'the form names the rule that asked for the review');
  await journey.screenshot('support-reviews-image-size');
  await claim(page);
  await page.getByLabel('批准 / Approve').check();
  await page.getByLabel('意见 / Comment').fill('数据集需要 60 GB 的系统盘，批准。/ The bundled data set needs the 60 GB OS disk, approved.');
  await typingDone(page.getByLabel('意见 / Comment'));
  await journey.screenshot('support-approves-image-size');
  await complete(page, task);
  return { filter: 'Submissions to review', columns, decision: 'approve', rule: 'LNX-SIZE-1' };
}

// ---- what people do on these screens

async function signIn(page, appPath, { login, password }) {
  await page.goto(config.baseUrl + appPath);
  const app = appPath.includes('cockpit') ? 'cockpit' : 'tasklist';
  const username = page.getByPlaceholder(zh[app].PAGE_LOGIN_USERNAME);
  const passwordField = page.getByPlaceholder(zh[app].PAGE_LOGIN_PASSWORD);
  // the login view may still be settling (its autofocus moves the caret): check both fields before
  // logging in, without putting either value into a message
  await eventually(async () => {
    await username.fill(login);
    await passwordField.fill(password);
    assert.ok(await username.inputValue() === login && await passwordField.inputValue() === password,
      'the login form holds the login and the password, each in its field');
  }, 10_000);
  await page.getByRole('button', { name: zh[app].PAGE_LOGIN_SIGN_IN_ACTION, exact: true }).click();
  await username.waitFor({ state: 'detached' });
}

async function signInToTasklist(page, credentials) {
  await signIn(page, '/camunda/app/tasklist/', credentials);
  await page.locator('.task-filter').first().waitFor();
  await expectChineseWebapp(page, 'tasklist');
}

/** A zh browser sees the webapp in Chinese, times in Asia/Shanghai, and no vendor banner. */
async function expectChineseWebapp(page, app) {
  const footer = page.locator('#footer-timezone');
  await footer.waitFor();
  const shown = (await footer.innerText()).replace(/\s+/g, ' ').trim();
  assert.ok(shown.includes(zh[app].CAM_WIDGET_FOOTER_TIMEZONE.trim()), `the ${app} footer in Chinese: ${shown}`);
  assert.ok(shown.includes(TIME_ZONE), `times shown in ${TIME_ZONE}: ${shown}`);
  assert.equal(await page.locator('.ce-eol-banner').filter({ visible: true }).count(), 0, 'no vendor banner');
  assert.equal(await page.locator('.ce-eol-banner').first().innerText().catch(() => ''), '', 'no banner text');
}

/** Opens a filter, waits until the process put the task there, opens it; returns its list entry. */
async function openTaskFromFilter(page, filterName, taskName, withText) {
  const filter = page.locator('.task-filter', { hasText: filterName });
  let entry = page.locator('.tasks-list li.task', { hasText: taskName });
  if (withText) {
    entry = entry.filter({ hasText: withText });
  }
  await eventually(async () => {
    await filter.click();
    await entry.first().waitFor({ timeout: 3000 });
  });
  const variables = entry.first().locator('[cam-tasklist-variables]');
  const columns = (await variables.count()) > 0 ? variables.innerText() : Promise.resolve('');
  await entry.first().locator('.names, h4, .task').first().click();
  await page.locator('.task-card h2.task', { hasText: taskName }).waitFor();
  await page.locator('.task-card form').first().waitFor();
  return { entry: entry.first(), columns };
}

async function claim(page) {
  const claimLink = page.locator('.task-card').getByText(zh.tasklist.CLAIM_TASK, { exact: true });
  await claimLink.click();
  await claimLink.waitFor({ state: 'hidden' }); // the user's name takes its place
}

/** Completes the open task; Tasklist then drops its card and its entry in the list. */
async function complete(page, task) {
  await page.locator('.task-card').getByRole('button', { name: zh.tasklist.COMPLETE, exact: true }).click();
  await page.locator('.task-card').waitFor({ state: 'detached' });
  await task.entry.waitFor({ state: 'detached' });
}

/**
 * form-js takes what is typed into a field after a short debounce (or when the field loses focus):
 * leave the last field typed into and give the form that moment, so submitting sends its value.
 */
/**
 * Fills a form-js text field and waits until the form has kept the value: form-js debounces typing,
 * and on a busy machine a re-render inside that window can drop what was typed.
 */
async function fillField(page, label, value) {
  const field = page.getByLabel(label);
  for (let attempt = 1; ; attempt++) {
    await field.fill(value);
    await typingDone(field);
    if ((await field.inputValue()) === value) {
      return;
    }
    assert.ok(attempt < 3, `${label} did not keep its value`);
  }
}

async function typingDone(field) {
  await field.blur();
  await new Promise((resolve) => setTimeout(resolve, 500));
}

function formField(page, label) {
  return page.locator('.fjs-form-field').filter({ has: page.locator('label', { hasText: label }) });
}

async function chooseInSelect(page, label, option) {
  await formField(page, label).locator('.fjs-input-group').click();
  await page.locator('.fjs-dropdownlist-item', { hasText: option }).click();
}

async function chooseInSearchableSelect(page, label, search, option) {
  await page.getByLabel(label).fill(search);
  await page.locator('.fjs-dropdownlist-item', { hasText: option }).click();
}

/** Retries until the process has moved on (jobs, mails): every try may throw, the last one counts. */
async function eventually(attempt, timeout = WAIT_FOR_PROCESS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

// ---- running the journey

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

function login(name) {
  const value = required(name);
  const colon = value.indexOf(':');
  return { login: value.slice(0, colon), password: value.slice(colon + 1) };
}

/**
 * "GET /camunda/api/engine/engine/default/task/{id}/form": a call to the webapps' or the engine's API
 * as an allow-list sees it; ids (UUIDs, numbers, a definition's key:version:id) and query strings left out.
 */
function apiCall(request) {
  const url = new URL(request.url());
  if (!/^\/(camunda\/api|engine-rest)\//.test(url.pathname)) {
    return null;
  }
  const path = url.pathname.split('/').map((part) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(part) || /^\d+$/.test(part) || /:\d+:/.test(part) ? '{id}' : part).join('/');
  return `${request.method()} ${path}`;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function run() {
  await mkdir(config.out, { recursive: true });
  const summary = { baseUrl: config.baseUrl, steps: [], passed: false };
  const browser = await launchChromium(config.chromium);
  const journey = { shots: 0 };
  const journeyStarted = Date.now();
  try {
    for (const step of steps) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: LOCALE,
        timezoneId: TIME_ZONE });
      const page = await context.newPage();
      const apiCalls = new Set();
      const pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
      page.on('requestfailed', (request) => pageErrors.push(`${request.method()} ${new URL(request.url()).pathname}: ${request.failure()?.errorText}`));
      page.on('request', (request) => {
        const call = apiCall(request);
        if (call) {
          apiCalls.add(call);
        }
      });
      const screenshots = [];
      journey.screenshot = async (name, mask = []) => {
        const file = `${String(++journey.shots).padStart(2, '0')}-${name}.png`;
        await page.screenshot({ path: path.join(config.out, file), fullPage: true, mask });
        screenshots.push(file);
      };
      const started = Date.now();
      try {
        const observed = await step(page, journey);
        summary.steps.push({ step: step.name, passed: true, millis: Date.now() - started, observed, screenshots,
          apiCalls: [...apiCalls].sort() });
      } catch (error) {
        await journey.screenshot(`${step.name}-failed`).catch(() => {});
        summary.steps.push({ step: step.name, passed: false, millis: Date.now() - started, error: error.message, screenshots,
          apiCalls: [...apiCalls].sort(), pageErrors });
        break;
      } finally {
        await context.close();
      }
    }
    summary.passed = summary.steps.length === steps.length && summary.steps.every((s) => s.passed);
    summary.millis = Date.now() - journeyStarted;
    console.log(`journey: ${Math.round(summary.millis / 1000)} s`);
    summary.applicationId = journey.applicationId;
    summary.processInstanceId = journey.processInstanceId;
  } finally {
    await browser.close();
  }
  await writeFile(path.join(config.out, 'summary.json'), JSON.stringify(summary, null, 2));
  console.log(JSON.stringify(summary));
  return summary.passed;
}

run().then((passed) => process.exit(passed ? 0 : 1), (error) => {
  console.error(error);
  process.exit(1);
});
