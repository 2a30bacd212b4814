/** Whether the page's Content-Security-Policy (header or meta) refuses to compile strings. */
import type { Page } from '@playwright/test';
import { expect, type Guard } from './fixtures';

/**
 * DevTools evaluation is exempt from CSP, so the page is asked to compile a string later, in
 * its own task (setTimeout with a string is eval), and the CSP's refusal is watched for.
 * Chromium logs the refusal as a console error: that one error is taken off the guard's list.
 */
export async function expectEvalRefused(page: Page, guard: Guard): Promise<void> {
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violated: string }>((resolve) => {
        const w = window as unknown as { evalRan?: boolean };
        let violated = '';
        document.addEventListener('securitypolicyviolation', (e) => {
          violated = `${e.effectiveDirective} ${e.blockedURI}`;
        });
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point: a string the CSP must refuse to compile
        setTimeout('window.evalRan = true', 0);
        setTimeout(() => {
          resolve({ ran: w.evalRan === true, violated });
        }, 300);
      }),
  );
  expect(outcome).toEqual({ ran: false, violated: 'script-src eval' });
  await expect.poll(() => guard.consoleErrors.filter((e) => e.includes('unsafe-eval')).length).toBeGreaterThan(0);
  guard.consoleErrors.splice(
    0,
    guard.consoleErrors.length,
    ...guard.consoleErrors.filter((e) => !e.includes('unsafe-eval')),
  );
}
