/**
 * The iris texture, for ICT's inner eyeball groups ("irisLeft"/"irisRight", which share one uv
 * layout; see uv_irises.png in ICT-FaceKit). Their uvs put the iris in a ring centred at (0.5, 0.5):
 * the pupil hole's edge at uv radius 0.09 (about 1.3 mm on the mesh), the iris flat out to about
 * 0.39 (6 mm, where the mesh starts to curve back: the limbus), then sclera to 0.5. The rest of
 * the eyeball sits in small islands elsewhere; those texels are classed by their 3D point:
 * sclera on the front half, dark at the back (seen through the pupil hole when the inner side is
 * drawn). Drawn: a dark pupil (2 mm), radial fibres, a collarette with a warmer pupillary zone,
 * crypts, a dark limbal ring, off-white sclera with faint veins. Sizes follow typical adult eye
 * anatomy; patterns are fixed, colour comes from the identity (pigments.ts).
 */
import { createRng } from '../../../lib/random';
import type { IctModelData } from '../ictAsset';
import type { Rgb } from './skinColour';
import { srgbByteToLinear, toSrgbByte } from './skinColour';
import { gaussian, smoothstep } from './sparseField';
import { buildSurfaceMap, padChart, type SurfaceMap } from './surfaceMap';

export const IRIS_TEXTURE_SIZE = 256;
const PUPIL_EDGE_UV = 0.09;
const LIMBUS_UV = 0.39;
/** Painted pupil radius as a fraction of the iris (pupil edge of the mesh to the limbus): ~2 mm. */
const PUPIL = 0.23;
const FIBRE_TABLE = 2048;
const SCLERA = [236, 229, 221].map(srgbByteToLinear) as Rgb;
const VEIN = [150, 40, 36].map(srgbByteToLinear) as Rgb;
const DARK: Rgb = [0.006, 0.005, 0.005];

export interface IrisModel {
  map: SurfaceMap;
  /** Per texel: radius in the iris ring (0 at the pupil hole's edge, 1 at the limbus), 2 off the ring. */
  ring: Float32Array;
  /**
   * The pattern is fixed and the colour enters linearly, so each texel's linear colour is
   * iris x weight + constant (per channel, 3 values per texel each): painting is one multiply-add.
   */
  weight: Float32Array;
  constant: Float32Array;
}

/** Pupillary zone relative to the iris colour: warmer and darker (central heterochromia is common in light eyes). */
const INNER_ZONE: Rgb = [0.85, 0.62, 0.42];

function eyeFrame(map: SurfaceMap): { centre: [number, number, number]; axis: [number, number, number] } {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  const front = [0, 0, 0];
  let count = 0;
  for (const k of map.covered) {
    const u = ((k % map.size) + 0.5) / map.size;
    const v = (Math.floor(k / map.size) + 0.5) / map.size;
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a] ?? 0, map.position[3 * k + a] ?? 0);
      hi[a] = Math.max(hi[a] ?? 0, map.position[3 * k + a] ?? 0);
    }
    if (Math.hypot(u - 0.5, v - 0.5) < LIMBUS_UV) {
      for (let a = 0; a < 3; a++) front[a] = (front[a] ?? 0) + (map.position[3 * k + a] ?? 0);
      count++;
    }
  }
  const centre = [0, 1, 2].map((a) => ((lo[a] ?? 0) + (hi[a] ?? 0)) / 2) as [number, number, number];
  const d = [0, 1, 2].map((a) => (front[a] ?? 0) / Math.max(1, count) - (centre[a] ?? 0));
  const len = Math.hypot(...d) || 1;
  return { centre, axis: d.map((x) => x / len) as [number, number, number] };
}

export function buildIrisModel(data: IctModelData): IrisModel {
  const map = buildSurfaceMap(data, ['irisLeft'], IRIS_TEXTURE_SIZE, (u, v) => [u, v], 6);
  const { centre, axis } = eyeFrame(map);
  const n = map.size * map.size;
  const ring = new Float32Array(n).fill(-1);
  const angle = new Float32Array(n);
  const height = new Float32Array(n);
  // A side vector for the angle around the axis (any perpendicular will do).
  const side = [axis[2], 0, -axis[0]].map((x) => x / (Math.hypot(axis[2], axis[0]) || 1));
  const up = [
    axis[1] * (side[2] ?? 0) - axis[2] * (side[1] ?? 0),
    axis[2] * (side[0] ?? 0) - axis[0] * (side[2] ?? 0),
    axis[0] * (side[1] ?? 0) - axis[1] * (side[0] ?? 0),
  ];
  for (const k of map.covered) {
    const u = ((k % map.size) + 0.5) / map.size - 0.5;
    const v = (Math.floor(k / map.size) + 0.5) / map.size - 0.5;
    const rho = Math.hypot(u, v);
    if (rho <= 0.5) {
      ring[k] = (rho - PUPIL_EDGE_UV) / (LIMBUS_UV - PUPIL_EDGE_UV);
      angle[k] = Math.atan2(v, u);
      continue;
    }
    const p = [0, 1, 2].map((a) => (map.position[3 * k + a] ?? 0) - (centre[a] ?? 0));
    const dot = (w: readonly number[]): number =>
      (p[0] ?? 0) * (w[0] ?? 0) + (p[1] ?? 0) * (w[1] ?? 0) + (p[2] ?? 0) * (w[2] ?? 0);
    ring[k] = 2;
    height[k] = dot(axis);
    angle[k] = Math.atan2(dot(up), dot(side));
  }
  // Fibres: two angular tables of many random cosines, sheared in opposite directions with radius.
  const rng = createRng('ict-appearance', 'iris');
  const table = (): Float32Array => {
    const waves = Array.from({ length: 40 }, () => [
      20 + Math.floor(140 * rng.next()),
      2 * Math.PI * rng.next(),
      0.3 + rng.next(),
    ]);
    const t = new Float32Array(FIBRE_TABLE);
    for (let i = 0; i < FIBRE_TABLE; i++) {
      const th = (2 * Math.PI * i) / FIBRE_TABLE;
      t[i] = waves.reduce((s, [f = 0, ph = 0, a = 0]) => s + a * Math.cos(f * th + ph), 0) / 5;
    }
    return t;
  };
  const t1 = table();
  const t2 = table();
  const crypts = Array.from({ length: 14 }, () => [
    2 * Math.PI * rng.next(),
    0.35 + 0.5 * rng.next(),
    0.05 + 0.06 * rng.next(),
  ]);
  const veins = Array.from({ length: 18 }, () => [
    2 * Math.PI * rng.next(),
    2 + 4 * rng.next(),
    2 * Math.PI * rng.next(),
    0.5 + 0.5 * rng.next(),
  ]);
  const fibres = new Float32Array(n);
  const cryptField = new Float32Array(n);
  const veinField = new Float32Array(n);
  const lookup = (t: Float32Array, th: number): number =>
    t[((Math.round((th / (2 * Math.PI)) * FIBRE_TABLE) % FIBRE_TABLE) + FIBRE_TABLE) % FIBRE_TABLE] ?? 0;
  for (const k of map.covered) {
    const r = ring[k] ?? 0;
    const th = angle[k] ?? 0;
    if (r <= 1.3) {
      fibres[k] = lookup(t1, th + 0.35 * r) + 0.6 * lookup(t2, th - 0.25 * r);
      cryptField[k] = Math.max(
        0,
        ...crypts.map(([a = 0, rr = 0, s = 0]) => gaussian(Math.hypot(Math.sin((th - a) / 2) * 2 * rr, r - rr), s)),
      );
    }
    // Veins: faint wavy lines from the periphery towards the limbus, on the sclera only.
    const periphery = r > 1.3 ? (r <= 1.6 ? (r - 1) / 0.6 : smoothstep(12, 0, height[k] ?? 0)) : 0;
    if (periphery > 0) {
      const a = r <= 1.6 ? th : (angle[k] ?? 0);
      veinField[k] =
        periphery *
        Math.max(
          0,
          ...veins.map(
            ([a0 = 0, f = 0, ph = 0, s = 0]) =>
              s * gaussian(Math.sin((a - a0 - 0.12 * Math.sin(f * periphery * 3 + ph)) / 2) * 2, 0.012),
          ),
        );
    }
  }
  const weight = new Float32Array(3 * n);
  const constant = new Float32Array(3 * n);
  for (const k of map.covered) {
    const r = ring[k] ?? 0;
    const vein = 0.3 * (veinField[k] ?? 0);
    for (let c = 0; c < 3; c++) {
      let w = 0;
      let colour: number;
      if (r <= 1.5) {
        const zone = smoothstep(0.45, 0.3, r);
        const shade =
          (1 + 0.45 * (fibres[k] ?? 0)) *
          (1 - 0.55 * (cryptField[k] ?? 0)) *
          (1 - 0.7 * smoothstep(0.8, 1.0, r)) *
          (1 - 0.4 * gaussian(r - PUPIL - 0.04, 0.03));
        const limbus = smoothstep(0.97, 1.07, r);
        const pupil = smoothstep(PUPIL + 0.02, PUPIL - 0.02, r);
        w = (1 + ((INNER_ZONE[c] ?? 1) - 1) * zone) * shade * (1 - limbus) * (1 - pupil);
        // A soft shadow on the sclera just outside the limbus.
        const sclera = (SCLERA[c] ?? 0) * (1 - 0.35 * gaussian(r - 1.05, 0.06));
        colour = sclera * limbus * (1 - pupil) + (DARK[c] ?? 0) * pupil;
      } else {
        const h = height[k] ?? 0;
        const sclera = (SCLERA[c] ?? 0) * (0.97 - 0.08 * smoothstep(0, -6, h));
        colour = sclera + ((DARK[c] ?? 0) - sclera) * smoothstep(-6, -10, h);
      }
      weight[3 * k + c] = w * (1 - vein);
      constant[3 * k + c] = colour * (1 - vein) + (VEIN[c] ?? 0) * vein;
    }
  }
  return { map, ring, weight, constant };
}

/** The identity's iris texture: pattern fixed, colour from `iris` (linear RGB). */
export function paintIris(model: IrisModel, iris: Rgb): Uint8ClampedArray {
  const { map, weight, constant } = model;
  const out = new Uint8ClampedArray(4 * map.size * map.size);
  for (const k of map.covered) {
    for (let c = 0; c < 3; c++)
      out[4 * k + c] = toSrgbByte((iris[c] ?? 0) * (weight[3 * k + c] ?? 0) + (constant[3 * k + c] ?? 0));
    out[4 * k + 3] = 255;
  }
  padChart(map, out);
  return out;
}
