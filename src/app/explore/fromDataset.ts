/** The Explore face that reproduces one image of a generated dataset. */
import { faceModelOf, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { IdentityParams, VariationParams } from '../../model/gmf/sampling';
import { DEFAULT_LIGHT_LEVELS } from '../../model/render/faceScene';
import { DEFAULT_FACE_STATE, type FaceState, SLIDER_COMPONENTS } from './faceState';

/**
 * The identity is re-drawn from the dataset's seeded stream (so every component matches, not
 * just the sliders'); the sliders start at its own first components; pose, light, emotion,
 * background and camera come from the variation and the spec, as the generator rendered them.
 */
export function datasetFaceState(
  spec: GeneratorSpec,
  identity: Pick<IdentityParams, 'id' | 'gender' | 'ethn' | 'age' | 'shape' | 'tex'>,
  variation: VariationParams,
): FaceState {
  const { seed, genders, ethnicities, age, shape, texture, shapeComponents, textureComponents } = spec;
  const { xr, yr, zr, xt, yt, zt, xl, yl, zl } = variation;
  return {
    ...DEFAULT_FACE_STATE,
    model: faceModelOf(spec).id,
    hair: spec.hair ?? 'none',
    identity: identity.id,
    draw: {
      seed,
      genders: [...genders],
      ethnicities: [...ethnicities],
      age: { ...age },
      shape: { ...shape },
      texture: { ...texture },
      shapeComponents,
      textureComponents,
      id: identity.id,
    },
    gender: identity.gender,
    ethn: identity.ethn,
    age: identity.age,
    shape: Array.from(identity.shape.subarray(0, SLIDER_COMPONENTS)),
    tex: identity.tex.map((band) => band[0] ?? 0),
    emo: variation.emo,
    intensity: 1,
    actionUnits: {},
    pose: { xr, yr, zr, xt, yt, zt },
    light: { xl, yl, zl },
    lightLevels: DEFAULT_LIGHT_LEVELS,
    background: spec.addBackground,
    backgroundIndex: variation.bg,
    backgroundSeed: spec.seed,
    binocular: spec.binocular,
    resolution: spec.resolution,
    renderScale: spec.renderScale,
    cameraDistance: spec.cameraDistance,
  };
}
