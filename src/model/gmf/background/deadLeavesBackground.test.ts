// The procedural model's datasets must keep reproducing their images: its backgrounds are
// pinned to the bytes the dead-leaves code produced when those datasets were made (checksums
// computed with that code, before the natural-statistics source replaced it as the default).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../lib/random';
import { renderBackground } from './backgrounds';

const sha256 = (bytes: Uint8ClampedArray) => createHash('sha256').update(bytes).digest('hex');

describe('dead-leaves backgrounds (procedural model)', () => {
  it.each([
    [17, 64, 'f172ac9e39861c4dd316d815bf231365ff6b2c4370edb6399249b080de844c21'],
    [200, 128, '6237687aa952cf01ba03f101e7e889a07572c9831af32f4a746530e22feb72e9'],
  ] as const)('background %i at %i px is byte for byte the one datasets were made with', (index, size, hash) => {
    expect(sha256(renderBackground(index, size, createRng(5, 'background', index).next, 'dead-leaves'))).toBe(hash);
  });

  it('differs from the natural style of the same index', () => {
    const rng = () => createRng(5, 'background', 3).next;
    expect(sha256(renderBackground(3, 64, rng(), 'dead-leaves'))).not.toBe(sha256(renderBackground(3, 64, rng())));
  });
});
