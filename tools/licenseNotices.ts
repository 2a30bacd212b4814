/**
 * The licences of the npm packages a build ships: from the ids of the modules bundled (main
 * bundle and workers), the packages they come from (the innermost node_modules folder), each
 * one's name, version, declared licence and the licence file it ships. Written next to the
 * app as THIRD_PARTY_LICENSES.txt by vitePluginLicenses.ts, after THIRD_PARTY_NOTICES.md
 * (the data we derived from other works).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

export interface PackageNotice {
  name: string;
  version: string;
  /** package.json's licence (an SPDX expression), or 'UNKNOWN'. */
  license: string;
  /** The licence file the package ships (LICENSE, LICENCE, COPYING, NOTICE…), or null. */
  text: string | null;
  /** package.json's author (a name), where it names one: the holder when no file says. */
  author: string | null;
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt))?$/i;

/** The package root a module id lies in (the last node_modules segment), or null for our own code. */
export function packageRootOf(id: string): string | null {
  const path = id.replace(/^\0/, '').split('?')[0] ?? '';
  const marker = `${sep}node_modules${sep}`;
  const at = path.lastIndexOf(marker);
  if (at < 0) return null;
  const rest = path.slice(at + marker.length).split(sep);
  const depth = rest[0]?.startsWith('@') ? 2 : 1;
  if (rest.length <= depth) return null;
  return path.slice(0, at + marker.length) + rest.slice(0, depth).join(sep);
}

export function readPackageNotice(root: string): PackageNotice {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name?: string;
    version?: string;
    license?: string | { type?: string };
    author?: string | { name?: string };
  };
  const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN');
  const files = readdirSync(root)
    .filter((f) => LICENCE_FILE.test(f))
    .sort();
  const text = files.length ? files.map((f) => readFileSync(join(root, f), 'utf8').trim()).join('\n\n') : null;
  const author = typeof pkg.author === 'string' ? pkg.author : (pkg.author?.name ?? null);
  return { name: pkg.name ?? root, version: pkg.version ?? '?', license, text, author };
}

/**
 * The package roots `dependencies` reach from `dir`'s package.json, transitively (Node's lookup:
 * a nested node_modules first, then the enclosing ones). For the dev server, which bundles
 * nothing: a superset of what a build ships.
 */
export function dependencyClosure(dir: string): string[] {
  const seen = new Set<string>();
  const visit = (from: string): void => {
    const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      const root = resolvePackage(from, name);
      if (root && !seen.has(root)) {
        seen.add(root);
        visit(root);
      }
    }
  };
  visit(dir);
  return [...seen];
}

function resolvePackage(from: string, name: string): string | null {
  for (let dir = from; ;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = join(dir, '..');
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Every package behind `moduleIds` (and `extraRoots`), once per name and version, sorted by name. */
export function collectPackageNotices(
  moduleIds: Iterable<string>,
  extraRoots: readonly string[] = [],
): PackageNotice[] {
  const roots = new Set(extraRoots);
  for (const id of moduleIds) {
    const root = packageRootOf(id);
    if (root && existsSync(join(root, 'package.json'))) roots.add(root);
  }
  const byKey = new Map<string, PackageNotice>();
  for (const root of roots) {
    const notice = readPackageNotice(root);
    byKey.set(`${notice.name}@${notice.version}`, notice);
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/**
 * The file's text: our notices first, then one section per package. A package that ships no
 * licence file points to the same licence's text under another package, or to `licenceTexts`
 * (SPDX id -> text), reproduced at the end.
 */
export function formatLicenseNotices(
  ownNotices: string,
  packages: readonly PackageNotice[],
  licenceTexts: Readonly<Record<string, string>> = {},
): string {
  // Which package's file holds each licence's text, by declared licence (looked up by single SPDX ids).
  const withText = new Map<string, string>();
  for (const p of packages) if (p.text && !withText.has(p.license)) withText.set(p.license, p.name);
  const appended = new Set<string>();
  const whereIs = (id: string): string => {
    const shared = withText.get(id);
    if (shared) return `the ${id} text is reproduced under ${shared}`;
    if (licenceTexts[id] === undefined) return `no ${id} text is in this file`;
    appended.add(id);
    return `the ${id} text is at the end of this file`;
  };
  const sections = packages.map((p) => {
    const head = `${p.name} ${p.version} (${p.license})`;
    const rule = '-'.repeat(head.length);
    if (p.text) return `${head}\n${rule}\n\n${p.text}`;
    const ids = p.license.split(/\s+(?:AND|OR|WITH)\s+|[()\s]+/).filter(Boolean);
    const by = p.author ? ` (author: ${p.author})` : '';
    return `${head}\n${rule}\n\nThe package ships no licence file; its package.json declares ${p.license}${by}; ${ids.map(whereIs).join('; ')}.`;
  });
  const texts = [...appended]
    .sort()
    .map((id) => `${id}\n${'-'.repeat(id.length)}\n\n${licenceTexts[id]?.trim() ?? ''}`);
  return [
    ownNotices.trim(),
    '',
    '# npm packages in this build',
    '',
    `GMF Workbench's build bundles code, WebAssembly or data from these ${packages.length} packages.`,
    '',
    sections.join('\n\n\n'),
    ...(texts.length ? ['', '', '# Licence texts', '', texts.join('\n\n\n')] : []),
    '',
  ].join('\n');
}
