import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleWat, withoutRelaxedSimd } from './assembleWat.ts';
import { watModuleSource } from './vitePluginWat.ts';

const KERNELS = 'src/lib/linalg/kernels.wat';
const CONV_KERNELS = 'src/lib/tfjs/kernels/fma/convKernels.wat';

/** Does `bytes` contain f32x4.relaxed_madd (prefix 0xfd, opcode 0x105 as LEB128: 0x85 0x02)? */
function hasRelaxedMadd(bytes: Uint8Array): boolean {
  return bytes.some((b, i) => b === 0xfd && bytes[i + 1] === 0x85 && bytes[i + 2] === 0x02);
}

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

  it('assembles the convolution kernels with relaxed SIMD, and without it (?plain) as a module Node runs', async () => {
    const text = readFileSync(CONV_KERNELS, 'utf8');
    const relaxed = await assembleWat(CONV_KERNELS, text);
    const plain = await assembleWat(CONV_KERNELS, withoutRelaxedSimd(CONV_KERNELS, text));
    expect(hasRelaxedMadd(relaxed)).toBe(true);
    expect(hasRelaxedMadd(plain)).toBe(false);
    expect(WebAssembly.validate(plain)).toBe(true);
    expect(WebAssembly.Module.exports(new WebAssembly.Module(plain)).map((e) => e.name)).toEqual([
      'conv',
      'filterGrad',
      'adam',
      'maxPoolGrad',
    ]);
    expect(withoutRelaxedSimd('k.wat', '(f32x4.relaxed_madd (local.get $a) (local.get $b) (local.get $c))')).toBe(
      '(f32x4.add (f32x4.mul (local.get $a) (local.get $b)) (local.get $c))',
    );
    // Any other form is refused rather than left relaxed.
    expect(() =>
      withoutRelaxedSimd('k.wat', '(f32x4.relaxed_madd (v128.load (local.get $p)) (local.get $b) (local.get $c))'),
    ).toThrow(/k\.wat: f32x4\.relaxed_madd is not in the form/);
  });

  it('fails with the file, line and column of an error', async () => {
    await expect(assembleWat('broken.wat', '(module\n  (func (result i32) (f64.const 1)))')).rejects.toThrow(
      /broken\.wat:2:23: error: type mismatch/,
    );
  });
});
