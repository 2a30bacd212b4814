/**
 * Eyebrows drawn as hairs: many short strokes inside a band under the brow landmarks (which sit
 * on the brow's upper edge in ICT's markup). Hairs at the brow's head point up, along the body
 * they lie towards the tail, and the upper and lower rows lean towards the middle line, as brow
 * hair grows. Men's brows are thicker (band and hairs). Strokes are fixed (one seeded stream) and
 * drawn once at build time into a 0.25 mm canvas in frontal millimetres; each atlas texel then
 * averages the canvas over its own footprint. Sizes are hand designed.
 */
import { createRng } from '../../../lib/random';
import type { FaceFeatures } from './faceFeatures';
import { smoothCurve } from './faceFeatures';
import type { FaceTexel, SparseField } from './sparseField';
import { sparseField } from './sparseField';

interface BrowStyle {
  /** Band thickness (mm) at the brow's head and at its tail. */
  head: number;
  tail: number;
  hairs: number;
  /** Hair width (mm) and length range (mm). */
  width: number;
  length: [number, number];
  /** Faint fill under the hairs (opacity). */
  fill: number;
}

const STYLES: Record<'F' | 'M', BrowStyle> = {
  F: { head: 7, tail: 2.5, hairs: 650, width: 0.2, length: [3.5, 6], fill: 0.3 },
  M: { head: 12, tail: 6, hairs: 1300, width: 0.3, length: [4.5, 8], fill: 0.5 },
};
const CELL = 0.25;

interface Canvas {
  x0: number;
  y0: number;
  w: number;
  h: number;
  cover: Float32Array;
}

/** Adds a tapering stroke from (x, y) along (dx, dy) (unit) of `length` and `width` at opacity `alpha`. */
function drawStroke(
  c: Canvas,
  x: number,
  y: number,
  dx: number,
  dy: number,
  length: number,
  width: number,
  alpha: number,
): void {
  const steps = Math.ceil(length / (CELL * 0.5));
  for (let i = 0; i <= steps; i++) {
    const s = i / steps;
    const px = (x + dx * length * s - c.x0) / CELL;
    const py = (y + dy * length * s - c.y0) / CELL;
    const half = (0.5 * width * (1 - 0.6 * s)) / CELL;
    const r = Math.ceil(half + 1);
    for (let j = Math.floor(py) - r; j <= Math.floor(py) + r; j++) {
      for (let k = Math.floor(px) - r; k <= Math.floor(px) + r; k++) {
        if (j < 0 || k < 0 || j >= c.h || k >= c.w) continue;
        const d = Math.hypot(k + 0.5 - px, j + 0.5 - py);
        const a = alpha * Math.min(1, Math.max(0, half + 0.5 - d));
        const at = j * c.w + k;
        c.cover[at] = Math.max(c.cover[at] ?? 0, a);
      }
    }
  }
}

function drawBrows(features: FaceFeatures, style: BrowStyle): Canvas {
  const ys = features.brows.flat().map((p) => p[1]);
  const x0 = -75;
  const y0 = Math.min(...ys) - 16;
  const canvas: Canvas = {
    x0,
    y0,
    w: Math.ceil(150 / CELL),
    h: Math.ceil((Math.max(...ys) + 6 - y0) / CELL),
    cover: new Float32Array(0),
  };
  canvas.cover = new Float32Array(canvas.w * canvas.h);
  const rng = createRng('ict-appearance', 'brows');
  for (const brow of features.brows) {
    const curve = smoothCurve(brow, 40);
    const side = Math.sign((curve[curve.length - 1]?.[0] ?? 0) - (curve[0]?.[0] ?? 0));
    const thickness = (a: number): number => style.head + (style.tail - style.head) * a ** 0.8;
    const at = (a: number): [number, number, number, number] => {
      const f = a * (curve.length - 1);
      const i = Math.min(curve.length - 2, Math.floor(f));
      const p = curve[i] ?? [0, 0];
      const q = curve[i + 1] ?? [0, 0];
      const len = Math.hypot(q[0] - p[0], q[1] - p[1]) || 1;
      return [p[0] + (q[0] - p[0]) * (f - i), p[1] + (q[1] - p[1]) * (f - i), (q[0] - p[0]) / len, (q[1] - p[1]) / len];
    };
    for (let i = 0; i < style.hairs; i++) {
      const a = rng.next() ** 0.85;
      const across = rng.next();
      const [cx, cy, tx, ty] = at(a);
      // Root: from 1.5 mm above the landmark line down by the band's thickness (tapered ends).
      const taper = Math.min(1, a / 0.08, (1 - a) / 0.12);
      const rootX = cx;
      const rootY = cy + 1.5 - across * thickness(a) * (0.4 + 0.6 * taper);
      // Direction: upward at the head, along the brow after it; rows lean to the middle line.
      const rise = 0.9 * Math.max(0, 1 - a / 0.12) + 0.25 * (0.5 - across) * -1 + 0.15 * (rng.next() - 0.5);
      const angle = Math.atan2(ty, tx) + side * rise;
      const length = style.length[0] + (style.length[1] - style.length[0]) * rng.next();
      const alpha = 0.7 + 0.3 * rng.next();
      drawStroke(
        canvas,
        rootX,
        rootY,
        Math.cos(angle),
        Math.sin(angle),
        length * (0.6 + 0.4 * taper),
        style.width,
        alpha,
      );
    }
    // Fill: a soft band under the hairs.
    for (let a = 0; a <= 1; a += 0.01) {
      const [cx, cy] = at(a);
      const taper = Math.min(1, a / 0.08, (1 - a) / 0.12);
      for (let d = 0; d < thickness(a) * taper; d += CELL)
        drawStroke(canvas, cx, cy + 1 - d, 1, 0, 1.2, 0.5, style.fill);
    }
  }
  return canvas;
}

/** Mean of the canvas over a texel's footprint (about 0.75 mm at a 512 atlas). */
function sampleCanvas(c: Canvas, x: number, y: number, footprint: number): number {
  const r = Math.max(1, Math.round(footprint / CELL / 2));
  const cx = Math.floor((x - c.x0) / CELL);
  const cy = Math.floor((y - c.y0) / CELL);
  let sum = 0;
  let count = 0;
  for (let j = cy - r; j <= cy + r; j++) {
    for (let k = cx - r; k <= cx + r; k++) {
      count++;
      if (j >= 0 && k >= 0 && j < c.h && k < c.w) sum += c.cover[j * c.w + k] ?? 0;
    }
  }
  return sum / count;
}

export interface BrowCoverage {
  F: SparseField;
  M: SparseField;
}

export function buildBrowCoverage(
  features: FaceFeatures,
  texels: readonly FaceTexel[],
  footprintMm: number,
): BrowCoverage {
  const cover = (style: BrowStyle): SparseField => {
    const canvas = drawBrows(features, style);
    const top = canvas.y0 + canvas.h * CELL;
    return sparseField(texels, (t) => {
      if (t.z < 60 || t.nz < 0.2 || t.y < canvas.y0 || t.y > top || Math.abs(t.x) > 74) return 0;
      return sampleCanvas(canvas, t.x, t.y, footprintMm);
    });
  };
  return { F: cover(STYLES.F), M: cover(STYLES.M) };
}
