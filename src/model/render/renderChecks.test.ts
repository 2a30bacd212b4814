import { describe, expect, it } from 'vitest';
import { checkRenderedFace, faceCoverage, MIN_FACE_COVERAGE, readbackBytes, renderLimitProblem } from './renderChecks';
import { compositeOverBackground } from './compositeBackground';

const SIZE = 32;

/** A synthetic frame: a filled disc of radius `r` (alpha 255) on transparent black, as the renderer draws a face. */
function disc(r: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++)
      if ((x - SIZE / 2) ** 2 + (y - SIZE / 2) ** 2 <= r * r) rgba.set([200, 150, 120, 255], 4 * (y * SIZE + x));
  return rgba;
}

describe('the rendered-face check', () => {
  it('accepts a face covering a plausible share of the image', () => {
    const face = disc(9);
    expect(faceCoverage(face)).toBeCloseTo((Math.PI * 81) / (SIZE * SIZE), 1);
    expect(checkRenderedFace(face, new Float32Array([0, 1, 2]))).toBeNull();
  });

  it('refuses a background-only frame (what a GPU out of memory reads back)', () => {
    const empty = new Uint8ClampedArray(SIZE * SIZE * 4);
    expect(checkRenderedFace(empty)).toEqual({ kind: 'no-face', coverage: 0 });
    // Blended over a background it looks like an image; the check runs on the frame before blending.
    const background = Uint8ClampedArray.from({ length: SIZE * SIZE * 4 }, (_, i) => (i * 37) % 256);
    expect(faceCoverage(compositeOverBackground(empty, background))).toBe(1);
    expect(checkRenderedFace(disc(0.5))).toMatchObject({ kind: 'no-face' });
    expect(faceCoverage(disc(0.5))).toBeLessThan(MIN_FACE_COVERAGE);
  });

  it('refuses non-finite geometry or pixel values', () => {
    expect(checkRenderedFace(disc(9), new Float32Array([0, NaN, 1]))).toEqual({
      kind: 'non-finite',
      what: 'vertex positions',
    });
    expect(checkRenderedFace(new Float32Array([0.5, 0.5, 0.5, 1, Infinity, 0, 0, 1]))).toEqual({
      kind: 'non-finite',
      what: 'pixel values',
    });
    expect(checkRenderedFace(new Float32Array([0.5, 0.5, 0.5, 1, 0, 0, 0, 0]))).toBeNull();
  });
});

describe('the render-limits check', () => {
  const defaults = { maxTextureDimension2D: 8192, maxBufferSize: 268_435_456 };

  it('accepts frames the GPU can hold', () => {
    expect(renderLimitProblem(256, 4, defaults)).toBeNull();
    expect(renderLimitProblem(1024, 8, defaults)).toBeNull(); // 8192 px, exactly 256 MiB read back
  });

  it('refuses a frame wider than the largest texture, naming the setting to change', () => {
    expect(renderLimitProblem(1024, 8, { maxTextureDimension2D: 4096 })).toBe(
      "Resolution 1024 px with render scale 8 draws 8192 x 8192 px frames, but this GPU's largest texture is 4096 px (maxTextureDimension2D). Lower the render scale (to at most 4 at this resolution) or the resolution.",
    );
  });

  it('refuses a frame whose read-back buffer exceeds the largest buffer', () => {
    expect(readbackBytes(8192, 8192)).toBe(268_435_456);
    expect(readbackBytes(10, 1)).toBe(256);
    expect(renderLimitProblem(1024, 8, { maxTextureDimension2D: 16384, maxBufferSize: 134_217_728 })).toBe(
      "Resolution 1024 px with render scale 8 draws 8192 x 8192 px frames (256 MiB to read back), but this GPU's largest buffer is 128 MiB (maxBufferSize). Lower the render scale or the resolution.",
    );
  });
});
