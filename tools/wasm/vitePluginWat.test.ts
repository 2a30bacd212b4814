import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleWat } from './assembleWat.ts';
import { watModuleSource } from './vitePluginWat.ts';

const KERNELS = 'src/lib/linalg/kernels.wat';

describe('WebAssembly text assembled for Vite', () => {
  it('turns kernels.wat into a valid module exporting the five kernels, and an ES module that yields its bytes', async () => {
    const bytes = await assembleWat(KERNELS, readFileSync(KERNELS, 'utf8'));
    expect(WebAssembly.validate(bytes)).toBe(true);
    const exported = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
    expect(exported).toEqual(['dots', 'symmetricProductRows4', 'rankTwoRows4', 'dotRows4', 'axpyRows4']);
    const module = (await import(`data:text/javascript,${encodeURIComponent(watModuleSource(bytes))}`)) as {
      default: Uint8Array;
    };
    expect(module.default).toEqual(bytes);
  });

  it('fails with the file, line and column of an error', async () => {
    await expect(assembleWat('broken.wat', '(module\n  (func (result i32) (f64.const 1)))')).rejects.toThrow(
      /broken\.wat:2:23: error: type mismatch/,
    );
  });
});
