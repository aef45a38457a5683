// The whole lifecycle as its people live it, in a real browser: Debian's Chromium, headless, driven
// by playwright-core. An applicant applies (one mistake, shown under its field); the reviewer asks for
// more information and the applicant amends through the mailed link; the reviewer approves, the
// account manager records the call, the publisher signs in with the mailed password and activates.
// The publisher's image submission fails (a VM port the policy refuses, a SAS URI without sp=rl) and
// is fixed in Tasklist; support reviews its size, the certification runs over SSH, the publisher
// answers the questionnaire. The publisher requests the release with its start form, support reviews
// it, the publisher checks the staging address and asks for production, support schedules it; at the
// release time the offer is live in GET /api/offers. Operations follow it in Cockpit: a mail job fails
// while the SMTP server is down, and an administrator retries its incident once it is back.
//
// Each step is one person at one screen, in their own browser context set
// to zh-CN and Asia/Shanghai like the staff's and the applicants' browsers; it asserts what the page
// shows (the webapps in Chinese, no vendor banner, times in Asia/Shanghai), leaves screenshots in
// E2E_OUT, and adds what it saw to the JSON summary (E2E_OUT/summary.json, also the last line
// printed), with every webapp and engine API call the step's person made (method and path, ids
// replaced by {id}). Exit code 0 only when every step passed.
//
// Environment: E2E_BASE_URL; E2E_REVIEWER, E2E_MANAGER, E2E_OPERATOR as "user:password";
// E2E_SUPPORT, E2E_ADMIN as "user:password"; E2E_APPLICANT_EMAIL, E2E_CREDIT_CODE,
// E2E_WRONG_CREDIT_CODE, E2E_PARTNER_ID, E2E_OFFER_ID;
// E2E_AMEND_LINK_FILE: where the caller writes {"path"} of the mailed amendment link once it arrives;
// E2E_PUBLISHER_CREDENTIALS_FILE: where the caller writes {"login", "password"} from the account
// mail once it arrives (secrets travel in these files only, never in arguments or output);
// E2E_SUBMISSION_FILE: {"osVhdUri", "readOnlyOsVhdUri", "vmPassword"}, the SAS URIs of the image's OS
// disk, read and list and read only, and the VM's password (secrets too); E2E_VM_HOST, E2E_VM_PORT,
// E2E_VM_USER: the certification VM's SSH server; E2E_WRONG_VM_PORT: the port first given by mistake;
// E2E_VM_SIZES: three of the configured VM sizes, comma-separated; E2E_RELEASE_AT: the release time
// support agrees (the caller moves the engine's clock to it once scheduled); E2E_SMTP_RESTORED_FILE:
// appears when the caller has brought the mail server back after the outage;
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
  admin: login('E2E_ADMIN'),
  submissionFile: required('E2E_SUBMISSION_FILE'),
  amendLinkFile: required('E2E_AMEND_LINK_FILE'),
  smtpRestoredFile: required('E2E_SMTP_RESTORED_FILE'),
  vmSizes: required('E2E_VM_SIZES'),
  vmHost: required('E2E_VM_HOST'),
  vmPort: required('E2E_VM_PORT'),
  vmUser: required('E2E_VM_USER'),
  wrongVmPort: required('E2E_WRONG_VM_PORT'),
  offerId: required('E2E_OFFER_ID'),
  releaseAt: required('E2E_RELEASE_AT'),
};

const application = {
  companyName: '上海浦江云镜像软件有限公司',
  registeredRegion: '上海市 / Shanghai',
  registeredAddress: '上海市浦东新区世纪大道 100 号',
  amendedAddress: '上海市浦东新区世纪大道 100 号 18 楼 1801 室',
  contactName: '李娜',
  contactPhone: '+86 21 5555 0100',
  productType: '虚拟机镜像 / Virtual machine image',
};

const image = {
  offerId: config.offerId,
  offerName: '浦江云数据库 / Pujiang Cloud DB',
  skuId: 'standard-2026',
  skuSummary: '浦江云数据库，基于 Ubuntu，开箱即用 / Pujiang Cloud DB on Ubuntu, ready to run',
  pricingModel: '自带许可 / Bring your own licence (BYOL)',
  osName: 'Ubuntu Server 22.04 LTS',
  version: '1.0.0',
};

const release = {
  titleZh: '浦江云数据库',
  titleEn: 'Pujiang Cloud DB',
  summaryZh: '开箱即用的浦江云数据库服务器。',
  summaryEn: 'The Pujiang Cloud database server, ready to run.',
  descriptionZh: '在 Ubuntu 22.04 上预装并调优的浦江云数据库，自带许可。',
  descriptionEn: 'Pujiang Cloud DB preinstalled and tuned on Ubuntu 22.04; bring your own licence.',
  preferredWindow: '工作日上午 / A weekday morning',
};

const WAIT_FOR_PROCESS = 60_000;
// the certification runs its probe over SSH, and a retried job keeps its due date (a minute at most)
const WAIT_FOR_SLOW_JOB = 150_000;
// a screen waits this long for what it shows: generous, for a machine under load
const SCREEN_TIMEOUT = 60_000;
const LOCALE = 'zh-CN';
const TIME_ZONE = 'Asia/Shanghai';
/** Every person's browser: a desktop window, Chinese, in Beijing time. */
const PERSON = { viewport: { width: 1400, height: 900 }, locale: LOCALE, timezoneId: TIME_ZONE };

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
  reviewerAsksForMoreInformation,
  applicantAmendsThroughTheMailedLink,
  reviewerApprovesInTasklist,
  accountManagerRecordsTheCall,
  operatorFindsTheInstanceInCockpit,
  publisherActivatesWithPartnerId,
  publisherSubmitsAnImage,
  publisherFixesTheSubmission,
  supportReviewsTheImageSize,
  publisherAnswersTheQuestionnaire,
  publisherRequestsTheRelease,
  supportReviewsTheRelease,
  publisherVerifiesStaging,
  supportSchedulesTheRelease,
  visitorSeesTheOfferLive,
  operatorFindsTheIncident,
  administratorRetriesTheIncident,
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

async function reviewerAsksForMoreInformation(page, journey) {
  await signInToTasklist(page, config.reviewer);
  const task = await openTaskFromFilter(page, 'Applications to review', 'Review application', config.creditCode);
  // relative times ("created a few seconds ago") follow the browser's language too
  const listed = (await task.entry.innerText()).replace(/\s+/g, ' ');
  assert.doesNotMatch(listed, /\b(ago|in \d+|few seconds|minutes?|hours?|days?)\b/, `relative times in Chinese: ${listed}`);
  await journey.screenshot('reviewer-opens-application');
  await claim(page);
  await page.getByLabel('需补充信息 / Ask for more information').check();
  const comment = '请补充注册地址的楼层和房间号。/ Please add the floor and room to the registered address.';
  await fillField(page, '审核意见 / Comment', comment);
  await journey.screenshot('reviewer-asks-for-more-information');
  await complete(page, task);
  return { decision: 'moreInfo', comment };
}

async function applicantAmendsThroughTheMailedLink(page, journey) {
  // the link is a secret of the applicant's: it stays out of the summary and the output
  const { path: amendPath } = await eventually(async () => JSON.parse(await readFile(config.amendLinkFile, 'utf8')));
  await page.goto(config.baseUrl + amendPath);
  await page.locator('#mode-amend').waitFor();
  await page.locator('.fjs-form').waitFor();
  const address = page.getByLabel('注册地址 / Registered address');
  assert.equal(await page.getByLabel('公司名称 / Company name').inputValue(), application.companyName,
    'the link opens the application as it was sent');
  assert.equal(await address.inputValue(), application.registeredAddress);
  // a reload along the way opens the same application again
  await page.reload();
  await page.locator('.fjs-form').waitFor();
  assert.equal(await address.inputValue(), application.registeredAddress, 'a reload shows the application again');
  await address.fill(application.amendedAddress);
  await page.getByLabel(/我已阅读并接受/).check();
  await journey.screenshot('applicant-amends');
  await page.getByRole('button', { name: '提交申请 / Apply' }).click();
  const confirmation = page.locator('#done');
  await confirmation.waitFor();
  assert.equal(await confirmation.getAttribute('data-application-id'), journey.applicationId, 'the same application');
  await journey.screenshot('applicant-amendment-received');
  return { registeredAddress: application.amendedAddress };
}

async function reviewerApprovesInTasklist(page, journey) {
  await signInToTasklist(page, config.reviewer);
  const task = await openTaskFromFilter(page, 'Applications to review', 'Review application', config.creditCode);
  const columns = await task.columns;
  assert.match(columns, new RegExp(`公司名称 / Company:\\s*${application.companyName}`), "the filter's columns name the company");
  await journey.screenshot('reviewer-filter');

  assert.equal(await page.getByLabel('公司名称 / Company name').inputValue(), application.companyName);
  assert.equal(await page.getByLabel('统一社会信用代码 / Unified social credit code').inputValue(), config.creditCode);
  assert.equal(await page.getByLabel('注册地址 / Registered address').inputValue(), application.amendedAddress,
    'the reviewer sees the amended address');
  await claim(page);
  await page.getByLabel('批准 / Approve').check();
  await fillField(page, '审核意见 / Comment', '材料齐全，批准。/ Complete, approved.');
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
  await openDefinitionInCockpit(page, 'Publisher onboarding', () => journey.screenshot('operator-processes'));

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
  const secrets = JSON.parse(await readFile(config.submissionFile, 'utf8'));
  await signInToTasklist(page, publisher);
  const dialog = await openStartForm(page, 'Image', 'Image certification');

  await fillField(page, '产品标识符 / Offer ID', image.offerId);
  await fillField(page, '产品名称 / Offer name', image.offerName);
  await fillField(page, 'SKU 标识符 / SKU ID', image.skuId);
  await fillField(page, 'SKU 摘要 / SKU summary', image.skuSummary);
  await chooseInSelect(page, '定价模式 / Pricing model', image.pricingModel);
  await formField(page, '操作系统系列 / OS family').getByLabel('Linux', { exact: true }).check();
  await fillField(page, '操作系统 / OS name', image.osName);
  await fillField(page, '推荐虚拟机大小 / Recommended VM sizes', config.vmSizes);
  await fillField(page, '版本 / Version', image.version);
  // two mistakes: a SAS URI that grants read only, and the web server's port instead of SSH's
  await fillField(page, '操作系统 VHD 的 SAS URI / OS VHD SAS URI', secrets.readOnlyOsVhdUri);
  assert.equal(await page.getByLabel('数据磁盘 / Data disks').inputValue(), '', 'no data disks');
  await fillField(page, '认证虚拟机主机 / Certification VM host', config.vmHost);
  assert.equal(await page.getByLabel('SSH 端口 / SSH port').inputValue(), '22', 'SSH on its usual port by default');
  await fillField(page, 'SSH 端口 / SSH port', config.wrongVmPort);
  await fillField(page, 'SSH 用户 / SSH user', config.vmUser);
  await fillField(page, 'SSH 密码 / SSH password', secrets.vmPassword);
  assert.equal(await page.locator('.fjs-form-field-error').count(), 0, 'every field is valid in the form');
  // the SAS URI and the password are secrets: blank them in the picture
  await journey.screenshot('publisher-submits-image', secretFields(page));

  await dialog.getByRole('button', { name: zh.tasklist.START, exact: true }).click();
  const started = page.getByText(zh.tasklist.PROCESS_START_OK);
  await started.first().waitFor();
  await dialog.waitFor({ state: 'detached' });
  await journey.screenshot('publisher-submission-started');
  return { publisherLogin: publisher.login, process: 'imageCertification', offerId: image.offerId,
    vmPort: config.wrongVmPort, sasPermissions: 'r', confirmation: zh.tasklist.PROCESS_START_OK };
}

async function publisherFixesTheSubmission(page, journey) {
  const publisher = JSON.parse(await readFile(config.publisherCredentialsFile, 'utf8'));
  const secrets = JSON.parse(await readFile(config.submissionFile, 'utf8'));
  await signInToTasklist(page, publisher);
  const task = await openTaskFromFilter(page, 'My tasks', 'Fix submission');
  const card = page.locator('.task-card');
  await card.getByText(/SAS-7/).first().waitFor();
  const findings = (await card.locator('.fjs-form').innerText()).replace(/\s+/g, ' ').trim();
  assert.match(findings, /SAS-7/, 'the form names the SAS rule the URI broke');
  assert.match(findings, /CERT-6/, 'and the destination rule the port broke');
  const signature = new URL(secrets.readOnlyOsVhdUri).searchParams.get('sig');
  assert.ok(!findings.includes(signature) && !findings.includes(encodeURIComponent(signature)),
    'the SAS signature is never shown');
  await journey.screenshot('publisher-sees-what-to-fix', secretFields(page));
  await claim(page);
  await fillField(page, '操作系统 VHD 的 SAS URI / OS VHD SAS URI', secrets.osVhdUri);
  await fillField(page, 'SSH 端口 / SSH port', config.vmPort);
  await fillField(page, 'SSH 密码 / SSH password', secrets.vmPassword);
  await journey.screenshot('publisher-fixes-submission', secretFields(page));
  await complete(page, task);
  return { publisherLogin: publisher.login, findings: findings.match(/(SAS|CERT)-\d+/g), vmPort: config.vmPort };
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

async function publisherAnswersTheQuestionnaire(page, journey) {
  const publisher = JSON.parse(await readFile(config.publisherCredentialsFile, 'utf8'));
  await signInToTasklist(page, publisher);
  // the certification connects to the VM over SSH and runs its probe first
  const task = await openTaskFromFilter(page, 'My tasks', 'Answer certification questionnaire', undefined,
    WAIT_FOR_SLOW_JOB);
  await claim(page);
  for (const question of ['基于认可的发行版 / Endorsed distribution', '已安装最新安全更新 / Latest security updates installed',
    '已遵循安全指南 / Security guidance followed', '无共享的默认凭据 / No shared default credentials',
    '最后一步已通用化 / Generalized as the last step', '软件许可允许再分发 / Software may be redistributed']) {
    await radioField(page, question).getByLabel('是 / Yes', { exact: true }).check();
  }
  await radioField(page, '收集客户数据 / Collects customer data').getByLabel('否 / No', { exact: true }).check();
  await radioField(page, '内核 / Kernel').getByLabel(/未修改/).check();
  // every warning the tests left gets its explanation
  const explanations = page.locator('.task-card .fjs-form-field-textarea').filter({ hasText: '说明 / Explanation' })
    .locator('textarea');
  const warnings = await explanations.count();
  for (let i = 0; i < warnings; i++) {
    await explanations.nth(i).fill('已知且符合预期。/ Known and intended.');
  }
  await fillField(page, 'SSH 访问说明 / SSH access notes', '仅认证网络可访问 22 端口。/ Port 22 open to the certification network only.');
  await page.getByLabel(/我确认以上回答真实准确/).check();
  await journey.screenshot('publisher-answers-questionnaire');
  await complete(page, task);
  return { publisherLogin: publisher.login, warningsExplained: warnings };
}

async function publisherRequestsTheRelease(page, journey) {
  const publisher = JSON.parse(await readFile(config.publisherCredentialsFile, 'utf8'));
  await signInToTasklist(page, publisher);
  // the start form opens once the image is certified (NEXT-1): the release's start checks it
  const dialog = await openStartForm(page, 'release', 'Offer release');
  await fillField(page, '产品 ID / Offer ID', image.offerId);
  await fillField(page, '标题（中文）/ Title (Chinese)', release.titleZh);
  await fillField(page, '标题（英文）/ Title (English)', release.titleEn);
  await fillField(page, '摘要（中文）/ Summary (Chinese)', release.summaryZh);
  await fillField(page, '摘要（英文）/ Summary (English)', release.summaryEn);
  await fillField(page, '描述（中文）/ Description (Chinese)', release.descriptionZh);
  await fillField(page, '描述（英文）/ Description (English)', release.descriptionEn);
  await journey.screenshot('publisher-requests-release');
  await eventually(async () => {
    // the certification's last job may still be storing its report: the start then says so, and is tried again
    await dialog.getByRole('button', { name: zh.tasklist.START, exact: true }).click();
    await page.getByText(zh.tasklist.PROCESS_START_OK).first().waitFor({ timeout: 5000 });
  }, WAIT_FOR_PROCESS);
  await dialog.waitFor({ state: 'detached' });
  return { publisherLogin: publisher.login, process: 'offerRelease', offerId: image.offerId };
}

async function supportReviewsTheRelease(page, journey) {
  await signInToTasklist(page, config.support);
  const task = await openTaskFromFilter(page, 'Submissions to review', 'Review submission', image.offerId);
  assert.equal(await page.getByLabel('标题（中文）/ Title (Chinese)').inputValue(), release.titleZh);
  await claim(page);
  await page.getByLabel(/批准：发布到预发布环境/).check();
  await fillField(page, '审核意见 / Comment', '资料与认证报告一致，发布到预发布环境。/ Matches the report; to pre-release.');
  await journey.screenshot('support-reviews-release');
  await complete(page, task);
  return { filter: 'Submissions to review', decision: 'approve' };
}

async function publisherVerifiesStaging(page, journey) {
  const publisher = JSON.parse(await readFile(config.publisherCredentialsFile, 'utf8'));
  await signInToTasklist(page, publisher);
  const task = await openTaskFromFilter(page, 'My tasks', 'Verify in pre-release');
  const stagingUrl = await page.getByLabel('预发布地址 / Pre-release address').inputValue();
  const stagingPath = new URL(stagingUrl).pathname;
  await journey.screenshot('publisher-staging-task');

  // the staging address answers the publisher alone, as its automation reads it (HTTP Basic)
  const basic = Buffer.from(`${publisher.login}:${publisher.password}`).toString('base64');
  const automation = await journey.newContext({ extraHTTPHeaders: { Authorization: `Basic ${basic}` } });
  const stagingPage = await automation.newPage();
  const answer = await stagingPage.goto(config.baseUrl + stagingPath);
  assert.equal(answer.status(), 200, 'the staging address opens for its publisher');
  const staged = await answer.json();
  assert.equal(staged.state, 'staging');
  await journey.screenshot('publisher-staging-address', [], stagingPage);
  await automation.close();

  await claim(page);
  await page.getByLabel(/请求生产发布/).check();
  await fillField(page, '希望的发布时间段 / Preferred release window', release.preferredWindow);
  await journey.screenshot('publisher-requests-production');
  await complete(page, task);
  return { stagingPath: stagingPath.replace(/[0-9a-f-]{36}/g, '{id}'), state: staged.state,
    decision: 'requestProduction' };
}

async function supportSchedulesTheRelease(page, journey) {
  await signInToTasklist(page, config.support);
  const task = await openTaskFromFilter(page, 'Releases to schedule', 'Schedule release', image.offerId);
  assert.equal(await page.getByLabel('发布商希望的时间段 / The publisher\'s preferred window').inputValue(),
    release.preferredWindow);
  await claim(page);
  await fillField(page, '发布时间 / Release time', config.releaseAt);
  await page.getByLabel('发布时间 / Release time').scrollIntoViewIfNeeded();
  await journey.screenshot('support-schedules-release');
  await complete(page, task);
  return { filter: 'Releases to schedule', releaseAt: config.releaseAt };
}

async function visitorSeesTheOfferLive(page, journey) {
  // the release time comes (the caller moves the engine's clock to it) and the catalogue lists the offer
  const offer = await eventually(async () => {
    const answer = await page.goto(`${config.baseUrl}/api/offers`);
    assert.equal(answer.status(), 200);
    const found = (await answer.json()).find((o) => o.offerId === image.offerId);
    assert.ok(found, `${image.offerId} is in the catalogue`);
    return found;
  }, WAIT_FOR_SLOW_JOB);
  assert.equal(offer.titleZh, release.titleZh);
  await journey.screenshot('catalogue-offer-live');
  return { offerId: offer.offerId, titleZh: offer.titleZh, skus: offer.skus.map((sku) => sku.skuId) };
}

async function operatorFindsTheIncident(page, journey) {
  await signIn(page, '/camunda/app/cockpit/', config.operator);
  await expectChineseWebapp(page, 'cockpit');
  await openDefinitionInCockpit(page, 'Offer release');
  // the mail server is down: the publisher's "live" mail fails, and with no retries left it is an incident
  const incidentBadge = page.locator('.djs-overlays[data-container-id="mailLiveToPublisher"] .badge-important');
  await eventually(async () => {
    await page.reload();
    await page.locator('.djs-element[data-element-id="mailLiveToPublisher"]').waitFor({ timeout: 10_000 });
    await incidentBadge.first().waitFor({ timeout: 3000 });
  }, WAIT_FOR_SLOW_JOB);
  await journey.screenshot('operator-sees-incident');
  await page.locator('.instance-table tbody tr, table tbody tr').filter({ has: page.getByRole('link') }).first()
    .getByRole('link').first().click();
  const processInstanceId = await eventually(async () => page.url().match(/process-instance\/([0-9a-f-]{36})/)[1], 10_000);
  await page.getByRole('link', { name: zh.cockpit.PLUGIN_INCIDENTS_LABEL, exact: true }).click();
  const incidentRow = page.locator('tr', { hasText: 'Mail publisher: live' });
  await incidentRow.first().waitFor();
  const shown = (await incidentRow.first().innerText()).replace(/\s+/g, ' ').trim();
  await journey.screenshot('operator-incident-details');
  journey.releaseInstanceId = processInstanceId;
  return { processInstanceId, activity: 'mailLiveToPublisher', incident: shown };
}

async function administratorRetriesTheIncident(page, journey) {
  // the mail server is back; an administrator retries the failed job from its incident
  await eventually(() => readFile(config.smtpRestoredFile, 'utf8'));
  await signIn(page, '/camunda/app/cockpit/', config.admin);
  await expectChineseWebapp(page, 'cockpit');
  await page.goto(`${config.baseUrl}/camunda/app/cockpit/default/#/process-instance/${journey.releaseInstanceId}/runtime?tab=incidents-tab`);
  const incidentRow = page.locator('tr', { hasText: 'Mail publisher: live' });
  await incidentRow.first().waitFor();
  await incidentRow.first().locator('a[ng-click^="openJobRetryDialog"]').click();
  const dialog = page.locator('.modal-dialog');
  await dialog.getByRole('button', { name: zh.cockpit.PLUGIN_JOB_RETRY_BTN_RETRY, exact: true }).waitFor();
  await journey.screenshot('administrator-retries-incident');
  await dialog.getByRole('button', { name: zh.cockpit.PLUGIN_JOB_RETRY_BTN_RETRY, exact: true }).click();
  await dialog.getByText(zh.cockpit.PLUGIN_JOB_RETRY_MESSAGE_1).first().waitFor();
  await dialog.locator('button.btn-primary:visible').click();
  await dialog.waitFor({ state: 'detached' });

  // the retried job sends the mail and the instance ends, as the engine API behind Cockpit tells
  const engineApi = '/camunda/api/engine/engine/default';
  const ended = await eventually(async () => {
    const state = await page.evaluate(async ({ api, id }) => {
      const incidents = await (await fetch(`${api}/incident/count?processInstanceId=${id}`)).json();
      const instance = await (await fetch(`${api}/history/process-instance/${id}`)).json();
      return { incidents: incidents.count, state: instance.state };
    }, { api: engineApi, id: journey.releaseInstanceId });
    assert.equal(state.incidents, 0, 'no incident left');
    assert.equal(state.state, 'COMPLETED', 'the instance has ended');
    return state;
  }, WAIT_FOR_SLOW_JOB);
  await openDefinitionInCockpit(page, 'Offer release');
  await page.locator('.djs-element[data-element-id="mailLiveToPublisher"]').waitFor();
  await page.getByText(zh.cockpit.PLUGIN_PROCESS_INSTANCE_NO_PROCESS).first().waitFor(); // no instance left running
  await journey.screenshot('administrator-incident-resolved');
  return { processInstanceId: journey.releaseInstanceId, retried: 'mailLiveToPublisher', ...ended };
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
async function openTaskFromFilter(page, filterName, taskName, withText, timeout = WAIT_FOR_PROCESS) {
  const filter = page.locator('.task-filter', { hasText: filterName });
  let entry = page.locator('.tasks-list li.task', { hasText: taskName });
  if (withText) {
    entry = entry.filter({ hasText: withText });
  }
  await eventually(async () => {
    await filter.click();
    await entry.first().waitFor({ timeout: 3000 });
  }, timeout);
  const variables = entry.first().locator('[cam-tasklist-variables]');
  const columns = (await variables.count()) > 0 ? variables.innerText() : Promise.resolve('');
  await entry.first().locator('.names, h4, .task').first().click();
  await page.locator('.task-card h2.task', { hasText: taskName }).waitFor();
  await page.locator('.task-card form').first().waitFor();
  return { entry: entry.first(), columns };
}

/** From Cockpit's start page to a process definition's page, by its name in the list of processes. */
async function openDefinitionInCockpit(page, name, beforeOpening = async () => {}) {
  await page.goto(`${config.baseUrl}/camunda/app/cockpit/default/#/dashboard`);
  await page.getByRole('link', { name: zh.cockpit.COCKPIT_PROCESSES, exact: true }).first().click();
  const definitionLink = page.getByRole('link', { name, exact: true });
  await definitionLink.waitFor();
  await beforeOpening();
  await definitionLink.click();
}

/** Tasklist's "start process" dialog with the start form of the process named {@code name}. */
async function openStartForm(page, search, name) {
  await page.getByRole('link', { name: zh.tasklist.START_PROCESS }).first().click();
  const dialog = page.locator('.modal-dialog');
  await dialog.getByPlaceholder(zh.tasklist.SEARCH_PROCESS_BY_NAME).fill(search);
  await dialog.getByText(name, { exact: true }).click();
  await dialog.locator('.fjs-form').waitFor();
  return dialog;
}

/** The fields of an image submission that hold secrets, blanked in screenshots. */
function secretFields(page) {
  return [page.getByLabel('操作系统 VHD 的 SAS URI / OS VHD SAS URI'), page.getByLabel('SSH 密码 / SSH password')];
}

function radioField(page, label) {
  return page.locator('.fjs-form-field-radio')
    .filter({ has: page.locator('.fjs-form-field-label', { hasText: label }) });
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
  const journey = { shots: 0, newContext: (options = {}) => browser.newContext({ ...PERSON, ...options }) };
  const journeyStarted = Date.now();
  try {
    for (const step of steps) {
      const context = await journey.newContext();
      context.setDefaultTimeout(SCREEN_TIMEOUT);
      context.setDefaultNavigationTimeout(SCREEN_TIMEOUT);
      const page = await context.newPage();
      let tooManyRequests = 0;
      context.on('response', (response) => {
        if (response.status() === 429) {
          tooManyRequests++;
        }
      });
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
      journey.screenshot = async (name, mask = [], shown = page) => {
        const file = `${String(++journey.shots).padStart(2, '0')}-${name}.png`;
        await shown.screenshot({ path: path.join(config.out, file), fullPage: true, mask });
        screenshots.push(file);
      };
      const started = Date.now();
      try {
        const observed = await step(page, journey);
        summary.steps.push({ step: step.name, passed: true, millis: Date.now() - started, observed, screenshots,
          tooManyRequests, apiCalls: [...apiCalls].sort() });
      } catch (error) {
        await journey.screenshot(`${step.name}-failed`).catch(() => {});
        summary.steps.push({ step: step.name, passed: false, millis: Date.now() - started, error: error.message, screenshots,
          tooManyRequests, apiCalls: [...apiCalls].sort(), pageErrors });
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
