import { describe, expect, it } from 'vitest';
import { TINY_PRESET } from '../../model/gmf/generatorSpec';
import { sampleIdentity, sampleVariation } from '../../model/gmf/sampling';
import { decodeFaceState, encodeFaceState, identityOf } from './faceState';
import { datasetFaceState } from './fromDataset';

const sds = {
  shapeSd: Float32Array.from({ length: 40 }, () => 1),
  textureSd: [0, 1, 2, 3, 4].map(() => Float32Array.from({ length: 20 }, () => 1)),
};
const spec = {
  ...structuredClone(TINY_PRESET),
  seed: 1234,
  shape: { mu: 0.5, sd: 2 },
  shapeComponents: 40,
  textureComponents: 20,
};

describe('a dataset image opened in Explore', () => {
  it('reproduces every coefficient of the identity, through the URL and back', () => {
    const identity = sampleIdentity(spec, 7, sds);
    const variation = sampleVariation(spec, 7, 3);
    const state = decodeFaceState(encodeFaceState(datasetFaceState(spec, identity, variation)));
    const face = identityOf(state, 999, 999); // the model's counts do not matter: the dataset's do
    expect(face.shape).toEqual(identity.shape);
    expect(face.tex).toEqual(identity.tex);
    expect({ gender: face.gender, ethn: face.ethn, age: face.age }).toEqual({
      gender: identity.gender,
      ethn: identity.ethn,
      age: identity.age,
    });
    expect(state.pose).toEqual({
      xr: variation.xr,
      yr: variation.yr,
      zr: variation.zr,
      xt: variation.xt,
      yt: variation.yt,
      zt: variation.zt,
    });
    expect(state).toMatchObject({
      emo: variation.emo,
      backgroundIndex: variation.bg,
      backgroundSeed: 1234,
      resolution: 64,
      binocular: true,
      cameraDistance: 400,
    });
  });

  it('still lets the sliders move the first components', () => {
    const identity = sampleIdentity(spec, 2, sds);
    const state = datasetFaceState(spec, identity, sampleVariation(spec, 2, 0));
    const moved = identityOf({ ...state, shape: state.shape.map((v, i) => (i === 0 ? v + 1 : v)) }, 40, 20);
    expect(moved.shape[0]).toBeCloseTo((identity.shape[0] ?? 0) + 1, 5);
    expect(Array.from(moved.shape).slice(1)).toEqual(Array.from(identity.shape).slice(1));
  });

  it('falls back to the Explore draw when the URL holds a malformed dataset draw', () => {
    const state = datasetFaceState(spec, sampleIdentity(spec, 1, sds), sampleVariation(spec, 1, 0));
    const broken = decodeFaceState(
      encodeFaceState({ ...state, draw: { ...state.draw, genders: ['X'] } as unknown as typeof state.draw }),
    );
    expect(broken.draw).toBeNull();
  });
});
