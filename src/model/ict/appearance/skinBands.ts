/**
 * The 5-band texture space of the procedural model (gmf/texture/textureBands.ts) carried onto the
 * scan-based head. Components are the same band-limited cosine products, laid over the head's
 * surface instead of a uv layout: each skin texel gets surface coordinates (s, t) in mm, s the
 * arc length around a vertical axis (through x = 0, z = 0) and t the height y, so a component
 * runs on without a seam from the face tile onto the neck and head tile. Frequencies: band b has
 * 2^b..2^(b+1) cycles per 256 mm (wavelengths 128..256 mm for band 0, 8..16 mm for band 4).
 * Bands 0 and 1 cover the whole head and neck: they are the procedural model's bands 2 and 3
 * over a 1024 mm square (same frequencies in mm), so their broad offsets have no edge. Bands 2-4
 * (local detail) use a 256 mm square centred on the face whose outer 10% fades them out, and
 * fade on surfaces facing down (under the jaw), where t barely changes and they would streak.
 *
 * Band 0 starts with three spatially constant components, the skin tone's individual part along
 * the chromophore directions (melanin, haemoglobin, carotene; skinColour.ts); its cosine
 * components follow. Every component adds coefficient x sd x phi(s, t) x direction to the log
 * reflectance, so a texel's log colour is exactly linear in every coefficient.
 */
import {
  bilinearTaps,
  buildTextureBand,
  evaluateBand,
  TEXTURE_BAND_COUNT,
  type Taps,
  type TextureBand,
} from '../../gmf/texture/textureBands';
import { smoothstep } from './sparseField';
import type { SurfaceMap } from './surfaceMap';

/** Side (mm) of the local bands' square; the head-wide bands use 4x this. */
export const BAND_DOMAIN_MM = 256;
/** Centre of the band squares: the face's midline, between chin (-76 mm) and hairline (+124 mm). */
export const BAND_CENTRE_T_MM = -15;
/** Leading components of band 0 that are constant over the head (melanin, haemoglobin, carotene). */
export const GLOBAL_TONE_COMPONENTS = 3;
/** Bands below this index cover the whole head (see above). */
export const HEAD_WIDE_BANDS = 2;
const WIDE = 4;
const FADE = 0.1;

/**
 * SDs in log reflectance, hand designed so that the leading components show at 112 px (the face
 * is ~45 px wide there). Global tone: melanin 0.13 (~3.5 L* units in light skin, more with the
 * ethnic gain), haemoglobin 0.05 and carotene 0.06 (~2 a* / b* units). Cosines: per band scale,
 * times 1, 0.4, 0.35 for the melanin, haemoglobin and carotene directions, / (1 + j/10) within the band.
 */
const GLOBAL_SD = [0.13, 0.05, 0.06];
const BAND_SCALE = [0.05, 0.03, 0.02, 0.018, 0.015];
const COLOUR_WEIGHT = [1, 0.4, 0.35];

/** Where each texel samples a grid: cell (bilinear, cell-centred), weights and fade. */
interface GridSampler {
  texel: Uint32Array;
  cell: Uint32Array;
  wx: Float32Array;
  wy: Float32Array;
  weight: Float32Array;
}

/**
 * Bands that share a square are summed on the finest grid among them (coarser ones upsampled
 * bilinearly), then sampled once per texel: the head-wide bands 0-1, the local bands 2-4.
 */
interface BandGroup {
  members: number[];
  grid: number;
  /** Per member, taps from its grid up to the group's (undefined for the finest). */
  taps: (Taps | undefined)[];
  sampler: GridSampler;
}

export interface SkinBands {
  components: number;
  /** Per band, the sd of each component (the sampler stores raw x sd). */
  sd: Float32Array[];
  /** Cosine part of each band (band 0 without its global components), on its own grid. */
  bands: TextureBand[];
  groups: BandGroup[];
  scratch: { grid: Float64Array; sum: Float64Array; coef: Float64Array };
}

/**
 * Surface coordinates (mm) of a neutral-mesh point: arc length around the vertical axis at the
 * point's own distance from it (so the narrower neck is not squeezed), and height.
 */
export function surfaceCoordinates(x: number, y: number, z: number): [number, number] {
  return [Math.hypot(x, z) * Math.atan2(x, z), y];
}

/** Position of (s, t) in band `band`'s unit square. */
export function bandUnitCoordinates(band: number, s: number, t: number): [number, number] {
  const side = band < HEAD_WIDE_BANDS ? WIDE * BAND_DOMAIN_MM : BAND_DOMAIN_MM;
  return [s / side + 0.5, (t - BAND_CENTRE_T_MM) / side + 0.5];
}

/** The gmf band whose components, over this band's square, have this band's frequencies in mm. */
export function sourceBand(band: number): number {
  return band < HEAD_WIDE_BANDS ? band + Math.log2(WIDE) : band;
}

/** The fade-out at the square's edges, 1 inside, 0 outside. */
export function bandFade(p: number, q: number): number {
  return smoothstep(0, FADE, p) * smoothstep(0, FADE, 1 - p) * smoothstep(0, FADE, q) * smoothstep(0, FADE, 1 - q);
}

export function componentSds(components: number): Float32Array[] {
  return Array.from({ length: TEXTURE_BAND_COUNT }, (_, b) => {
    const sd = new Float32Array(components);
    for (let j = 0; j < components; j++) {
      if (b === 0 && j < GLOBAL_TONE_COMPONENTS) {
        sd[j] = GLOBAL_SD[j] ?? 0;
        continue;
      }
      const k = b === 0 ? j - GLOBAL_TONE_COMPONENTS : j;
      sd[j] = ((BAND_SCALE[b] ?? 0) * (COLOUR_WEIGHT[k % 3] ?? 0)) / (1 + k / 10);
    }
    return sd;
  });
}

export function buildSkinBands(map: SurfaceMap, components: number, skinTexel: (k: number) => boolean): SkinBands {
  // A texture size above every band's needs: each band keeps 8 samples per cycle on its own grid.
  const bands = Array.from({ length: TEXTURE_BAND_COUNT }, (_, b) =>
    buildTextureBand(sourceBand(b), b === 0 ? components - GLOBAL_TONE_COMPONENTS : components, 4096),
  );
  const coords: [number, number, number][] = [];
  for (const k of map.covered) {
    if (!skinTexel(k)) continue;
    const p = map.position;
    const [s, t] = surfaceCoordinates(p[3 * k] ?? 0, p[3 * k + 1] ?? 0, p[3 * k + 2] ?? 0);
    coords.push([k, s, t]);
  }
  const memberSets = [
    [0, 1],
    [2, 3, 4],
  ];
  const groups = memberSets.map((members): BandGroup => {
    const grid = Math.max(...members.map((b) => bands[b]?.grid ?? 0));
    const first = members[0] ?? 0;
    const out = {
      texel: [] as number[],
      cell: [] as number[],
      wx: [] as number[],
      wy: [] as number[],
      weight: [] as number[],
    };
    for (const [k, s, t] of coords) {
      const [p, q] = bandUnitCoordinates(first, s, t);
      const facingDown = 1 - smoothstep(0.45, 0.8, -(map.normal[3 * k + 1] ?? 0));
      const w = first < HEAD_WIDE_BANDS ? 1 : bandFade(p, q) * facingDown;
      if (w <= 0) continue;
      const gx = Math.min(grid - 1.000001, Math.max(0, p * grid - 0.5));
      const gy = Math.min(grid - 1.000001, Math.max(0, q * grid - 0.5));
      out.texel.push(k);
      out.cell.push(Math.floor(gy) * grid + Math.floor(gx));
      out.wx.push(gx - Math.floor(gx));
      out.wy.push(gy - Math.floor(gy));
      out.weight.push(w);
    }
    return {
      members,
      grid,
      taps: members.map((b) => {
        const g = bands[b]?.grid ?? grid;
        return g === grid ? undefined : bilinearTaps(g, grid);
      }),
      sampler: {
        texel: Uint32Array.from(out.texel),
        cell: Uint32Array.from(out.cell),
        wx: Float32Array.from(out.wx),
        wy: Float32Array.from(out.wy),
        weight: Float32Array.from(out.weight),
      },
    };
  });
  const maxGrid = Math.max(...bands.map((b) => b.grid));
  return {
    components,
    sd: componentSds(components),
    bands,
    groups,
    scratch: {
      grid: new Float64Array(3 * maxGrid * maxGrid),
      sum: new Float64Array(3 * maxGrid * maxGrid),
      coef: new Float64Array(components),
    },
  };
}

/** sum (3 fields, g x g) += field (3 fields, from x from) upsampled through `taps` (or copied). */
function upsampleAdd(field: Float64Array, from: number, taps: Taps | undefined, sum: Float64Array, g: number): void {
  for (let d = 0; d < 3; d++) {
    const src = d * from * from;
    const dst = d * g * g;
    if (!taps) {
      for (let k = 0; k < g * g; k++) sum[dst + k] = (sum[dst + k] ?? 0) + (field[src + k] ?? 0);
      continue;
    }
    const { i0, i1, w } = taps;
    for (let y = 0; y < g; y++) {
      const r0 = src + (i0[y] ?? 0) * from;
      const r1 = src + (i1[y] ?? 0) * from;
      const fy = w[y] ?? 0;
      const row = dst + y * g;
      for (let x = 0; x < g; x++) {
        const a = i0[x] ?? 0;
        const c = i1[x] ?? 0;
        const fx = w[x] ?? 0;
        const top = (field[r0 + a] ?? 0) + ((field[r0 + c] ?? 0) - (field[r0 + a] ?? 0)) * fx;
        const bottom = (field[r1 + a] ?? 0) + ((field[r1 + c] ?? 0) - (field[r1 + a] ?? 0)) * fx;
        sum[row + x] = (sum[row + x] ?? 0) + top + (bottom - top) * fy;
      }
    }
  }
}

/**
 * Adds the cosine components (coefficient x sd x gain[band]) to three per-texel fields (melanin,
 * haemoglobin, carotene; atlas-sized). The global tone components are not included here.
 */
export function addBandFields(
  bands: SkinBands,
  tex: readonly ArrayLike<number>[],
  gain: readonly number[],
  fields: readonly [Float32Array, Float32Array, Float32Array],
): void {
  const { grid, sum, coef } = bands.scratch;
  for (const group of bands.groups) {
    const g = group.grid;
    let any = false;
    for (const [m, b] of group.members.entries()) {
      const band = bands.bands[b];
      if (!band) continue;
      const raw = tex[b];
      const offset = b === 0 ? GLOBAL_TONE_COMPONENTS : 0;
      const sd = bands.sd[b];
      const c = coef.subarray(0, band.fx.length);
      let used = false;
      for (let j = 0; j < c.length; j++) {
        c[j] = (raw?.[j + offset] ?? 0) * (sd?.[j + offset] ?? 0) * (gain[b] ?? 1);
        used ||= c[j] !== 0;
      }
      if (!used) continue;
      if (!any) sum.fill(0, 0, 3 * g * g);
      any = true;
      evaluateBand(band, c, grid);
      upsampleAdd(grid, band.grid, group.taps[m], sum, g);
    }
    if (!any) continue;
    const { texel, cell, wx, wy, weight } = group.sampler;
    const [f0, f1, f2] = fields;
    const g2 = g * g;
    // The three fields per texel at once: one read of its cell and weights.
    for (let i = 0; i < texel.length; i++) {
      const k = texel[i] ?? 0;
      const fx = wx[i] ?? 0;
      const fy = wy[i] ?? 0;
      const w = weight[i] ?? 0;
      let c0 = cell[i] ?? 0;
      let top = (sum[c0] ?? 0) + ((sum[c0 + 1] ?? 0) - (sum[c0] ?? 0)) * fx;
      let bottom = (sum[c0 + g] ?? 0) + ((sum[c0 + g + 1] ?? 0) - (sum[c0 + g] ?? 0)) * fx;
      f0[k] = (f0[k] ?? 0) + w * (top + (bottom - top) * fy);
      c0 += g2;
      top = (sum[c0] ?? 0) + ((sum[c0 + 1] ?? 0) - (sum[c0] ?? 0)) * fx;
      bottom = (sum[c0 + g] ?? 0) + ((sum[c0 + g + 1] ?? 0) - (sum[c0 + g] ?? 0)) * fx;
      f1[k] = (f1[k] ?? 0) + w * (top + (bottom - top) * fy);
      c0 += g2;
      top = (sum[c0] ?? 0) + ((sum[c0 + 1] ?? 0) - (sum[c0] ?? 0)) * fx;
      bottom = (sum[c0 + g] ?? 0) + ((sum[c0 + g + 1] ?? 0) - (sum[c0 + g] ?? 0)) * fx;
      f2[k] = (f2[k] ?? 0) + w * (top + (bottom - top) * fy);
    }
  }
}
