import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SHOTS, launchChromium, signInStaff } from '../support/browser';
import { type Stack, startStack } from '../support/stack';

// The public form and the staff dashboard in a real (headless) Chromium against the whole stack.

const STAFF_KEY = 'staff-key-for-browser-tests-01';
jest.setTimeout(30_000);

describe('web pages (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [stack, browser] = await Promise.all([
      // REUSE_WINDOW_HOURS=0: every submission asks the payer, so the record staff open has its own 270/271.
      startStack({ API_KEYS: `staff:${STAFF_KEY}`, REUSE_WINDOW_HOURS: '0' }),
      launchChromium(),
    ]);
    base = `http://127.0.0.1:${(stack.apiServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  let cspViolations: string[] = [];
  let context: BrowserContext | undefined;
  afterEach(async () => {
    await context?.close();
    context = undefined;
    // The pages work under a strict CSP: a violation shows up as a console error.
    expect(cspViolations).toEqual([]);
  });

  async function newPage(width = 1100): Promise<Page> {
    cspViolations = [];
    context = await browser.newContext({ baseURL: base, viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (msg) => {
      // Bull Board's Google Fonts link is blocked on purpose (no third-party requests from staff pages).
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text()) && !msg.text().includes('fonts.googleapis.com')) {
        cspViolations.push(msg.text());
      }
    });
    return page;
  }

  async function fillJane(page: Page): Promise<void> {
    await page.selectOption('#payer', 'aetna');
    await page.fill('#member-id', 'W100000001');
    await page.fill('#member-first', 'Jane');
    await page.fill('#member-last', 'Doe');
    await page.fill('#member-dob', '04/12/1990');
    await page.check('#loc-iop');
    await page.fill('#contact-phone', '714 555 0123');
    await page.check('#consent');
  }

  it('checks JANE DOE through the public form and shows the result in plain words', async () => {
    const page = await newPage();
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(await page.locator('#payer option').count()).toBe(15); // prompt + 12 insurers + Other + no insurance
    await fillJane(page);
    await shot(page, 'form-desktop');
    await page.click('#submit');
    await page.locator('#result').waitFor({ state: 'visible' });
    const text = await page.locator('#result').innerText();
    expect(text).toContain('Your plan is active.');
    expect(text).toContain('Intensive outpatient care (IOP) appears to be covered.');
    expect(text).toContain('admissions coordinator will confirm the details and call you at 714 555 0123');
    expect(await activeId(page)).toBe('result');
    await shot(page, 'form-result');
  });

  it('shows field errors from the page and from the API, with a focused error summary', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.selectOption('#payer', 'aetna');
    await page.fill('#member-id', 'W1000*0001');
    await page.fill('#member-dob', '13/45/1990');
    await page.click('#submit');
    await expectFocused(page, '#error-summary');
    expect(await page.locator('#member-id-error').innerText()).toBe('Member ID can only include letters, numbers and hyphens');
    expect(await page.locator('#member-first-error').innerText()).toBe('Enter your first name');
    expect(await page.locator('#member-dob-error').innerText()).toContain('must be a real date');
    expect(await page.locator('#consent-error').innerText()).toContain('Check the box');
    expect(await page.getAttribute('#member-id', 'aria-invalid')).toBe('true');
    await shot(page, 'form-errors');

    // An insurer the page cannot know about is no dead end: the request is kept for a call back.
    await fillJane(page);
    await page.selectOption('#payer', 'other');
    await page.fill('#payer-other', 'Acme Mutual Benefit Society');
    await page.click('#submit');
    await page.locator('#result').waitFor({ state: 'visible' });
    expect(await page.locator('#result').innerText()).toContain('we saved your request');
  });

  it('works with the keyboard alone on a phone-sized screen', async () => {
    const page = await newPage(390);
    await page.goto('/');
    const k = page.keyboard;
    await k.press('Tab'); // skip link
    await k.press('Tab'); // insurer
    expect(await activeId(page)).toBe('payer');
    await k.press('ArrowDown'); // Aetna, the first insurer
    expect(await page.inputValue('#payer')).toBe('aetna');
    for (const text of ['W100000001', 'Jane', 'Doe', '04/12/1990']) {
      await k.press('Tab');
      await k.type(text);
    }
    await k.press('Tab'); // "not the policy holder"
    await k.press('Tab'); // level of care radios ("not sure" is checked)
    await k.press('Tab');
    await k.type('714 555 0123');
    await k.press('Tab'); // email
    await k.press('Tab'); // when to call
    await k.press('Tab'); // consent
    await k.press('Space');
    await k.press('Tab');
    expect(await activeId(page)).toBe('submit');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, 'form-phone');
    await k.press('Enter');
    await page.locator('#result').waitFor({ state: 'visible' });
    expect(await page.locator('#result').innerText()).toContain('Your plan is active.');
    await shot(page, 'form-phone-result');
  });

  it('keeps /staff behind sign-in, then shows the queue and the full IOP / PHP / OP summary', async () => {
    const page = await newPage();
    await page.goto('/staff/queues');
    await page.waitForURL('**/staff/sign-in');
    await page.fill('#key', 'not-the-right-staff-key');
    await page.click('button[type=submit]');
    expect(await page.locator('#key-error').innerText()).toBe('That staff key is not valid.');
    await shot(page, 'staff-sign-in-error');
    await page.fill('#key', STAFF_KEY);
    await page.click('button[type=submit]');
    await page.waitForURL('**/staff');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'bvs_staff');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    // The keyboard test's verification asked for all three levels; deadlines follow creation order.
    const row = page.locator('#queue-rows tr', { hasText: 'JANE DOE' }).last();
    await row.waitFor();
    expect(await row.innerText()).toContain('Aetna');
    await shot(page, 'staff-queue');

    await row.getByRole('link', { name: /Open/ }).click();
    await page.locator('#level-IOP').waitFor();
    const iop = await page.locator('#level-IOP').innerText();
    expect(iop).toContain('Covered');
    expect(iop).toMatch(/Prior auth\s+Required/);
    expect(iop).toMatch(/In network[\s\S]*Coinsurance\s+20%[\s\S]*Out of network[\s\S]*Coinsurance\s+40%/);
    expect(await page.locator('#level-PHP').innerText()).toMatch(/30 days per calendar year/);
    expect(await page.locator('#level-OP').innerText()).toMatch(/Copay\s+\$30\.00 per visit/);
    expect(await page.locator('#accumulators').innerText()).toContain('$1,500.00 ($250.00 remaining)');
    await page.click('#show-x12');
    await page.locator('#x12 pre').first().waitFor();
    expect(await page.locator('#x12').innerText()).toMatch(/EB\*/);
    await shot(page, 'staff-verification');
    await page.screenshot({ path: join(SHOTS, 'staff-verification-top.png') });

    // Cookie-signed writes without the CSRF header are refused.
    const id = new URL(page.url()).pathname.split('/').pop();
    const status = await page.evaluate((vid) => fetch(`/v1/verifications/${vid}/retry`, { method: 'POST' }).then((r) => r.status), id);
    expect(status).toBe(403);

    const boardApi = page.waitForResponse((r) => r.url().includes('/staff/queues/api/queues'));
    await page.goto('/staff/queues/queue/eligibility');
    expect((await boardApi).status()).toBe(200);
    await page
      .getByText(/completed/i)
      .first()
      .waitFor();
    await shot(page, 'staff-bull-board');
  });

  it('lets staff record a manual result for a needs_review verification', async () => {
    const created = await fetch(`${base}/v1/verifications?wait=20`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${STAFF_KEY}` },
      body: JSON.stringify({
        payer: 'umr',
        member: { id: 'UMR10000001', firstName: 'Ethan', lastName: 'Brown', dateOfBirth: '1987-03-17' },
      }),
    }).then((r) => r.json() as Promise<{ id: string; status: string }>);
    expect(created.status).toBe('needs_review');

    const page = await newPage();
    await signInStaff(page, STAFF_KEY);
    await page.goto('/staff?status=needs_review');
    await page.locator('#queue-rows tr', { hasText: 'UMR' }).first().waitFor();
    await page.goto(`/staff/v/${created.id}`);
    await page.locator('#review-section').waitFor({ state: 'visible' });
    expect(await page.locator('#status').innerText()).toBe('Needs review');
    expect(await page.locator('#level-IOP').innerText()).toContain('general mental-health benefits only');

    await page.click('#manual-submit');
    await expectFocused(page, '#manual-errors');
    expect(await page.locator('#m-ref-error').innerText()).toContain('reference number');

    await page.fill('#m-ref', 'REF-2026-0042');
    await page.fill('#m-rep', 'Dana at UMR');
    await page.check('#m-elig-active');
    await page.fill('#m-ded-total', '2000');
    await page.fill('#m-ded-rem', '750.00');
    await page.selectOption('#m-IOP-status', 'covered');
    await page.selectOption('#m-IOP-pa', 'true');
    await page.fill('#m-IOP-in-coins', '20');
    await page.selectOption('#m-IOP-in-ded', 'true');
    await page.fill('#m-IOP-out-coins', '50');
    await page.selectOption('#m-PHP-status', 'not_covered');
    await page.selectOption('#m-OP-status', 'covered');
    await page.fill('#m-OP-in-copay', '25');
    await shot(page, 'staff-manual-form');
    await page.click('#manual-submit');
    await page.locator('#notice .notice.ok').waitFor();
    expect(await page.locator('#status').innerText()).toBe('Completed');
    expect(await page.locator('#overview').innerText()).toContain('Completed by phone');
    expect(await page.locator('#level-IOP').innerText()).toMatch(/Coinsurance\s+20%/);
    await shot(page, 'staff-manual-result');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'staff-verification-phone.png') });

    await page.click('form[action="/staff/sign-out"] button');
    await page.waitForURL('**/staff/sign-in');
    await page.goto('/staff');
    await page.waitForURL('**/staff/sign-in');
  });

  it('writes no PHI and no staff key to the logs', () => {
    expect(stack.logs.lines.length).toBeGreaterThan(10);
    const logs = stack.logs.lines.join('\n');
    for (const secret of [STAFF_KEY, 'W100000001', 'UMR10000001', 'Jane', 'BROWN', '1990-04-12', '714 555 0123']) {
      expect(logs).not.toContain(secret);
    }
  });
});

/** The element has focus (after the page's script moved it there). */
async function expectFocused(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(`document.activeElement === document.querySelector(${JSON.stringify(selector)})`, undefined, {
    timeout: 5000,
  });
}

/** Id of the focused element (a string expression: this project compiles without the DOM types). */
function activeId(page: Page): Promise<string> {
  return page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
}
