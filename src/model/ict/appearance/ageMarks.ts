/**
 * Marks that come with age: wrinkle lines (forehead, glabella, crow's feet, nasolabial folds,
 * marionette lines, under the eyes) and age spots (solar lentigines on forehead, temples and
 * cheeks). Each line and spot has an onset age; it darkens over the 35 years that follow.
 * The order in which lines appear (nasolabial folds first, then forehead, crow's feet, glabella,
 * under-eye, marionette) follows the usual clinical description of facial ageing; all positions,
 * widths and strengths are hand designed and fixed (the same for every face).
 */
import { createRng } from '../../../lib/random';
import type { FaceFeatures } from './faceFeatures';
import { polylineDistance, smoothCurve } from './faceFeatures';
import { type FaceTexel, gaussian, type SparseField } from './sparseField';

/** A sparse mark field with, per entry, the age (years) at which that mark starts to show. */
export interface AgedField extends SparseField {
  onset: Float32Array;
}

export interface AgeMarks {
  wrinkles: AgedField;
  spots: AgedField;
}

interface Line {
  points: [number, number][];
  sigma: number;
  strength: number;
  onset: number;
}

/** Growth of a mark: 0 before its onset, 1 thirty-five years later. */
export function ageRamp(age: number, onset: number): number {
  return Math.min(1, Math.max(0, (age - onset) / 35));
}

function mirrored(points: [number, number][]): [number, number][][] {
  return [points.map(([x, y]) => [-x, y]), points];
}

function wrinkleLines(features: FaceFeatures): Line[] {
  const browTop = Math.max(...features.brows.flat().map((p) => p[1]));
  const innerBrow = features.brows[1][0] ?? features.landmark(22);
  const [, alaL] = features.alae;
  const [, cornerL] = features.mouthCorners;
  const lines: Line[] = [];
  // Forehead lines, broken in the middle and wavy, each a little shorter than the one below.
  [10, 17, 24].forEach((dy, i) => {
    for (const side of [-1, 1]) {
      const points = Array.from({ length: 9 }, (_, j): [number, number] => {
        const x = side * (4 + ((38 - 5 * i) * j) / 8);
        return [x, browTop + dy + 0.003 * x * x + 1.1 * Math.sin(x / 8 + 2 * i + side)];
      });
      lines.push({ points, sigma: 0.9, strength: 0.75 - 0.12 * i, onset: 28 + 4 * i });
    }
  });
  for (const side of [-1, 1]) {
    const x = side * (Math.abs(innerBrow[0]) - 6);
    lines.push({
      points: [
        [x, innerBrow[1] - 4],
        [x * 0.9, innerBrow[1] + 10],
      ],
      sigma: 0.8,
      strength: 0.7,
      onset: 38,
    });
  }
  for (const eye of features.eyes) {
    const side = Math.sign(eye.outer[0]);
    const [ox, oy] = [eye.outer[0] + side * 5, eye.outer[1]];
    for (const angle of [-0.55, -0.05, 0.45]) {
      const end: [number, number] = [ox + side * 10 * Math.cos(angle), oy + 10 * Math.sin(angle)];
      lines.push({ points: [[ox, oy], end], sigma: 0.8, strength: 0.7, onset: 34 });
    }
    const lower = smoothCurve(eye.lower, 12).map(([x, y]): [number, number] => [x, y - 5.5]);
    lines.push({ points: lower.slice(1, -2), sigma: 1.1, strength: 0.6, onset: 40 });
  }
  const fold = smoothCurve(
    [
      [alaL[0] + 4, alaL[1] + 3],
      [alaL[0] + 11, alaL[1] - 12],
      [cornerL[0] + 8, cornerL[1] - 4],
      [cornerL[0] + 9, cornerL[1] - 16],
    ],
    16,
  );
  for (const points of mirrored(fold)) lines.push({ points, sigma: 1.4, strength: 0.9, onset: 22 });
  const marionette: [number, number][] = [
    [cornerL[0] + 1, cornerL[1] - 3],
    [cornerL[0] + 3, cornerL[1] - 22],
  ];
  for (const points of mirrored(marionette)) lines.push({ points, sigma: 1.1, strength: 0.7, onset: 42 });
  return lines;
}

function collect(texels: readonly FaceTexel[], mark: (t: FaceTexel) => [number, number]): AgedField {
  const index: number[] = [];
  const value: number[] = [];
  const onset: number[] = [];
  for (const t of texels) {
    const [v, o] = mark(t);
    if (v <= 1e-3) continue;
    index.push(t.k);
    value.push(Math.min(1, v));
    onset.push(o);
  }
  return { index: Uint32Array.from(index), value: Float32Array.from(value), onset: Float32Array.from(onset) };
}

export function buildAgeMarks(features: FaceFeatures, texels: readonly FaceTexel[]): AgeMarks {
  const lines = wrinkleLines(features);
  const boxes = lines.map((l) => {
    const xs = l.points.map((p) => p[0]);
    const ys = l.points.map((p) => p[1]);
    const m = 4 * l.sigma;
    return [Math.min(...xs) - m, Math.max(...xs) + m, Math.min(...ys) - m, Math.max(...ys) + m];
  });
  const wrinkles = collect(texels, (t) => {
    if (t.z < 40 || t.nz < 0.1) return [0, 0];
    let best = 0;
    let onset = 0;
    lines.forEach((line, i) => {
      const [x0 = 0, x1 = 0, y0 = 0, y1 = 0] = boxes[i] ?? [];
      if (t.x < x0 || t.x > x1 || t.y < y0 || t.y > y1) return;
      const v = line.strength * gaussian(polylineDistance(line.points, t.x, t.y)[0], line.sigma);
      if (v > best) {
        best = v;
        onset = line.onset;
      }
    });
    return [best, onset];
  });

  // Spots: fixed positions drawn once from their own stream, each with its onset and size.
  const rng = createRng('ict-appearance', 'age-spots');
  const spots: { x: number; y: number; r: number; strength: number; onset: number }[] = [];
  const browTop = Math.max(...features.brows.flat().map((p) => p[1]));
  while (spots.length < 70) {
    const x = -70 + 140 * rng.next();
    const y = -25 + 140 * rng.next();
    const forehead = Math.abs(x) < 55 && y > browTop + 5 && y < browTop + 50;
    const cheek = Math.abs(x) > 22 && Math.abs(x) < 65 && y > -20 && y < 20;
    const temple = Math.abs(x) > 50 && Math.abs(x) < 68 && y > 30 && y < 75;
    if (!forehead && !cheek && !temple) continue;
    spots.push({ x, y, r: 0.8 + 1.6 * rng.next(), strength: 0.35 + 0.4 * rng.next(), onset: 42 + 38 * rng.next() });
  }
  const spotField = collect(texels, (t) => {
    if (t.nz < 0.2) return [0, 0];
    for (const s of spots) {
      const d = Math.hypot(t.x - s.x, t.y - s.y);
      if (d < 2 * s.r) return [s.strength * gaussian(d, s.r * 0.7), s.onset];
    }
    return [0, 0];
  });
  return { wrinkles, spots: spotField };
}
