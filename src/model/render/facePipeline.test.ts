import { BufferAttribute, Mesh, type Scene } from 'three';
import { describe, expect, it } from 'vitest';
import { FACE_MODELS, type FaceIdentity, type FaceModel } from '../gmf/face/faceModel';
import { FacePipeline, type FaceRenderParams, FRAMES_IN_FLIGHT, type RenderedFace } from './facePipeline';
import type { OffscreenRenderer } from './offscreenRenderer';

const SIZE = 4;

/**
 * One triangle whose first vertex's x is the identity's age: a frame records which face the scene
 * held when it was submitted. Age 99 cannot be built (a model error at that face).
 */
function fakeModel(): FaceModel {
  return {
    info: FACE_MODELS['gmf-procedural'],
    topology: {
      vertexCount: 3,
      uvs: new Float32Array(6),
      indices: new Uint32Array([0, 1, 2]),
      groups: [{ name: 'skin', material: 'skin', start: 0, count: 3 }],
      textureSize: 2,
      faceVertices: [0, 1, 2],
      headVertices: [0, 1, 2],
    } as unknown as FaceModel['topology'],
    sds: { shapeSd: new Float32Array(0), textureSd: [] },
    noseTip: 0,
    positions(identity) {
      if (identity.age === 99) throw new Error('no mesh for age 99');
      return new Float32Array([identity.age, 0, 0, 1, 0, 0, 0, 1, 0]);
    },
    textures: () => ({ skin: { size: 2, rgba: new Uint8ClampedArray(16).fill(200) } }),
  };
}

/**
 * A renderer whose frames come back in order, a timer tick after they were submitted, fully
 * covered (alpha 255), or rejected for the face whose age is `failAge`. It counts the frames out.
 */
function fakeRenderer(failAge?: number) {
  const state = { outstanding: 0, maxOutstanding: 0, submittedAges: [] as number[] };
  const renderer = {
    width: SIZE,
    height: SIZE,
    backend: 'WebGPU' as const,
    timing: { submitMs: 0 },
    submit(scene: Scene): Promise<Uint8Array> {
      const mesh = scene.children.find((c): c is Mesh => c instanceof Mesh);
      const age = (mesh?.geometry.getAttribute('position') as BufferAttribute | undefined)?.array[0] ?? NaN;
      state.submittedAges.push(age);
      state.outstanding++;
      state.maxOutstanding = Math.max(state.maxOutstanding, state.outstanding);
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          state.outstanding--;
          if (age === failAge) reject(new Error(`frame of age ${age} lost`));
          else resolve(new Uint8Array(SIZE * SIZE * 4).fill(255));
        }, 1),
      );
    },
  };
  return { state, renderer: renderer as unknown as OffscreenRenderer };
}

const identity = (age: number): FaceIdentity => ({ gender: 'F', ethn: 'WC', age, shape: [], tex: [] });
const face = (age: number): { params: FaceRenderParams; age: number } => ({
  age,
  params: {
    identity: identity(age),
    expression: { emo: 'neutral' },
    pose: { xr: 0, yr: 0, zr: 0, xt: 0, yt: 0, zt: 0 },
    light: { xl: 0, yl: 0, zl: 0 },
    background: null,
  },
});

async function run(ages: number[], options: { inFlight?: number; failAge?: number; onFace?: (age: number) => void }) {
  const { state, renderer } = fakeRenderer(options.failAge);
  const pipeline = new FacePipeline(fakeModel(), renderer);
  const handed: number[] = [];
  const outstandingAtHandOver: number[] = [];
  const result = pipeline
    .renderSequence(
      ages.map(face),
      [0],
      (rendered: RenderedFace, item) => {
        expect(rendered.images).toHaveLength(1);
        expect(rendered.problems).toEqual([null]);
        options.onFace?.(item.age);
        handed.push(item.age);
        outstandingAtHandOver.push(state.outstanding);
      },
      options.inFlight,
    )
    .then(
      () => null,
      (error: unknown) => error,
    );
  const error = await result;
  return { error, handed, outstandingAtHandOver, state, outstandingAtEnd: state.outstanding };
}

describe('FacePipeline.renderSequence', () => {
  it('hands faces over in order, each drawn from its own mesh, with the next one on the GPU meanwhile', async () => {
    const r = await run([1, 2, 3, 4, 5], {});
    expect(r.error).toBeNull();
    expect(r.handed).toEqual([1, 2, 3, 4, 5]);
    expect(r.state.submittedAges).toEqual([1, 2, 3, 4, 5]);
    expect(FRAMES_IN_FLIGHT).toBe(2);
    expect(r.state.maxOutstanding).toBe(2);
    // While face i is handed over, face i + 1 is already submitted (the last has none after it).
    expect(r.outstandingAtHandOver).toEqual([1, 1, 1, 1, 0]);
  });

  it('with one in flight, draws strictly one face after the other', async () => {
    const r = await run([1, 2, 3], { inFlight: 1 });
    expect(r.handed).toEqual([1, 2, 3]);
    expect(r.state.maxOutstanding).toBe(1);
    expect(r.outstandingAtHandOver).toEqual([0, 0, 0]);
  });

  it('reports a face whose mesh cannot be built at its turn: the faces before it are handed over first', async () => {
    const r = await run([1, 2, 99, 4], {});
    expect(r.error).toMatchObject({ message: 'no mesh for age 99' });
    expect(r.handed).toEqual([1, 2]);
    expect(r.state.submittedAges).toEqual([1, 2]);
    expect(r.outstandingAtEnd).toBe(0);
  });

  it('stops at a frame the GPU lost, after the faces before it, with nothing left in flight', async () => {
    const r = await run([1, 2, 3, 4, 5], { failAge: 3 });
    expect(r.error).toMatchObject({ message: 'frame of age 3 lost' });
    expect(r.handed).toEqual([1, 2]);
    expect(r.outstandingAtEnd).toBe(0);
  });

  it('stops when the receiver throws (a cancel), after the frames in flight settle', async () => {
    const r = await run([1, 2, 3, 4, 5], {
      onFace: (age) => {
        if (age === 2) throw new Error('cancelled');
      },
    });
    expect(r.error).toMatchObject({ message: 'cancelled' });
    expect(r.handed).toEqual([1]);
    expect(r.state.submittedAges).toEqual([1, 2, 3]);
    expect(r.outstandingAtEnd).toBe(0);
  });

  it('refuses a number in flight that is not a positive integer', async () => {
    for (const inFlight of [0, -1, 1.5, NaN]) {
      const r = await run([1], { inFlight });
      expect(r.error).toBeInstanceOf(RangeError);
      expect(r.state.submittedAges).toEqual([]);
    }
  });
});
