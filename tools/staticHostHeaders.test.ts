/**
 * The headers shipped for static hosts (public/_headers, the README's Vercel/Firebase, nginx and
 * Apache snippets) are the ones `vite preview` sends: a policy edited in one place only would
 * leave some hosts with the old one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './securityHeaders.ts';

const headers = securityHeaders();
const policy = headers['Content-Security-Policy'] ?? '';

describe('headers for static hosts', () => {
  it('public/_headers sends every header for every path, as vite preview does', () => {
    const lines = readFileSync('public/_headers', 'utf8').split('\n');
    const all = lines.indexOf('/*');
    expect(all).toBeGreaterThanOrEqual(0);
    const block: string[] = [];
    for (const line of lines.slice(all + 1)) {
      if (!line.startsWith('  ')) break;
      block.push(line.trim());
    }
    expect(block).toEqual(Object.entries(headers).map(([k, v]) => `${k}: ${v}`));
  });

  it("the README's snippets carry the same headers and the same policy", () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('## Serving `dist/` and offline use');
    expect(start).toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    // Every policy written out is the whole current one.
    const policies = section.split('\n').filter((l) => l.includes('default-src'));
    expect(policies).toHaveLength(3);
    for (const line of policies) expect(line).toContain(policy);
    // Each header in each of the three snippets (JSON, nginx, Apache), with its value.
    for (const [name, value] of Object.entries(headers)) {
      const mentions = section.split(name).length - 1;
      expect(mentions, name).toBeGreaterThanOrEqual(3);
      if (name !== 'Content-Security-Policy') {
        expect(section).toContain(`{ "key": "${name}", "value": "${value}" }`);
        expect(section).toContain(`add_header ${name} "${value}" always;`);
        expect(section).toContain(`Header always set ${name} "${value}"`);
      }
    }
  });
});
