import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SHOTS, expectAccessible, launchChromium, signInStaff } from '../support/browser';
import { type Stack, startStack } from '../support/stack';

// The admissions workflow in a real (headless) Chromium against the whole stack: the patient
// with a slow payer, an insurer the center does not accept, self-pay and JavaScript off; staff
// starting, finding, claiming, calling (script), recording a full manual result and printing.
// axe-core checks every page; screenshots go to test-artifacts/screenshots.

const STAFF_KEY = 'staff-key-for-admissions-browser-01';
const CENTER_PHONE = '(714) 555-0100';
jest.setTimeout(120_000);

describe('admissions workflow (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let base: string;
  let context: BrowserContext | undefined;
  let cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [stack, browser] = await Promise.all([
      // Named staff credential: the audit trail and the claim show "staff/alex".
      // CENTER_PHONE: shown to patients. PAYER_TIMEOUT_MS stays the stack's 1 s so the slow payer is slow, not endless.
      startStack({ API_KEYS: `staff/alex:${STAFF_KEY}`, CENTER_PHONE }),
      launchChromium(),
    ]);
    base = `http://127.0.0.1:${(stack.apiServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    expect(cspViolations).toEqual([]);
  });

  async function newPage(options: { width?: number; javaScriptEnabled?: boolean } = {}): Promise<Page> {
    cspViolations = [];
    context = await browser.newContext({
      baseURL: base,
      viewport: { width: options.width ?? 1100, height: 900 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `admissions-${name}.png`), fullPage: true });

  /** A page rendered with JavaScript off, checked by axe in a page that runs it (same origin, same styles). */
  async function expectAccessibleHtml(html: string): Promise<void> {
    const checker = await context!.browser()!.newContext({ baseURL: base, viewport: { width: 1100, height: 900 } });
    try {
      const page = await checker.newPage();
      await page.goto('/assets/site.css');
      await page.setContent(html, { waitUntil: 'load' });
      await expectAccessible(page);
    } finally {
      await checker.close();
    }
  }

  async function fillPatient(page: Page, payer: string, member: { id?: string; first: string; last: string; dob: string }): Promise<void> {
    await page.selectOption('#payer', payer);
    if (member.id) await page.fill('#member-id', member.id);
    await page.fill('#member-first', member.first);
    await page.fill('#member-last', member.last);
    await page.fill('#member-dob', member.dob);
    await page.fill('#contact-phone', '714 555 0188');
    await page.selectOption('#contact-time', 'Evenings');
    await page.check('#consent');
  }

  it('keeps the progress notice in view and announced while a slow payer answers, then gives a reference and the phone', async () => {
    const page = await newPage({ width: 390 });
    await page.goto('/');
    await expectAccessible(page);
    await fillPatient(page, 'aetna', { id: 'W100000408', first: 'Slow', last: 'Payer', dob: '01/01/1980' });
    await page.click('#submit');
    const progress = page.locator('#progress');
    await progress.locator('.notice').waitFor({ state: 'visible' });
    expect(await progress.getAttribute('aria-live')).toBe('polite');
    expect(await progress.getAttribute('role')).toBe('status');
    const box = await progress.boundingBox();
    expect(box && box.y >= 0 && box.y < 900).toBe(true);
    await shot(page, 'patient-slow-payer-progress');
    await expectAccessible(page);
    await page.locator('#result').waitFor({ state: 'visible', timeout: 60_000 });
    const text = await page.locator('#result').innerText();
    expect(text).toMatch(/Your reference: [A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(text).toContain(CENTER_PHONE);
    await shot(page, 'patient-slow-payer-result');
    await expectAccessible(page);
  });

  it('keeps a request for an insurer the center does not accept, and says what happens next', async () => {
    const page = await newPage();
    await page.goto('/');
    await fillPatient(page, 'other', { id: 'K100000001', first: 'Kim', last: 'Lee', dob: '02/03/1985' });
    await page.fill('#payer-other', 'Kaiser Permanente');
    await page.click('#submit');
    await page.locator('#result').waitFor({ state: 'visible' });
    const text = await page.locator('#result').innerText();
    expect(text).toContain('we saved your request');
    expect(text).toContain('talk with you about your options');
    expect(text).toContain('call you at 714 555 0188');
    await shot(page, 'patient-not-accepted');
    await expectAccessible(page);
  });

  it('offers "no insurance / self-pay" without a member id', async () => {
    const page = await newPage();
    await page.goto('/');
    await fillPatient(page, 'self-pay', { first: 'Sam', last: 'Rivera', dob: '03/04/1991' });
    expect(await page.locator('#member-id').isVisible()).toBe(false);
    await page.click('#submit');
    await page.locator('#result').waitFor({ state: 'visible' });
    expect(await page.locator('#result').innerText()).toContain('self-pay options');
    await shot(page, 'patient-self-pay');
    await expectAccessible(page);
  });

  it('works with JavaScript off: the server renders errors and the result', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto('/');
    await page.selectOption('#payer', 'aetna');
    await page.fill('#member-id', 'W100000001');
    await page.fill('#member-first', 'Jane');
    await page.fill('#member-last', 'Doe');
    await page.fill('#member-dob', '13/45/1990');
    await page.click('#submit');
    await page.locator('#error-summary').waitFor({ state: 'visible' });
    expect(await page.locator('#error-summary').innerText()).toContain('date of birth');
    await shot(page, 'patient-no-js-errors');
    await expectAccessibleHtml(await page.content());
    await page.fill('#member-dob', '04/12/1990');
    await page.fill('#contact-phone', '714 555 0123');
    await page.check('#consent');
    await page.click('#submit');
    await page.locator('#result-title').waitFor();
    const text = await page.locator('#result').innerText();
    expect(text).toContain('Your plan is active.');
    expect(text).toContain('Your reference:');
    await shot(page, 'patient-no-js-result');
    await expectAccessibleHtml(await page.content());
  });

  /** The printed benefits summary: the summary and the center's contact, none of the screen's controls, toggles or notices. */
  async function expectPrintedSummary(page: Page, name: string): Promise<void> {
    await page.emulateMedia({ media: 'print' });
    try {
      for (const selector of ['#levels', '#overview', '.print-only']) expect(await page.locator(selector).isVisible()).toBe(true);
      expect(await page.locator('.print-only').innerText()).toContain(CENTER_PHONE);
      // The patient's copy leaves out the staff's bookkeeping (channel, deadline, attempts, id).
      const overview = await page.locator('#overview').innerText();
      for (const term of ['Channel', 'Deadline', 'Attempts', 'vrf_'])
        expect({ term, printed: overview.includes(term) }).toEqual({ term, printed: false });
      const hidden = [
        '#manual-details',
        '#notice',
        '#load-status',
        '#claim-section',
        '#notes-section',
        '#contact-section',
        '#care-section',
        'a[href="/staff"]',
        '.site-header',
      ];
      for (const selector of hidden)
        expect({ selector, visible: await page.locator(selector).first().isVisible() }).toEqual({ selector, visible: false });
      // Nothing clickable or toggleable is printed: no button, no form, no <details> (the sources toggles).
      const shown = await page.evaluate<number>(
        '[...document.querySelectorAll("button, form, details, summary, input, select, textarea")].filter((n) => n.offsetParent !== null).length',
      );
      expect(shown).toBe(0);
      await shot(page, name);
      const pdf = await page.pdf({ path: join(SHOTS, `admissions-${name}.pdf`), format: 'Letter' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  }

  it('lets staff start a dependent verification with the patient’s contact details, and it completes against the sandbox', async () => {
    const page = await newPage();
    await signInStaff(page, STAFF_KEY);
    await page.goto('/staff/new');
    expect(await page.locator('#c-subscriber').isVisible()).toBe(false);
    // A dependent of JANE DOE (aetna W100000001): the 270 goes under her member id with the patient in 2100D.
    await page.selectOption('#c-payer', 'aetna');
    await page.fill('#c-first', 'Lily');
    await page.fill('#c-last', 'Doe');
    await page.fill('#c-dob', '2012-05-20');
    await page.check('#c-dependent');
    expect(await page.locator('#c-dependent').getAttribute('aria-expanded')).toBe('true');
    await page.fill('#c-sub-id', 'W100000001');
    await page.fill('#c-sub-first', 'Jane');
    await page.fill('#c-sub-last', 'Doe');
    await page.fill('#c-sub-dob', '1990-04-12');
    await page.fill('#c-phone', '714 555 0177');
    await page.fill('#c-email', 'lily.parent@example.com');
    await page.fill('#c-time', 'Weekday mornings');
    // Without consent the API refuses the contact details; its message lands next to the checkbox.
    await page.click('#create-submit');
    await page.locator('#c-consent-error').waitFor({ state: 'visible' });
    expect(await page.locator('#c-consent-error').innerText()).toContain('consentToContact must be true');
    expect(await page.locator('#c-consent').getAttribute('aria-invalid')).toBe('true');
    await page.fill('#c-sub-dob', '1990-13-12');
    await page.check('#c-consent');
    await page.click('#create-submit');
    await page.locator('#c-sub-dob-error').waitFor({ state: 'visible' });
    expect(await page.locator('#c-sub-dob-error').innerText()).toContain('dateOfBirth must be a real date');
    expect(await page.locator('#c-consent-error').isVisible()).toBe(false);
    await shot(page, 'staff-create-dependent-errors');
    await expectAccessible(page);
    await page.fill('#c-sub-dob', '1990-04-12');
    await page.click('#create-submit');
    await page.waitForURL('**/staff/v/vrf_*');
    await page.locator('#status-label').filter({ hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    const overview = await page.locator('#overview').innerText();
    expect(overview).toContain('Lily Doe (born 2012-05-20)');
    expect(overview).toContain('Jane Doe (born 1990-04-12)');
    expect(overview).toContain('W100000001');
    await page.locator('#contact-section').waitFor({ state: 'visible' });
    const contact = await page.locator('#contact').innerText();
    for (const text of ['714 555 0177', 'lily.parent@example.com', 'Weekday mornings']) expect(contact).toContain(text);
    expect(await page.locator('#levels').innerText()).toContain('IOP');
    await shot(page, 'staff-dependent-completed');
    await expectAccessible(page);
    // The electronic answer's "Sources" toggles are on screen, never on paper.
    expect(await page.locator('details.sources').count()).toBeGreaterThan(0);
    expect(await page.locator('details.sources').first().isVisible()).toBe(true);
    await expectPrintedSummary(page, 'staff-print-dependent');
  });

  it('lets a named coordinator start, find, claim, call and record a full manual result, and print it', async () => {
    const page = await newPage();
    await page.goto('/staff');
    await page.waitForURL('**/staff/sign-in');
    await page.fill('#key', STAFF_KEY);
    await page.click('button[type=submit]');
    await page.waitForURL('**/staff');
    await page.locator('#queue-status').filter({ hasNotText: 'Loading' }).waitFor();
    await expectAccessible(page);

    // Start from the dashboard: the API validates; then the record page.
    await page.click('text=Start a verification');
    await page.waitForURL('**/staff/new');
    await expectAccessible(page);
    await page.selectOption('#c-payer', 'umr');
    await page.fill('#c-member-id', 'UMR10000001');
    await page.fill('#c-first', 'Ethan');
    await page.fill('#c-last', 'Brown');
    await page.fill('#c-dob', '1987-03-99');
    await page.click('#create-submit');
    await page.locator('#create-errors').waitFor({ state: 'visible' });
    expect(await page.locator('#create-error-list').innerText()).toContain('member.dateOfBirth');
    await shot(page, 'staff-create-errors');
    await page.fill('#c-dob', '1987-03-17');
    await page.click('#create-submit');
    await page.waitForURL('**/staff/v/vrf_*');
    await page.locator('#status-label').filter({ hasText: 'Sent to review at' }).waitFor({ timeout: 30_000 });

    // The call script names the payer's phone and the codes to ask about.
    await page.locator('#call-script-section').waitFor({ state: 'visible' });
    const script = await page.locator('#call-script').innerText();
    expect(script).toContain('1-800-826-9781');
    for (const code of ['H0015', 'S9480', 'BB', 'H0035', 'CF', 'A6']) expect(script).toContain(code);

    // Claim it: the coordinator's name shows.
    await page.click('#claim');
    await page.locator('#claim-text').filter({ hasText: 'staff/alex' }).waitFor();
    await page.fill('#note-text', 'Called UMR provider services.');
    await page.click('#note-submit');
    await page.locator('#notes').filter({ hasText: 'Called UMR provider services.' }).waitFor();
    await shot(page, 'staff-review-call-script');
    await expectAccessible(page);

    // The full manual result.
    await page.fill('#m-ref', 'UMR-REF-2211');
    await page.fill('#m-rep', 'Dana, provider services');
    await page.check('#m-elig-active');
    await page.fill('#m-ded-total', '1000');
    await page.fill('#m-ded-rem', '400');
    await page.fill('#m-oop-total', '4000');
    await page.fill('#m-oop-rem', '3100');
    for (const level of ['IOP', 'PHP', 'OP']) {
      await page.selectOption(`#m-${level}-status`, 'covered');
      await page.selectOption(`#m-${level}-pa`, level === 'OP' ? 'false' : 'true');
      await page.fill(`#m-${level}-in-coins`, '20');
      await page.selectOption(`#m-${level}-in-ded`, 'true');
    }
    await page.fill('#m-PHP-pa-phone', '1-800-555-0142');
    await page.fill('#m-PHP-in-lim-qty', '30');
    await page.fill('#m-PHP-in-lim-rem', '28');
    await page.fill('#m-OP-in-copay', '30');
    await page.click('#manual-submit');
    await page.locator('#status-label').filter({ hasText: 'Completed by phone' }).waitFor();
    const levels = await page.locator('#levels').innerText();
    expect(levels).toContain('30 days per calendar year (28 remaining)');
    await shot(page, 'staff-manual-result');
    await expectAccessible(page);

    // Print: the print stylesheet keeps the summary and drops the tools and on-screen notices.
    expect(await page.locator('#notice').innerText()).toContain('Manual result recorded');
    await expectPrintedSummary(page, 'staff-print-summary');

    // Find it again by last name and by date of birth.
    for (const q of ['brown', '03/17/1987']) {
      await page.goto(`/staff?q=${encodeURIComponent(q)}`);
      await page.locator('#queue-rows tr').first().waitFor();
      expect(await page.locator('#queue-rows').innerText()).toContain('Ethan Brown');
    }
    expect(await page.locator('#queue-rows').innerText()).toContain('staff/alex');
    await shot(page, 'staff-search');
    await expectAccessible(page);
  });
});
