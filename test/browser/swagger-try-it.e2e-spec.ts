import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { SHOTS, launchChromium } from '../support/browser';
import { type Stack, startStack } from '../support/stack';

// Swagger UI at /docs as an integrator uses it: Authorize with a key, then "Try it out" on create
// (the JANE DOE example), read and the staff list — each must reach the API with the bearer key.

const STAFF_KEY = 'staff-key-for-swagger-tests-01';
jest.setTimeout(60_000);

describe('Swagger UI try-it (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const sent: { path: string; authorization: string | undefined }[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [stack, browser] = await Promise.all([startStack({ API_KEYS: `staff:${STAFF_KEY}` }), launchChromium()]);
    const base = `http://127.0.0.1:${(stack.apiServer.address() as AddressInfo).port}`;
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 1000 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname.startsWith('/v1/')) sent.push({ path: url.pathname, authorization: req.headers().authorization });
    });
    await page.goto('/docs/');
    await page.waitForSelector('.swagger-ui .information-container');
  });
  // Every response Swagger UI receives must match the served OpenAPI document too.
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function execute(operation: string): Promise<string> {
    const block = page.locator(`#operations-${operation}`);
    if (!(await block.locator('.opblock-body').isVisible())) await block.locator('.opblock-summary').first().click();
    const tryOut = block.locator('button.try-out__btn');
    if ((await tryOut.textContent())?.includes('Try it out')) await tryOut.click();
    return operation;
  }

  async function run(operation: string): Promise<{ status: string; body: string }> {
    const block = page.locator(`#operations-${operation}`);
    await block.locator('button.execute').click();
    const status = block.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor();
    const body = (await block.locator('.live-responses-table .response-col_description pre').first().textContent()) ?? '';
    return { status: ((await status.textContent()) ?? '').trim(), body };
  }

  it('authorizes with a key and creates JANE DOE from the example body', async () => {
    await page.locator('.auth-wrapper button.authorize').click();
    await page.locator('.modal-ux input').first().fill(STAFF_KEY);
    await page.locator('.modal-ux .auth-btn-wrapper button.authorize').click();
    await page.locator('.modal-ux button.btn-done, .modal-ux .close-modal').first().click();

    await execute('Verifications-VerificationsController_create');
    const created = await run('Verifications-VerificationsController_create');
    expect(created.status).toBe('202');
    expect(created.body).toContain('"payer"');
    expect(sent.at(-1)).toBeDefined();
    expect(created.body).toMatch(/"id": "vrf_[0-9a-f]{32}"/);
    expect(sent.at(-1)).toEqual({ path: '/v1/verifications', authorization: `Bearer ${STAFF_KEY}` });
    await page
      .locator('#operations-Verifications-VerificationsController_create .responses-wrapper')
      .screenshot({ path: join(SHOTS, 'swagger-create.png') });
  });

  it('reads it back and lists it as staff', async () => {
    const id = /"id": "(vrf_[0-9a-f]{32})"/.exec(
      (await page.locator('#operations-Verifications-VerificationsController_create .live-responses-table pre').first().textContent()) ??
        '',
    )?.[1];
    expect(id).toBeDefined();
    await execute('Verifications-VerificationsController_get');
    await page.locator('#operations-Verifications-VerificationsController_get input[placeholder="id"]').fill(id ?? '');
    const read = await run('Verifications-VerificationsController_get');
    expect(read.status).toBe('200');
    expect(read.body).toContain(id);

    await execute('Staff-StaffVerificationsController_list');
    const list = await run('Staff-StaffVerificationsController_list');
    expect(list.status).toBe('200');
    expect(list.body).toContain('"total": 1');
    expect(sent.filter((s) => s.authorization !== `Bearer ${STAFF_KEY}`)).toEqual([]);
    await page
      .locator('#operations-Staff-StaffVerificationsController_list .responses-wrapper')
      .screenshot({ path: join(SHOTS, 'swagger-list.png') });
  });
});
