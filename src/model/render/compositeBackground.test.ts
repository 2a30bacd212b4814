import { describe, expect, it } from 'vitest';
import { compositeOverBackground, downsampleRgba, resizeRgba } from './compositeBackground';

describe('background compositing', () => {
  it('keeps face pixels where alpha is 255, background where 0, and mixes in between', () => {
    const face = new Uint8Array([200, 100, 50, 255, 10, 20, 30, 0, 100, 100, 100, 128]);
    const bg = new Uint8Array([0, 0, 0, 255, 90, 80, 70, 255, 200, 0, 100, 255]);
    const out = compositeOverBackground(face, bg);
    expect([...out.subarray(0, 4)]).toEqual([200, 100, 50, 255]);
    expect([...out.subarray(4, 8)]).toEqual([90, 80, 70, 255]);
    const a = 128 / 255;
    expect([...out.subarray(8, 11)]).toEqual([100 * a + 200 * (1 - a), 100 * a, 100].map(Math.round));
  });

  it('resizes by nearest neighbour', () => {
    const src = new Uint8Array([1, 1, 1, 255, 2, 2, 2, 255, 3, 3, 3, 255, 4, 4, 4, 255]);
    const out = resizeRgba(src, 2, 4, 4);
    expect([0, 1, 2, 3].map((x) => out[4 * x])).toEqual([1, 1, 2, 2]);
    expect([0, 1, 2, 3].map((y) => out[4 * (4 * y + 3)])).toEqual([2, 2, 4, 4]);
  });

  it('box-filters a supersampled render with alpha-weighted colour (closed form on a 2x2 block)', () => {
    // One output pixel from a 2x2 block: two red opaque pixels, one blue at alpha 0.5, one empty.
    const src = new Uint8Array([255, 0, 0, 255, 255, 0, 0, 255, 0, 0, 255, 128, 9, 9, 9, 0]);
    const out = downsampleRgba(src, 1, 1, 2);
    const wr = (255 * 255 * 2) / (255 * 2 + 128);
    const wb = (255 * 128) / (255 * 2 + 128);
    expect([...out]).toEqual([Math.round(wr), 0, Math.round(wb), Math.round((255 * 2 + 128) / 4)]);
    expect([...downsampleRgba(new Uint8Array([1, 2, 3, 4]), 1, 1, 1)]).toEqual([1, 2, 3, 4]);
  });
});
