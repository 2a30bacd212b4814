/** Small hand-made feature records for the target tests. */
import type { Emotion, Ethnicity, Gender } from '../../src/model/gmf/generatorSpec';
import type { FeatureRecord } from '../../src/pipeline/train/targets/targetSpecs';

export interface RecordFields {
  id: number;
  gender?: Gender;
  ethn?: Ethnicity;
  emo?: Emotion;
  bg?: number;
  pose?: Partial<Record<'xr' | 'yr' | 'zr' | 'xt' | 'yt' | 'zt' | 'xl' | 'yl' | 'zl', number>>;
  /** Scaled shape coefficients; raw ones are set to 10x these so a mix-up shows. */
  shape?: number[];
  /** Scaled texture coefficients, one array per band (5 bands). */
  tex?: number[][];
}

export function makeRecord(fields: RecordFields): FeatureRecord {
  const shape = Float32Array.from(fields.shape ?? [0, 0, 0]);
  const tex = (fields.tex ?? [0, 1, 2, 3, 4].map(() => [0, 0, 0])).map((band) => Float32Array.from(band));
  return {
    identity: {
      id: fields.id,
      gender: fields.gender ?? 'M',
      ethn: fields.ethn ?? 'WC',
      age: 25,
      shape: shape.map((v) => 10 * v),
      shapeScaled: shape,
      tex: tex.map((band) => band.map((v) => 10 * v)),
      texScaled: tex,
    },
    variation: {
      xr: 0,
      yr: 0,
      zr: 0,
      xt: 0,
      yt: 0,
      zt: 0,
      xl: 0,
      yl: 0,
      zl: 0,
      ...fields.pose,
      emo: fields.emo ?? 'neutral',
      bg: fields.bg ?? 0,
    },
  };
}
