import { describe, expect, it } from 'vitest';
import { TINY_PRESET, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import { sampleIdentity, sampleVariation } from '../../model/gmf/sampling';
import type { FaceRenderParams, RenderedFace } from '../../model/render/facePipeline';
import type { FaceProblem } from '../../model/render/renderChecks';
import { measureGenerationSpeed } from './measureSpeed';

const sds = {
  shapeSd: new Float32Array(200).fill(1),
  textureSd: [0, 1, 2, 3, 4].map(() => new Float32Array(200).fill(1)),
};

/** A pipeline whose every render takes 100 ms of a fake clock; it records what it was asked to draw. */
function fakePipeline(problem: FaceProblem | null = null) {
  let clock = 0;
  const drawn: { params: FaceRenderParams; eyes: readonly number[] }[] = [];
  return {
    now: () => clock,
    drawn,
    pipeline: {
      async renderSequence<T extends { readonly params: FaceRenderParams }>(
        faces: Iterable<T>,
        eyes: readonly number[],
        onFace: (face: RenderedFace, item: T, index: number) => void | Promise<void>,
      ): Promise<void> {
        let index = 0;
        for (const item of faces) {
          clock += 100;
          drawn.push({ params: item.params, eyes });
          const face = { images: eyes.map(() => new Uint8ClampedArray(4)), problems: eyes.map(() => problem) };
          await onFace(face, item, index++);
        }
      },
    },
  };
}
const encode = () => Promise.resolve(new Blob(['x']));

describe('measureGenerationSpeed', () => {
  const spec = structuredClone(TINY_PRESET) as GeneratorSpec;

  it('times 3 identities x 2 variations after an untimed first render, in images per second', async () => {
    const fake = fakePipeline();
    const result = await measureGenerationSpeed(fake.pipeline, sds, spec, new AbortController().signal, {
      encode,
      now: fake.now,
    });
    // Binocular: 3 images per record; 6 records of 100 ms each.
    expect(result).toEqual({ records: 6, images: 18, seconds: 0.6, imagesPerSecond: 30, setupMs: 100 });
    expect(fake.drawn).toHaveLength(7);
    expect(fake.drawn[0]?.eyes).toHaveLength(3);
    // The same draws as a generation's: identity 2, variation 1 is the last one timed.
    const last = fake.drawn[6]?.params;
    expect(last?.identity.shape).toEqual(sampleIdentity(spec, 2, sds).shape);
    expect(last?.pose.yr).toBe(sampleVariation(spec, 2, 1).yr);
  });

  it('counts one image per record without binocular and uses no more identities than the spec has', async () => {
    const fake = fakePipeline();
    const mono = { ...spec, binocular: false, identities: 2 };
    const result = await measureGenerationSpeed(fake.pipeline, sds, mono, new AbortController().signal, {
      encode,
      now: fake.now,
    });
    expect(result.records).toBe(4);
    expect(result.images).toBe(4);
    expect(result.imagesPerSecond).toBeCloseTo(10, 10);
  });

  it('fails as a generation would when a frame has no face', async () => {
    const fake = fakePipeline({ kind: 'no-face', coverage: 0 });
    await expect(
      measureGenerationSpeed(fake.pipeline, sds, spec, new AbortController().signal, { encode, now: fake.now }),
    ).rejects.toMatchObject({ code: 'RENDER_NO_FACE' });
  });
});
