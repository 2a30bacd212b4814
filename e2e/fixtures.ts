/**
 * Every e2e test runs under a guard: it fails on any console error (page or worker),
 * any uncaught exception, and any request to an origin other than the app's own
 * (such requests are also aborted, so nothing leaves the machine).
 */
import { test as base, expect } from '@playwright/test';

export interface Guard {
  consoleErrors: string[];
  foreignRequests: string[];
}

function isLocal(url: string, origin: string): boolean {
  return url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin;
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://localhost').origin;
      const guard: Guard = { consoleErrors: [], foreignRequests: [] };
      await context.route(
        (url) => !isLocal(url.href, origin),
        async (route) => {
          guard.foreignRequests.push(route.request().url());
          await route.abort('blockedbyclient');
        },
      );
      context.on('request', (request) => {
        if (!isLocal(request.url(), origin)) guard.foreignRequests.push(request.url());
      });
      context.on('console', (message) => {
        if (message.type() === 'error') guard.consoleErrors.push(`${message.text()} (${message.location().url})`);
      });
      context.on('weberror', (error) => guard.consoleErrors.push(`uncaught: ${error.error().message}`));
      await use(guard);
      expect([...new Set(guard.foreignRequests)], 'requests to other origins').toEqual([]);
      expect(guard.consoleErrors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
