/**
 * Identities' textures kept for reuse, least recently used dropped first, within a byte budget.
 * Streamed training draws its batches from a fixed set of identities in random order: without a
 * cache every face would compute its identity's albedo again (the largest CPU cost of a face).
 */
import type { FaceTextures } from '../gmf/face/faceModel';

export function texturesBytes(textures: FaceTextures): number {
  return [textures.skin, textures.iris, textures.hair].reduce((sum, t) => sum + (t ? t.rgba.byteLength : 0), 0);
}

export class TextureCache {
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, FaceTextures>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {
    if (!(maxBytes >= 0)) throw new RangeError(`a texture cache's budget must be 0 or more bytes, got ${maxBytes}`);
  }

  /** The cached textures for `key`, or `make()`'s, kept while the budget allows. */
  get(key: string, make: () => FaceTextures): FaceTextures {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const made = make();
    const size = texturesBytes(made);
    if (size > this.maxBytes) return made;
    this.entries.set(key, made);
    this.bytes += size;
    for (const [oldest, textures] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= texturesBytes(textures);
    }
    return made;
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }
}
