import { describe, expect, it } from 'vitest';
import type { FaceTextures } from '../gmf/face/faceModel';
import { TextureCache } from './textureCache';

const textures = (bytes: number, fill = 0): FaceTextures => ({
  skin: { size: 1, rgba: new Uint8ClampedArray(bytes).fill(fill) },
});

describe('TextureCache', () => {
  it('makes each key once while it fits, and drops the least recently used beyond the budget', () => {
    const cache = new TextureCache(300);
    const made: string[] = [];
    const get = (key: string) =>
      cache.get(key, () => {
        made.push(key);
        return textures(100, key.charCodeAt(0));
      });
    get('a');
    get('b');
    get('c');
    expect(cache.usedBytes).toBe(300);
    get('a'); // a hit: a is now the most recent
    get('d'); // over budget: b (least recent) goes
    expect(made).toEqual(['a', 'b', 'c', 'd']);
    expect(cache.size).toBe(3);
    get('a');
    get('c');
    get('d');
    expect(made).toEqual(['a', 'b', 'c', 'd']);
    expect(get('b').skin.rgba[0]).toBe('b'.charCodeAt(0));
    expect(made).toEqual(['a', 'b', 'c', 'd', 'b']);
    expect(cache.usedBytes).toBeLessThanOrEqual(300);
  });

  it('returns what it cannot keep without keeping it, and refuses a negative budget', () => {
    const cache = new TextureCache(50);
    const big = cache.get('x', () => textures(100));
    expect(big.skin.rgba.length).toBe(100);
    expect(cache.size).toBe(0);
    expect(() => new TextureCache(-1)).toThrow(RangeError);
  });
});
