import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectPackageNotices, dependencyClosure, formatLicenseNotices, packageRootOf } from './licenseNotices';

const modules = resolve('node_modules');

describe('packageRootOf', () => {
  it('names the innermost package of a module id, scoped or not, with or without a query', () => {
    expect(packageRootOf(join(modules, 'three/build/three.module.js'))).toBe(join(modules, 'three'));
    expect(packageRootOf(`\0${join(modules, '@tensorflow/tfjs-core/dist/index.js')}?commonjs-proxy`)).toBe(
      join(modules, '@tensorflow/tfjs-core'),
    );
    expect(packageRootOf(join(modules, 'a/node_modules/@s/b/index.js'))).toBe(join(modules, 'a/node_modules/@s/b'));
  });

  it('is null for our own code and for a bare node_modules path', () => {
    expect(packageRootOf(resolve('src/main.tsx'))).toBeNull();
    expect(packageRootOf(join(modules, '@scope'))).toBeNull();
  });
});

describe('collectPackageNotices', () => {
  // A fake node_modules: one package with a licence file, one whose package.json alone names it.
  const root = mkdtempSync(join(tmpdir(), 'licences-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('node_modules/with-file/package.json', JSON.stringify({ name: 'with-file', version: '1.2.3', license: 'MIT' }));
  write('node_modules/with-file/LICENSE', 'MIT text of with-file\n');
  write(
    'node_modules/@s/bare/package.json',
    JSON.stringify({ name: '@s/bare', version: '0.1.0', license: 'MIT', author: { name: 'A. Author' } }),
  );
  write(
    'node_modules/apache/package.json',
    JSON.stringify({ name: 'apache', version: '2.0.0', license: 'Apache-2.0' }),
  );
  write('node_modules/@s/bare/index.js', '');
  const ids = [
    join(root, 'node_modules/with-file/a.js'),
    join(root, 'node_modules/with-file/b.js'),
    join(root, 'node_modules/@s/bare/index.js'),
    join(root, 'src/own.ts'),
  ];

  it('lists each package once, sorted, with its declared licence and the text it ships', () => {
    const notices = collectPackageNotices(ids);
    expect(notices).toEqual([
      { name: '@s/bare', version: '0.1.0', license: 'MIT', text: null, author: 'A. Author' },
      { name: 'with-file', version: '1.2.3', license: 'MIT', text: 'MIT text of with-file', author: null },
    ]);
    const text = formatLicenseNotices('# Ours\n', notices);
    expect(text.startsWith('# Ours')).toBe(true);
    expect(text).toContain('these 2 packages');
    expect(text).toContain('with-file 1.2.3 (MIT)');
    expect(text).toContain('MIT text of with-file');
    expect(text).toContain('declares MIT (author: A. Author); the MIT text is reproduced under with-file');
    expect(text).not.toContain('# Licence texts');
  });

  it('appends a licence text no package ships, once, where a package points to it', () => {
    const notices = collectPackageNotices(
      [join(root, 'node_modules/apache/index.js')],
      [join(root, 'node_modules/with-file')],
    );
    const text = formatLicenseNotices('# Ours', notices, { 'Apache-2.0': 'APACHE TEXT', 'GPL-3.0': 'unused' });
    expect(text).toContain('declares Apache-2.0; the Apache-2.0 text is at the end of this file.');
    expect(text.split('APACHE TEXT')).toHaveLength(2);
    expect(text.indexOf('# Licence texts')).toBeLessThan(text.indexOf('APACHE TEXT'));
    expect(text).not.toContain('unused');
  });

  it('finds each licence of a compound expression, and says when one has no text in the file', () => {
    const both = { name: 'both', version: '1.0.0', license: 'Apache-2.0 AND MIT', text: null, author: null };
    const mit = { name: 'mit', version: '1.0.0', license: 'MIT', text: 'MIT TEXT', author: null };
    const withApache = formatLicenseNotices('', [both, mit], { 'Apache-2.0': 'APACHE TEXT' });
    expect(withApache).toContain(
      'declares Apache-2.0 AND MIT; the Apache-2.0 text is at the end of this file; the MIT text is reproduced under mit.',
    );
    expect(formatLicenseNotices('', [both, mit])).toContain('no Apache-2.0 text is in this file');
  });

  it("reads real packages' licence files (three ships MIT, h5wasm the NIST and HDF5 statements)", () => {
    const notices = collectPackageNotices([
      join(modules, 'three/build/three.module.js'),
      join(modules, 'h5wasm/dist/esm/hdf5_hl.js'),
    ]);
    expect(notices.map((n) => n.name)).toEqual(['h5wasm', 'three']);
    expect(notices[1]?.text).toMatch(/MIT License/);
    expect(notices[0]?.text).toMatch(/HDF5/);
  });
});

describe('dependencyClosure (the dev server serves the licences of these)', () => {
  it("reaches the app's dependencies and theirs, never a dev dependency", () => {
    const names = dependencyClosure(resolve('.')).map((root) => collectPackageNotices([], [root])[0]?.name);
    expect(names).toEqual(expect.arrayContaining(['react', 'react-dom', 'scheduler', 'three', 'h5wasm']));
    expect(names).toContain('@tensorflow/tfjs-core');
    expect(names).not.toContain('vite');
    expect(names).not.toContain('@playwright/test');
  });
});
