/**
 * FaceExpression -> weights of ICT's ARKit-named expression shapes. Action units follow ICT's
 * FACS table (its README); AU23, AU25, AU26 and AU43, which our emotion prototypes use but ICT's
 * table lacks, are approximated from neighbouring shapes (marked below). A gain per shape turns
 * an AU amplitude (0..1) into a shape weight; weights are clamped to 0..1, the range the scans
 * were captured in, after the AUs that share a shape are summed.
 */
import type { ActionUnitId } from '../../gmf/expression/actionUnitFields';
import type { Emotion } from '../../gmf/expression/emotions';
import { expressionAmplitudes, type FaceExpression } from '../../gmf/face/faceModel';
import { IctGeometryError } from './geometryError';

type ShapeGains = readonly (readonly [shape: string, gain: number])[];

const both = (shape: string, gain = 1): ShapeGains => [
  [`${shape}_L`, gain],
  [`${shape}_R`, gain],
];

/**
 * Gain of the AUs in ICT's table: our emotion prototypes mostly use amplitudes of 0.8, which this
 * maps to the full scanned shape (weight 1); smaller amplitudes stay proportionally smaller.
 */
const GAIN = 1.25;

/**
 * AU -> (shape, gain) pairs: ICT's FACS table at GAIN, and four approximations of AUs it lacks:
 * - AU23 lip tightener: lips pressed (mouthPress) and slightly rolled in and narrowed (pucker);
 * - AU25 lips part: lower lip down and upper lip up a little, the jaw barely opening;
 * - AU26 jaw drop: half of ICT's jawOpen (its AU27, mouth stretch) with the lower lip following;
 * - AU43 eyes closed: eyeBlink (ICT's AU45), which closes the lids fully at weight 1.
 */
export const ACTION_UNIT_SHAPES: Readonly<Record<ActionUnitId, ShapeGains>> = {
  AU1: both('browInnerUp', GAIN),
  AU2: both('browOuterUp', GAIN),
  AU4: both('browDown', GAIN),
  AU5: both('eyeWide', GAIN),
  AU6: both('cheekSquint', GAIN),
  AU7: both('eyeSquint', GAIN),
  AU9: both('noseSneer', GAIN),
  AU10: [['mouthShrugUpper', GAIN]],
  AU12: both('mouthSmile', GAIN),
  AU15: both('mouthFrown', GAIN),
  AU16: both('mouthLowerDown', GAIN),
  AU17: [['mouthShrugLower', GAIN]],
  AU20: both('mouthStretch', GAIN),
  AU23: [...both('mouthPress', GAIN), ['mouthRollUpper', 0.3], ['mouthRollLower', 0.3], ['mouthPucker', 0.2]],
  AU25: [...both('mouthLowerDown', 0.5), ...both('mouthUpperUp', 0.25), ['jawOpen', 0.06]],
  AU26: [['jawOpen', 0.5], ...both('mouthLowerDown', 0.3)],
  AU27: [['jawOpen', 1]],
  AU43: both('eyeBlink'),
};

/**
 * Each emotion's shapes beyond its FACS prototype, times its intensity — DESIGNED BY HAND so that
 * the emotion reads as its canonical display at 112-160 px (Ekman & Friesen's photographs: the
 * toothy Duchenne smile, the raised brows and wide eyes of fear, lowered brows and squint of
 * disgust, the wrinkled nose, pressed lips and raised chin of anger, the chin raise of sadness).
 * ICT's noseSneer lifts the mouth corners ~6 mm and bares the upper teeth, which reads as a smile:
 * disgust and anger pull the corners back down with mouthFrown and mouthStretch, disgust keeps the
 * lips nearer closed. Negative gains take back part of a prototype's AU where ICT's shape
 * overshoots (anger's AU5, fear's AU4 and AU7, disgust's AU16). They add to the AUs' shapes
 * before the clamp to 0..1, so no shape leaves the scanned range.
 */
export const EMOTION_SHAPES: Readonly<Record<Emotion, ShapeGains>> = {
  happy: [...both('cheekSquint', 0.3), ...both('mouthUpperUp', 0.35), ...both('mouthLowerDown', 0.3), ['jawOpen', 0.1]],
  surprise: [],
  fear: [...both('browOuterUp', 0.3), ...both('browDown', -0.45), ...both('eyeSquint', -0.6)],
  disgust: [
    ...both('browDown', 0.7),
    ...both('eyeSquint', 0.5),
    ...both('mouthFrown', 0.4),
    ...both('mouthStretch', 0.4),
    ...both('mouthLowerDown', -0.6),
    ['mouthRollUpper', 0.3],
  ],
  anger: [
    ...both('eyeWide', -0.5),
    ...both('noseSneer', 0.5),
    ...both('mouthFrown', 1),
    ...both('mouthStretch', 0.3),
    ['mouthShrugLower', 0.5],
    ['jawForward', 0.2],
  ],
  sad: [
    ...both('browDown', 0.2),
    ...both('mouthStretch', 0.3),
    ['mouthShrugLower', 0.5],
    ...both('eyeLookDown', 0.25),
    ...both('eyeSquint', 0.2),
  ],
  neutral: [],
};

/** Gaze shapes move the lids with the eyes (the eyeballs themselves are rotated in eyeGaze.ts). */
const GAZE = {
  /** Looking to the subject's left: the left eye turns out, the right eye in (ICT's AU61). */
  left: [
    ['eyeLookOut_L', 1],
    ['eyeLookIn_R', 1],
  ],
  right: [
    ['eyeLookIn_L', 1],
    ['eyeLookOut_R', 1],
  ],
  up: both('eyeLookUp'),
  down: both('eyeLookDown'),
} as const satisfies Record<string, ShapeGains>;

/** Expression shapes with a weight, as indices into the asset's expression list. */
export interface ShapeWeight {
  index: number;
  weight: number;
}

export interface ExpressionMapper {
  /** Shape weights of an expression (only those above 0), in shape index order. */
  weights(expression: FaceExpression): ShapeWeight[];
}

/** Clamped gaze: x to the subject's left, y up, each in -1..1. */
export function gazeOf(expression: FaceExpression): { x: number; y: number } {
  const gaze = expression.gaze ?? { x: 0, y: 0 };
  if (!Number.isFinite(gaze.x) || !Number.isFinite(gaze.y))
    throw new IctGeometryError('ICT_GEOMETRY_EXPRESSION', `gaze (${gaze.x}, ${gaze.y}) is not a pair of numbers.`);
  return { x: Math.min(1, Math.max(-1, gaze.x)), y: Math.min(1, Math.max(-1, gaze.y)) };
}

export function expressionMapper(names: readonly string[]): ExpressionMapper {
  const indexOf = new Map(names.map((name, i) => [name, i]));
  const resolve = (pairs: ShapeGains) =>
    pairs.map(([shape, gain]) => {
      const index = indexOf.get(shape);
      if (index === undefined)
        throw new IctGeometryError('ICT_GEOMETRY_MESH', `the asset has no expression shape "${shape}".`);
      return { index, gain };
    });
  const units = Object.entries(ACTION_UNIT_SHAPES).map(([au, pairs]) => [au as ActionUnitId, resolve(pairs)] as const);
  const emotions = new Map(Object.entries(EMOTION_SHAPES).map(([emo, pairs]) => [emo, resolve(pairs)] as const));
  const gaze = { left: resolve(GAZE.left), right: resolve(GAZE.right), up: resolve(GAZE.up), down: resolve(GAZE.down) };

  return {
    weights(expression) {
      const sums = new Float64Array(names.length);
      const add = (shapes: readonly { index: number; gain: number }[], amount: number) => {
        for (const { index, gain } of shapes) sums[index] = (sums[index] ?? 0) + gain * amount;
      };
      const amplitudes = expressionAmplitudes(expression);
      for (const [au, shapes] of units) add(shapes, amplitudes[au] ?? 0);
      add(emotions.get(expression.emo) ?? [], Math.min(1, Math.max(0, expression.intensity ?? 1)));
      const { x, y } = gazeOf(expression);
      add(x > 0 ? gaze.left : gaze.right, Math.abs(x));
      add(y > 0 ? gaze.up : gaze.down, Math.abs(y));
      const out: ShapeWeight[] = [];
      sums.forEach((sum, index) => {
        if (sum > 0) out.push({ index, weight: Math.min(1, sum) });
      });
      return out;
    },
  };
}
