// The layer rule itself (.dependency-cruiser.cjs), checked on small trees written for the test:
// each wrong arrow is reported under its rule's name, and a right one is not.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as IConfiguration;
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Writes `files` (path -> source) into a fresh tree and returns the rules its src/ breaks. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  roots.push(root);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
  }
  // The real config's tsconfig would resolve against this repository, not the test tree.
  const options = { ...config.options, tsConfig: undefined };
  const result = await cruise(['src'], {
    ...options,
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: config.forbidden ?? [] },
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('layer rule (dependency-cruiser)', () => {
  it('reports an upward import from lib into ui', async () => {
    expect(
      await violations({
        'src/lib/util.ts': "import { x } from '../ui/view';\nexport const y = x;\n",
        'src/ui/view.ts': 'export const x = 1;\n',
      }),
    ).toEqual(['layer-lib: src/lib/util.ts -> src/ui/view.ts']);
  });

  it('reports pipeline importing app, and a worker importing app', async () => {
    const found = await violations({
      'src/pipeline/train/run.ts': "import { s } from '../../app/store';\nexport const r = s;\n",
      'src/workers/train.worker.ts': "import { s } from '../app/store';\nexport const w = s;\n",
      'src/app/store.ts': 'export const s = 1;\n',
    });
    expect(found).toEqual([
      'layer-pipeline: src/pipeline/train/run.ts -> src/app/store.ts',
      'workers-are-entries: src/workers/train.worker.ts -> src/app/store.ts',
    ]);
  });

  it('reports folders that import each other in a circle', async () => {
    const found = await violations({
      'src/pipeline/a/one.ts': "import { two } from '../b/two';\nexport const one = two;\n",
      'src/pipeline/b/two.ts': "import type { T } from '../a/types';\nexport const two: T = 2;\n",
      'src/pipeline/a/types.ts': 'export type T = number;\n',
    });
    expect(found.some((v) => v.startsWith('no-folder-cycles'))).toBe(true);
  });

  it('accepts imports that follow the order', async () => {
    expect(
      await violations({
        'src/lib/util.ts': 'export const x = 1;\n',
        'src/model/face.ts': "import { x } from '../lib/util';\nexport const f = x;\n",
        'src/pipeline/train/run.ts': "import { f } from '../../model/face';\nexport const r = f;\n",
        'src/app/store.ts': "import { r } from '../pipeline/train/run';\nexport const s = r;\n",
        'src/ui/view.ts': "import { s } from '../app/store';\nexport const v = s;\n",
      }),
    ).toEqual([]);
  });
});
