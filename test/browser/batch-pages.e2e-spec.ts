import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type Stack, startStack } from '../support/stack';

// The dashboard's Batches and Re-checks pages in Debian's Chromium: a staff member signs in,
// uploads a CSV, watches it finish, downloads the results; admits a patient and sees the next
// monthly re-check. Screenshots go to test-artifacts/screenshots.

const STAFF_KEY = 'staff-key-for-batch-browser-01';
const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
jest.setTimeout(60_000);

describe('batch and re-check pages (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let base: string;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [stack, browser] = await Promise.all([
      startStack({ API_KEYS: `staff:${STAFF_KEY}` }),
      chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] }),
    ]);
    base = `http://127.0.0.1:${(stack.apiServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signedIn(): Promise<Page> {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('console', (msg) => {
      // A missing resource is reported below by its URL (the browser asks for /favicon.ico on its own).
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/staff/batches');
    await page.waitForURL('**/staff/sign-in');
    await page.fill('#key', STAFF_KEY);
    await page.click('button[type=submit]');
    await page.waitForURL('**/staff');
    return page;
  }

  it('uploads a CSV, shows refused rows and progress, and offers the results for download', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bvs-browser-'));
    const csv = join(dir, 'census.csv');
    writeFileSync(
      csv,
      [
        'rowKey,payer,memberId,firstName,lastName,dateOfBirth',
        'A1,aetna,W100000001,Jane,Doe,1990-04-12',
        'A2,tufts,TUF10000001,Lucas,Davis,1981-06-30',
        'A3,aetna,W100000001,Jane,Doe,not-a-date',
      ].join('\n'),
    );
    const page = await signedIn();
    await page.goto('/staff/batches');
    await page.setInputFiles('#csv', csv);
    await page.click('#upload button[type=submit]');
    await page.waitForSelector('#row-errors li');
    expect(await page.textContent('#row-errors')).toContain('Row 3 (A3): member.dateOfBirth');
    await page.locator('#counts', { hasText: '(done)' }).waitFor();
    expect(await page.getAttribute('#bar', 'value')).toBe('3');
    await page.screenshot({ path: join(SHOTS, 'batches-done.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const path = await download.path();
    expect(path).toBeTruthy();
    expect(download.suggestedFilename()).toMatch(/^bat_[0-9a-f]{32}-results\.csv$/);
    expect(await page.locator('#recent-rows tr').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('admits a patient and lists the next monthly re-check', async () => {
    const created = await fetch(`${base}/v1/verifications?wait=10`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${STAFF_KEY}` },
      body: JSON.stringify({ payer: 'aetna', member: { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' } }),
    });
    const { id } = (await created.json()) as { id: string };
    const page = await signedIn();
    await page.goto('/staff/rechecks');
    await page.fill('#admit-id', id);
    await page.click('#admit button[type=submit]');
    await page.waitForSelector('#admitted-rows tr');
    expect(await page.textContent('#admitted-rows')).toContain('Jane Doe');
    expect(await page.textContent('#scheduled-rows')).toContain('Monthly (admitted)');
    await page.screenshot({ path: join(SHOTS, 'rechecks-admitted.png'), fullPage: true });
    await page.click('#admitted-rows button');
    await page.locator('#recheck-notice', { hasText: 'discharged' }).waitFor();
    await page.locator('#admitted-empty').waitFor({ state: 'visible' });
    expect(await page.isVisible('#admitted-empty')).toBe(true);
    expect(errors).toEqual([]);
  });
});
