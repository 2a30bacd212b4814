/**
 * Vite plugin: THIRD_PARTY_LICENSES.txt in the build, the licences of every npm package whose
 * modules the app and its workers bundle (licenseNotices.ts), after THIRD_PARTY_NOTICES.md.
 * Worker bundles are built while the main bundle transforms, so each build adds its module ids
 * to one shared set and the main bundle, finishing last, writes the file. The dev server, which
 * bundles nothing, serves the same file made from package.json's dependencies, transitively.
 */
import { readFileSync } from 'node:fs';
import type { Plugin, Rollup } from 'vite';
import {
  collectPackageNotices,
  dependencyClosure,
  formatLicenseNotices,
  type PackageNotice,
} from './licenseNotices.ts';

export const LICENSES_FILE = 'THIRD_PARTY_LICENSES.txt';

export interface LicenseCollector {
  /** Adds one build's module ids (a worker's). */
  worker(): Plugin;
  /** Adds the main bundle's ids and writes the file (the dev server serves it from dependencies). */
  main(): Plugin;
}

export interface LicenseOptions {
  /** Our own notices (THIRD_PARTY_NOTICES.md), first in the file. */
  ownNotices: string;
  /** Package roots shipped other than as bundled modules (data read at build time, the service worker's runtime). */
  extraRoots?: readonly string[];
  /** SPDX id -> a file with its text, for packages that ship none (LICENSES/). */
  licenceTexts?: Readonly<Record<string, string>>;
}

export function licenseCollector(options: LicenseOptions): LicenseCollector {
  const ids = new Set<string>();
  const extra = options.extraRoots ?? [];
  const format = (packages: PackageNotice[]): string =>
    formatLicenseNotices(
      readFileSync(options.ownNotices, 'utf8'),
      packages,
      Object.fromEntries(
        Object.entries(options.licenceTexts ?? {}).map(([id, file]) => [id, readFileSync(file, 'utf8')]),
      ),
    );
  function collect(this: Rollup.PluginContext): void {
    for (const id of this.getModuleIds()) ids.add(id);
  }
  return {
    worker: () => ({ name: 'gmf-licenses-worker', apply: 'build', generateBundle: collect }),
    main: () => ({
      name: 'gmf-licenses',
      configureServer(server) {
        server.middlewares.use(`/${LICENSES_FILE}`, (_request, response) => {
          const packages = collectPackageNotices([], [...dependencyClosure(server.config.root), ...extra]);
          response.setHeader('Content-Type', 'text/plain; charset=utf-8');
          response.end(format(packages));
        });
      },
      generateBundle() {
        collect.call(this);
        this.emitFile({ type: 'asset', fileName: LICENSES_FILE, source: format(collectPackageNotices(ids, extra)) });
      },
    }),
  };
}
