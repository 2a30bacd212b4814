/**
 * What the realism check needs beyond the app, fetched on first run into tools/realism/.deps
 * (git-ignored) and reused afterwards: the perception model from the npm registry, and a real
 * photograph from a Debian package. Versions and the photo's checksum are pinned.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEPS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '.deps');

/** The perception model (weights ship inside the package) and the wasm binaries of its tfjs. */
export const NPM_PACKAGES = { '@vladmandic/human': '3.3.6', '@tensorflow/tfjs-backend-wasm': '4.22.0' } as const;

/** scikit-image's astronaut.png: Eileen Collins, NASA, public domain; in Debian's python3-skimage. */
const PHOTO = {
  debPackage: 'python3-skimage',
  debVersion: '0.19.3-8',
  pathInDeb: './usr/lib/python3/dist-packages/skimage/data/astronaut.png',
  sha256: '88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5',
  file: 'astronaut.png',
} as const;

export interface RealismDeps {
  humanDir: string;
  wasmDir: string;
  photoPath: string;
  /** Bytes on disk under DEPS_DIR. */
  diskBytes: number;
}

function installedVersion(name: string): string | undefined {
  const file = join(DEPS_DIR, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
}

function ensureNpmPackages(log: (line: string) => void): void {
  const missing = Object.entries(NPM_PACKAGES).filter(([name, version]) => installedVersion(name) !== version);
  if (missing.length === 0) return;
  const specs = missing.map(([name, version]) => `${name}@${version}`);
  log(`Installing ${specs.join(' ')} into ${DEPS_DIR} (npm registry, about 30 MB)`);
  mkdirSync(DEPS_DIR, { recursive: true });
  // --omit=peer: the wasm backend's tfjs-core peer is not wanted; human bundles its own tfjs.
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      DEPS_DIR,
      '--no-save',
      '--no-package-lock',
      '--omit=peer',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      ...specs,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (const [name, version] of Object.entries(NPM_PACKAGES)) {
    if (installedVersion(name) !== version) throw new Error(`npm did not install ${name}@${version} into ${DEPS_DIR}`);
  }
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function ensurePhoto(log: (line: string) => void): string {
  const target = join(DEPS_DIR, PHOTO.file);
  if (existsSync(target) && sha256(target) === PHOTO.sha256) return target;
  const work = join(DEPS_DIR, 'deb');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  log(`Fetching ${PHOTO.file} from Debian's ${PHOTO.debPackage} ${PHOTO.debVersion} (21 MB download, 0.8 MB kept)`);
  try {
    execFileSync('apt-get', ['download', `${PHOTO.debPackage}=${PHOTO.debVersion}`], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    throw new Error(
      `Could not download ${PHOTO.debPackage}=${PHOTO.debVersion} with apt-get (run apt-get update first?): ${String(error)}`,
      { cause: error },
    );
  }
  const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download left no .deb in ${work}`);
  // The .deb's data member as a tar stream; extract the one file.
  execFileSync('bash', ['-c', 'dpkg-deb --fsys-tarfile "$1" | tar -x -C "$2" "$3"', '_', deb, work, PHOTO.pathInDeb], {
    cwd: work,
  });
  const extracted = join(work, PHOTO.pathInDeb);
  const digest = sha256(extracted);
  if (digest !== PHOTO.sha256) throw new Error(`${PHOTO.file} has sha256 ${digest}, expected ${PHOTO.sha256}`);
  copyFileSync(extracted, target);
  rmSync(work, { recursive: true, force: true });
  return target;
}

function diskUsage(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + diskUsage(join(path, name)), 0);
}

/** Installs what is missing and returns where everything lies. */
export function ensureRealismDeps(log: (line: string) => void): RealismDeps {
  ensureNpmPackages(log);
  const photoPath = ensurePhoto(log);
  return {
    humanDir: join(DEPS_DIR, 'node_modules', '@vladmandic', 'human'),
    wasmDir: join(DEPS_DIR, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist'),
    photoPath,
    diskBytes: diskUsage(DEPS_DIR),
  };
}
