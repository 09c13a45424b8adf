import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';

// What every browser test shares: Debian's Chromium (never a downloaded browser), axe-core, the
// screenshot folder and the staff sign-in.

/** Screenshots and PDFs of the browser tests (git-ignored). */
export const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it is: no violations (evaluated through the DevTools protocol, so the page's CSP stays on). */
export async function expectAccessible(page: Page): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate<string[]>(
    'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => v.id + " (" + v.nodes.length + ")"))',
  );
  expect(violations).toEqual([]);
}

/** Signs in on the dashboard with a staff key, from `from` (a staff page that redirects to the sign-in). */
export async function signInStaff(page: Page, key: string, from = '/staff'): Promise<void> {
  await page.goto(from);
  await page.waitForURL('**/staff/sign-in');
  await page.fill('#key', key);
  await page.click('button[type=submit]');
  await page.waitForURL('**/staff');
}
