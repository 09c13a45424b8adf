import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { type Browser, type Page } from 'playwright-core';
import { RECHECK_QUEUE, type RecheckJobData, bullConnection, bullPrefix } from '@bvs/queue';
import { SHOTS, expectAccessible, launchChromium, signInStaff } from '../support/browser';
import { type Stack, startStack } from '../support/stack';

// The dashboard's Batches and Re-checks pages in Debian's Chromium: a staff member signs in,
// uploads a CSV, watches it finish, downloads the results; admits a patient and sees the next
// monthly re-check; on a verification's own page, sees what a re-check found and admits and
// discharges the patient. axe-core checks each page; screenshots go to test-artifacts/screenshots.

const STAFF_KEY = 'staff-key-for-batch-browser-01';
jest.setTimeout(90_000);

describe('batch and re-check pages (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let base: string;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [stack, browser] = await Promise.all([
      // Reuse off: the re-check below must ask the payer again to see the coverage end.
      startStack({ API_KEYS: `staff:${STAFF_KEY}`, REUSE_WINDOW_HOURS: '0' }),
      launchChromium(),
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
    await signInStaff(page, STAFF_KEY, '/staff/batches');
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
    await expectAccessible(page);
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
    await expectAccessible(page);
    await page.click('#admitted-rows button');
    await page.locator('#recheck-notice', { hasText: 'discharged' }).waitFor();
    await page.locator('#admitted-empty').waitFor({ state: 'visible' });
    expect(await page.isVisible('#admitted-empty')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows on the verification page what a re-check found, and admits and discharges the patient there', async () => {
    // Ella Ending's coverage ends after the first answer (docs/sandbox.md): the re-check before her start sees it.
    const plannedStart = new Date(Date.now() + 72 * 3_600_000).toISOString();
    const created = await fetch(`${base}/v1/verifications?wait=10`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${STAFF_KEY}` },
      body: JSON.stringify({
        payer: 'aetna',
        member: { id: 'W100000300', firstName: 'Ella', lastName: 'Ending', dateOfBirth: '1991-03-01' },
        plannedStart,
      }),
    });
    const { id, status } = (await created.json()) as { id: string; status: string };
    expect(status).toBe('completed');
    // The re-check is a delayed job; promoting it stands in for the clock reaching its date.
    const rechecks = new Queue<RecheckJobData>(RECHECK_QUEUE, {
      connection: bullConnection(stack.config.redis.url),
      prefix: bullPrefix(stack.config.redis.prefix),
    });
    try {
      for (let tries = 0; ; tries++) {
        const job = await rechecks.getJob(`recheck-start-${id}`);
        if (job && (await job.getState()) === 'delayed') {
          await job.promote();
          break;
        }
        if (tries > 100) throw new Error('no re-check was scheduled');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await rechecks.close();
    }
    for (let tries = 0; ; tries++) {
      const read = await fetch(`${base}/v1/verifications/${id}`, { headers: { authorization: `Bearer ${STAFF_KEY}` } });
      if (((await read.json()) as { rechecks?: unknown[] }).rechecks?.length) break;
      if (tries > 150) throw new Error('the re-check did not settle');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const page = await signedIn();
    await page.goto(`/staff/v/${id}`);
    await page.locator('#rechecks', { hasText: 'coverage changed' }).waitFor();
    expect(await page.textContent('#rechecks')).toContain('Before the start');
    expect(await page.textContent('#rechecks')).toMatch(/active and is now inactive/i);
    expect(await page.textContent('#care-text')).toContain('Not marked admitted');
    await page.click('#admit');
    await page.locator('#care-text', { hasText: 'In care' }).waitFor();
    expect(await page.isVisible('#discharge')).toBe(true);
    expect(await page.isVisible('#admit')).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'verification-care.png'), fullPage: true });
    await expectAccessible(page);
    await page.click('#discharge');
    await page.locator('#care-text', { hasText: 'Discharged' }).waitFor();
    expect(await page.isVisible('#admit')).toBe(true);
    expect(errors).toEqual([]);
  });
});
