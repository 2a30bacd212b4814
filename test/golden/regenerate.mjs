#!/usr/bin/env node
// `npm run golden`: asks the Python oracles (scikit-learn, h5py, pandas) again and rewrites
// test/golden/*.json. It runs the unit tests that own golden files with GMF_GOLDEN=update, so
// each oracle reads exactly the input its test builds, and our code is checked against the
// fresh answers: the live cross-check that everyday unit runs, without Python, cannot make.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pythonCommand } from '../support/python.mjs';

/** Every test that calls golden() (test/support/golden.ts). */
const GOLDEN_TESTS = [
  'src/pipeline/decode/sklearnReference.test.ts',
  'src/pipeline/results/analysisH5.test.ts',
  'src/pipeline/results/tables.test.ts',
  'src/pipeline/dataset/featuresH5.test.ts',
  'src/pipeline/train/referenceH5.test.ts',
  'src/pipeline/geometry/geometry.test.ts',
  'src/pipeline/psychophysics/psychophysics.test.ts',
  'src/pipeline/psychophysics/tables.test.ts',
  'src/pipeline/psychophysics/h5.test.ts',
  'src/pipeline/reproductions/parde.test.ts',
  'src/pipeline/tuning/variancePartition.test.ts',
  'src/pipeline/tuning/invariance.test.ts',
  'src/pipeline/tuning/tuning.test.ts',
  'src/pipeline/symmetry/mirrorSymmetry.test.ts',
  'src/pipeline/symmetry/outputs.test.ts',
];

let python;
try {
  python = pythonCommand(['sklearn', 'h5py', 'pandas']);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
console.log(`Regenerating test/golden with ${python}`);
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const run = spawnSync(process.execPath, [vitest, 'run', ...GOLDEN_TESTS], {
  cwd: fileURLToPath(new URL('../..', import.meta.url)),
  stdio: 'inherit',
  // One BLAS thread: the same sums in the same order on every run, so the files regenerate byte for byte.
  env: {
    ...process.env,
    GMF_GOLDEN: 'update',
    PYTHON: python,
    OPENBLAS_NUM_THREADS: '1',
    OMP_NUM_THREADS: '1',
    MKL_NUM_THREADS: '1',
  },
});
process.exit(run.status ?? 1);
