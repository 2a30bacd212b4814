// The one way this repository finds Python (golden files, benches, e2e specs): the first of
// $PYTHON, each `python3` along PATH and Debian's /usr/bin/python3 that can import the modules a
// caller needs. PATH alone is not enough: a pyenv or venv python3 often shadows Debian's, which
// is where python3-sklearn, python3-h5py and python3-pandas install. Plain JavaScript, so the
// .mjs benches can import it; python.d.mts types it for TypeScript.
// Run as `node test/support/python.mjs MODULE...` it prints the path or explains what is missing.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const DEBIAN_FALLBACK = '/usr/bin/python3';
const DEBIAN_PACKAGES = {
  sklearn: 'python3-sklearn',
  h5py: 'python3-h5py',
  pandas: 'python3-pandas',
  numpy: 'python3-numpy',
  torch: 'python3-torch',
};
// Imports for real (not importlib.util.find_spec): a module built against another numpy is found but fails to import.
const PROBE =
  'import importlib, json, sys\nmissing = []\nfor m in sys.argv[1:]:\n    try:\n        importlib.import_module(m)\n    except Exception:\n        missing.append(m)\nprint(json.dumps(missing))';

export class PythonNotFoundError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'PythonNotFoundError';
    this.code = 'PYTHON_NOT_FOUND';
  }
}

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Candidates in order, each real file once (/bin/python3 and /usr/bin/python3 are often one). */
function candidates() {
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'python3'));
  const all = [...(process.env.PYTHON ? [process.env.PYTHON] : []), ...onPath, DEBIAN_FALLBACK];
  const seen = new Set();
  return all.filter((path) => {
    if (!isExecutable(path)) return path === process.env.PYTHON; // a bad $PYTHON is reported, not skipped silently
    const real = realpathSync(path);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

/** @param {string} path */
function isDebianPython(path) {
  return isExecutable(DEBIAN_FALLBACK) && realpathSync(path) === realpathSync(DEBIAN_FALLBACK);
}

/**
 * The modules `python` cannot import, or null when it does not run at all.
 * @param {string} python
 * @param {readonly string[]} modules
 * @returns {string[] | null}
 */
function missingIn(python, modules) {
  try {
    return JSON.parse(
      execFileSync(python, ['-c', PROBE, ...modules], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    );
  } catch {
    return null;
  }
}

const found = new Map();

/**
 * A Python that can import every module in `modules` (import names: 'sklearn', 'h5py', ...).
 * @param {readonly string[]} [modules]
 * @returns {string}
 */
export function pythonCommand(modules = []) {
  const key = modules.join(',');
  const cached = found.get(key);
  if (cached) return cached;
  const tried = [];
  // What to install is what Debian's Python lacks (everything, when it is not there).
  let debianMissing = modules;
  for (const python of candidates()) {
    const missing = missingIn(python, modules);
    if (missing?.length === 0) {
      found.set(key, python);
      return python;
    }
    if (missing && isDebianPython(python)) debianMissing = missing;
    const label = python === process.env.PYTHON ? `PYTHON=${python}` : python;
    tried.push(`${label} (${missing === null ? 'does not run' : `cannot import ${missing.join(', ')}`})`);
  }
  const packages = debianMissing.map((m) => DEBIAN_PACKAGES[m]).filter(Boolean);
  const others = debianMissing.filter((m) => !DEBIAN_PACKAGES[m]);
  const install = [
    ...(packages.length ? [`install Debian's ${packages.join(', ')} (apt-get install ${packages.join(' ')})`] : []),
    ...(others.length ? [`install the Python modules ${others.join(', ')}`] : []),
  ];
  throw new PythonNotFoundError(
    `No Python here can import ${modules.join(', ')}. Tried ${tried.join('; ') || 'nothing: no python3 on PATH'}. ` +
      `Either ${install.join(' and ')}, or set PYTHON to a Python that has them.`,
  );
}

/**
 * Runs `python args...` with a Python that has `modules` and parses what it prints as JSON.
 * @param {readonly string[]} modules
 * @param {readonly string[]} args
 * @returns {unknown}
 */
export function pythonJson(modules, args) {
  return JSON.parse(execFileSync(pythonCommand(modules), args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  try {
    console.log(pythonCommand(process.argv.slice(2)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
