import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_UNITS, type ActionUnitId } from '../../gmf/expression/actionUnitFields';
import { EMOTIONS } from '../../gmf/expression/emotions';
import type { FaceExpression, FaceIdentity } from '../../gmf/face/faceModel';
import { decodeIctAsset, type IctModelData } from '../ictAsset';
import { expressionMapper } from './expressionWeights';
import { MAX_GAZE_DEGREES } from './eyeGaze';
import { buildIctGeometry, type IctGeometry } from './ictGeometry';
import { firstRenderVertex, ictGroup } from './ictParts';

let data: IctModelData;
let geometry: IctGeometry;
let first: Int32Array;
let neutral: Float32Array;
beforeAll(() => {
  data = decodeIctAsset(new Uint8Array(readFileSync(new URL('../ictFaceKit.bin', import.meta.url))));
  geometry = buildIctGeometry(data);
  first = firstRenderVertex(data);
  neutral = geometry.positions(FACE, { emo: 'neutral' });
});

const FACE: FaceIdentity = { gender: 'F', ethn: 'WC', age: 30, shape: [0.5, -0.3, 0.8], tex: [] };
/** Render vertex of Multi-PIE landmark i. */
const landmark = (i: number) => first[data.landmarks.multiPie68[i] ?? -1] ?? -1;
const at = (p: Float32Array, r: number, axis: number) => p[3 * r + axis] ?? NaN;
const withAu = (au: ActionUnitId, amount = 1): FaceExpression => ({ emo: 'neutral', actionUnits: { [au]: amount } });

/**
 * Each AU at amplitude 1 moves its region: (Multi-PIE landmark, axis, at least this many mm with
 * this sign). Landmarks 17-21 are the right brow, 36-41 the right eye, 48 the right mouth corner
 * (the subject's right is -x), 51/57 the lips' midpoints, 62/66 the inner lips, 8 the chin.
 */
const MOVES: Readonly<Record<ActionUnitId, readonly [landmark: number, axis: 0 | 1 | 2, mm: number]>> = {
  AU1: [21, 1, 3], // inner brow up
  AU2: [17, 1, 3], // outer brow up
  AU4: [19, 1, -2], // brow down
  AU5: [37, 1, 2], // upper lid up
  AU6: [41, 1, 1], // lower lid pushed up by the cheek
  AU7: [41, 1, 1], // lower lid tightened upward
  AU9: [31, 1, 3], // nose wing up
  AU10: [51, 1, 3], // upper lip up
  AU12: [48, 1, 5], // mouth corner up (and out, below)
  AU15: [48, 1, -2], // mouth corner down
  AU16: [57, 1, -4], // lower lip down
  AU17: [8, 1, 4], // chin up
  AU20: [48, 0, -4], // mouth corner out (to -x)
  AU23: [57, 1, 3], // lower lip pressed up against the upper
  AU25: [66, 1, -3], // lips part
  AU26: [8, 1, -10], // jaw drops
  AU27: [8, 1, -20], // jaw drops further
  AU43: [37, 1, -6], // upper lid down
};

describe('expressions', () => {
  it('maps every AU and emotion to ARKit shapes with weights in 0..1', () => {
    const mapper = expressionMapper(data.expressions.names);
    const all: FaceExpression[] = [
      ...EMOTIONS.map((emo) => ({ emo })),
      ...ACTION_UNITS.map((au) => withAu(au)),
      { emo: 'fear', actionUnits: Object.fromEntries(ACTION_UNITS.map((au) => [au, 1])) },
    ];
    for (const expression of all) {
      for (const { weight } of mapper.weights(expression)) {
        expect(weight).toBeGreaterThan(0);
        expect(weight).toBeLessThanOrEqual(1);
      }
    }
    expect(mapper.weights({ emo: 'neutral' })).toEqual([]);
  });

  it('leaves a neutral face as the identity alone, whatever the spelling of "nothing"', () => {
    const nothing = geometry.positions(FACE, {
      emo: 'happy',
      intensity: 0,
      actionUnits: { AU12: 0 },
      gaze: { x: 0, y: 0 },
    });
    expect(nothing).toEqual(neutral);
  });

  it.each(ACTION_UNITS)('%s moves its region by the expected amount', (au) => {
    const [index, axis, mm] = MOVES[au];
    const r = landmark(index);
    const moved = at(geometry.positions(FACE, withAu(au)), r, axis) - at(neutral, r, axis);
    if (mm > 0) expect(moved).toBeGreaterThanOrEqual(mm);
    else expect(moved).toBeLessThanOrEqual(mm);
  });

  it('AU12 raises the mouth corners and pulls them outward on both sides', () => {
    const smile = geometry.positions(FACE, withAu('AU12'));
    for (const [index, side] of [
      [48, -1],
      [54, 1],
    ] as const) {
      expect(at(smile, landmark(index), 1) - at(neutral, landmark(index), 1)).toBeGreaterThan(5);
      expect(side * (at(smile, landmark(index), 0) - at(neutral, landmark(index), 0))).toBeGreaterThan(4);
    }
  });

  it('AU27 lowers the chin, the lower teeth and the tongue; the upper teeth stay', () => {
    const open = geometry.positions(FACE, withAu('AU27'));
    const teeth = ictGroup(data, 'teeth');
    // Upper and lower crowns meet mid-way up the teeth group (ICT lists upper teeth first).
    let lo = Infinity;
    let hi = -Infinity;
    for (let m = teeth.vertexStart; m < teeth.vertexStart + teeth.vertexCount; m++) {
      lo = Math.min(lo, data.positions[3 * m + 1] ?? 0);
      hi = Math.max(hi, data.positions[3 * m + 1] ?? 0);
    }
    const middle = (lo + hi) / 2;
    const drop = (start: number, end: number, keep: (y: number) => boolean) => {
      let sum = 0;
      let n = 0;
      for (let m = start; m < end; m++) {
        const y = data.positions[3 * m + 1] ?? 0;
        if (!keep(y)) continue;
        const r = first[m] ?? 0;
        sum += at(neutral, r, 1) - at(open, r, 1);
        n++;
      }
      return sum / n;
    };
    const end = teeth.vertexStart + teeth.vertexCount;
    expect(drop(teeth.vertexStart, end, (y) => y < middle)).toBeGreaterThan(15);
    expect(Math.abs(drop(teeth.vertexStart, end, (y) => y > middle + 10))).toBeLessThan(0.5);
    const tongue = ictGroup(data, 'gumsTongue');
    expect(drop(tongue.vertexStart, tongue.vertexStart + tongue.vertexCount, (y) => y < middle)).toBeGreaterThan(10);
    // The mouth opens well past the upper teeth: the lower lip drops more than 25 mm.
    expect(at(neutral, landmark(57), 1) - at(open, landmark(57), 1)).toBeGreaterThan(25);
  });

  it('AU43 closes each upper lid by at least 80 % of the eye opening', () => {
    const closed = geometry.positions(FACE, withAu('AU43'));
    // Upper/lower lid landmark pairs: right eye 37/41, 38/40; left eye 43/47, 44/46.
    for (const [upper, lower] of [
      [37, 41],
      [38, 40],
      [43, 47],
      [44, 46],
    ] as const) {
      const opening = at(neutral, landmark(upper), 1) - at(neutral, landmark(lower), 1);
      const fall = at(neutral, landmark(upper), 1) - at(closed, landmark(upper), 1);
      expect(opening).toBeGreaterThan(5);
      expect(fall).toBeGreaterThanOrEqual(0.8 * opening);
    }
  });

  it('gaze turns each eyeball rigidly about its centre by the stated angles', () => {
    for (const [gaze, axis, sign, degrees] of [
      [{ x: 1, y: 0 }, 0, 1, MAX_GAZE_DEGREES.horizontal],
      [{ x: -0.5, y: 0 }, 0, -1, MAX_GAZE_DEGREES.horizontal / 2],
      [{ x: 0, y: 1 }, 1, 1, MAX_GAZE_DEGREES.vertical],
    ] as const) {
      const turned = geometry.positions(FACE, { emo: 'neutral', gaze });
      for (const side of ['Left', 'Right']) {
        const iris = ictGroup(data, `iris${side}`);
        const cornea = ictGroup(data, `sclera${side}`);
        // The cornea's apex (its most forward vertex) and the iris vertices around it.
        let apex = cornea.vertexStart;
        for (let m = cornea.vertexStart; m < cornea.vertexStart + cornea.vertexCount; m++)
          if ((data.positions[3 * m + 2] ?? 0) > (data.positions[3 * apex + 2] ?? 0)) apex = m;
        const a = first[apex] ?? 0;
        // A rigid turn keeps the apex's distance to the eyeball's back and turns the vector between
        // them (nearly the eye's axis, so nearly perpendicular to the turn's axis) by the gaze angle.
        let back = iris.vertexStart;
        for (let m = iris.vertexStart; m < iris.vertexStart + iris.vertexCount; m++)
          if ((data.positions[3 * m + 2] ?? 0) < (data.positions[3 * back + 2] ?? 0)) back = m;
        const b = first[back] ?? 0;
        const before = [0, 1, 2].map((k) => at(neutral, a, k) - at(neutral, b, k));
        const after = [0, 1, 2].map((k) => at(turned, a, k) - at(turned, b, k));
        const length = (v: number[]) => Math.hypot(...v);
        expect(length(after)).toBeCloseTo(length(before), 3);
        const cos = before.reduce((s, v, k) => s + v * (after[k] ?? 0), 0) / (length(before) * length(after));
        expect((Math.acos(Math.min(1, cos)) * 180) / Math.PI).toBeCloseTo(degrees, 0);
        expect(sign * (at(turned, a, axis) - at(neutral, a, axis))).toBeGreaterThan(2);
      }
    }
  });

  it('shows each emotion canonically: mouth corners up in happy only', () => {
    const change = (emo: FaceExpression['emo'], index: number) =>
      at(geometry.positions(FACE, { emo }), landmark(index), 1) - at(neutral, landmark(index), 1);
    const corners = (emo: FaceExpression['emo']) => (change(emo, 48) + change(emo, 54)) / 2;
    expect(corners('happy')).toBeGreaterThan(8);
    // ICT's noseSneer alone lifts the corners ~6 mm, which reads as a smile.
    for (const emo of ['disgust', 'anger', 'sad'] as const) expect(corners(emo)).toBeLessThan(1);
  });

  it('scales the extra shapes of each emotion with its intensity', () => {
    const mapper = expressionMapper(data.expressions.names);
    // Anger's prototype has no AU9: its noseSneer comes from EMOTION_SHAPES alone (gain 0.5).
    const sneer = data.expressions.names.indexOf('noseSneer_L');
    const weightAt = (intensity: number) =>
      mapper.weights({ emo: 'anger', intensity }).find((w) => w.index === sneer)?.weight ?? 0;
    expect(weightAt(1)).toBeCloseTo(0.5, 6);
    expect(weightAt(0.5)).toBeCloseTo(0.25, 6);
  });

  it('every emotion at intensity 1 changes the face, each differently', () => {
    const faces = EMOTIONS.filter((e) => e !== 'neutral').map((emo) => geometry.positions(FACE, { emo }));
    const distance = (p: Float32Array, q: Float32Array) => {
      let s = 0;
      for (let i = 0; i < 3 * data.render.renderToModel.length; i++)
        s = Math.max(s, Math.abs((p[i] ?? 0) - (q[i] ?? 0)));
      return s;
    };
    for (const [i, p] of faces.entries()) {
      expect(distance(p, neutral)).toBeGreaterThan(5);
      for (const q of faces.slice(i + 1)) expect(distance(p, q)).toBeGreaterThan(3);
    }
  });
});
