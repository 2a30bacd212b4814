import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FaceIdentity, FaceTextures } from '../../gmf/face/faceModel';
import { decodeIctAsset, type IctModelData } from '../ictAsset';
import { buildIctAppearanceParts, type IctAppearanceParts, paintIctTextures } from './appearanceParts';
import { buildIctAppearance, type IctAppearance } from './ictAppearance';
import { HAIR_TEXTURE_SIZE } from './hairTexture';
import { IRIS_TEXTURE_SIZE } from './irisTexture';
import { IctAppearanceError } from './skinAtlas';
import { linearRgbToLab, type Rgb, srgbByteToLinear, typologyAngle } from './skinColour';
import type { SparseField } from './sparseField';

let data: IctModelData;
let parts: IctAppearanceParts;
let appearance: IctAppearance;
beforeAll(() => {
  data = decodeIctAsset(new Uint8Array(readFileSync(new URL('../ictFaceKit.bin', import.meta.url))));
  parts = buildIctAppearanceParts(data);
  appearance = buildIctAppearance(data);
}, 120_000);

const zeroTex = (): Float32Array[] => Array.from({ length: 5 }, () => new Float32Array(100));
function identity(overrides: Partial<FaceIdentity> = {}): FaceIdentity {
  return { gender: 'F', ethn: 'WC', age: 30, shape: [], tex: zeroTex(), ...overrides };
}
function withCoefficient(band: number, j: number, value: number, base = identity()): FaceIdentity {
  const tex = base.tex.map((b) => Float32Array.from(b));
  (tex[band] as Float32Array)[j] = value;
  return { ...base, tex };
}
const paint = (id: FaceIdentity): FaceTextures => paintIctTextures(parts, id);

const linear = (rgba: Uint8ClampedArray, k: number): Rgb => [
  srgbByteToLinear(rgba[4 * k] ?? 0),
  srgbByteToLinear(rgba[4 * k + 1] ?? 0),
  srgbByteToLinear(rgba[4 * k + 2] ?? 0),
];
/** Mean linear colour over texels. */
function meanColour(rgba: Uint8ClampedArray, texels: readonly number[]): Rgb {
  const sum: Rgb = [0, 0, 0];
  for (const k of texels) {
    const [r, g, b] = linear(rgba, k);
    sum[0] += r;
    sum[1] += g;
    sum[2] += b;
  }
  return sum.map((v) => v / Math.max(1, texels.length)) as Rgb;
}
const luminance = ([r, g, b]: Rgb): number => 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
const where = (field: SparseField, min: number): number[] =>
  Array.from(field.index).filter((_, i) => (field.value[i] ?? 0) >= min);
/** Face texels of plain skin on the forehead and cheeks (no region drawn there). */
function plainSkin(): number[] {
  const { regions, brows, age } = parts.skin;
  const marked = new Set<number>();
  const fields: SparseField[] = [
    regions.lips,
    regions.lipRoll,
    regions.lidMargin,
    regions.lashLine,
    regions.crease,
    regions.lidShade,
    regions.cheeks,
    regions.nose,
    regions.nostrils,
    regions.ears,
    regions.beard,
    brows.F,
    brows.M,
    age.wrinkles,
    age.spots,
  ];
  for (const f of fields) for (const k of f.index) marked.add(k);
  return parts.faceTexels
    .filter((t) => Math.abs(t.x) < 55 && t.y > -15 && t.y < 95 && t.nz > 0.5 && !marked.has(t.k))
    .map((t) => t.k);
}

describe('ICT appearance: API and sizes', () => {
  it('returns a 512 skin atlas, a 256 iris and a 512 hair texture, RGBA', () => {
    const tex = appearance.textures(identity());
    expect(appearance.textureSize).toBe(512);
    expect(tex.skin.size).toBe(512);
    expect(tex.skin.rgba.length).toBe(4 * 512 * 512);
    expect(tex.iris?.size).toBe(IRIS_TEXTURE_SIZE);
    expect(tex.iris?.rgba.length).toBe(4 * IRIS_TEXTURE_SIZE ** 2);
    expect(tex.hair?.rgba.length).toBe(4 * HAIR_TEXTURE_SIZE ** 2);
  });

  it('has 5 bands of 100 positive sds that decay within each colour direction and across bands', () => {
    const sd = appearance.textureSd;
    expect(sd).toHaveLength(5);
    for (const band of sd) {
      expect(band).toHaveLength(100);
      for (const v of band) expect(v).toBeGreaterThan(0);
    }
    for (let b = 0; b < 5; b++) {
      const first = b === 0 ? 3 : 0;
      for (let j = first; j + 3 < 100; j++) expect(sd[b]?.[j + 3]).toBeLessThan(sd[b]?.[j] ?? 0);
      if (b > 0) expect(sd[b]?.[0]).toBeLessThan(sd[b - 1]?.[b === 1 ? 3 : 0] ?? 0);
    }
  });

  it('is deterministic: the same identity gives the same bytes, also from a second build', () => {
    const id = identity({
      gender: 'M',
      ethn: 'BA',
      age: 52,
      tex: zeroTex().map((b, i) => b.map((_, j) => Math.sin(7 * i + j))),
    });
    const a = appearance.textures(id);
    const b = paint(id);
    expect(Buffer.from(a.skin.rgba).equals(Buffer.from(b.skin.rgba))).toBe(true);
    expect(Buffer.from(a.iris?.rgba ?? []).equals(Buffer.from(b.iris?.rgba ?? [0]))).toBe(true);
    expect(Buffer.from(a.hair?.rgba ?? []).equals(Buffer.from(b.hair?.rgba ?? [0]))).toBe(true);
  });

  it('rejects identities it cannot paint with a typed error', () => {
    expect(() => appearance.textures({ ...identity(), tex: zeroTex().slice(0, 4) })).toThrow(IctAppearanceError);
    expect(() => appearance.textures({ ...identity(), age: Number.NaN })).toThrow(/age/);
  });
});

describe('ICT appearance: skin regions', () => {
  it('paints the lips redder than the cheeks', () => {
    const { regions } = parts.skin;
    const inner = new Set(where(regions.lipInner, 0.3));
    for (const ethn of ['WC', 'EA', 'BA'] as const) {
      const tex = paint(identity({ ethn })).skin.rgba;
      const lips = linearRgbToLab(
        meanColour(
          tex,
          where(regions.lips, 0.95).filter((k) => !inner.has(k)),
        ),
      );
      const cheeks = linearRgbToLab(meanColour(tex, where(regions.cheeks, 0.6)));
      expect(lips[1] - cheeks[1]).toBeGreaterThan(5);
    }
  });

  it('orders mean skin lightness WC > EA > BA, with identities spanning very dark to very light', () => {
    const plain = plainSkin();
    const lab = (ethn: FaceIdentity['ethn'], melanin: number) =>
      linearRgbToLab(meanColour(paint(withCoefficient(0, 0, melanin, identity({ ethn }))).skin.rgba, plain));
    const [wc, ea, ba] = (['WC', 'EA', 'BA'] as const).map((e) => lab(e, 0));
    expect(wc?.[0]).toBeGreaterThan(ea?.[0] ?? 0);
    expect(ea?.[0]).toBeGreaterThan((ba?.[0] ?? 0) + 10);
    // Individuals overlap: a darker-than-average WC face is darker than a lighter-than-average EA one.
    expect(lab('WC', -1.5)[0]).toBeLessThan(lab('EA', 1.5)[0]);
    // Two sds either side reach Chardon's "dark" (ITA < -30) and "very light" (ITA > 55) classes.
    expect(typologyAngle(lab('BA', -2))).toBeLessThan(-30);
    expect(typologyAngle(lab('WC', 2))).toBeGreaterThan(55);
  });

  it('gives men a darker beard area than women with the same coefficients', () => {
    const beard = where(parts.skin.regions.beard, 0.6);
    const beardArea = new Set(parts.skin.regions.beard.index);
    const plain = plainSkin().filter((k) => !beardArea.has(k));
    for (const ethn of ['WC', 'BA'] as const) {
      const m = paint(identity({ gender: 'M', ethn })).skin.rgba;
      const f = paint(identity({ gender: 'F', ethn })).skin.rgba;
      const beardRatio = luminance(meanColour(m, beard)) / luminance(meanColour(f, beard));
      const plainRatio = luminance(meanColour(m, plain)) / luminance(meanColour(f, plain));
      expect(beardRatio).toBeLessThan(plainRatio - 0.1);
    }
  });

  it('adds darker lines in the wrinkle regions with age', () => {
    const wrinkles = Array.from(parts.skin.age.wrinkles.index).filter(
      (_, i) => (parts.skin.age.wrinkles.value[i] ?? 0) > 0.6 && (parts.skin.age.wrinkles.onset[i] ?? 99) < 40,
    );
    const plain = plainSkin();
    const young = paint(identity({ ethn: 'EA', age: 25 })).skin.rgba;
    const old = paint(identity({ ethn: 'EA', age: 75 })).skin.rgba;
    const lineRatio = luminance(meanColour(old, wrinkles)) / luminance(meanColour(young, wrinkles));
    const plainRatio = luminance(meanColour(old, plain)) / luminance(meanColour(young, plain));
    expect(wrinkles.length).toBeGreaterThan(500);
    expect(lineRatio).toBeLessThan(plainRatio - 0.15);
  });

  it('draws brows darker than the forehead, and men’s brows cover more skin', () => {
    const tex = paint(identity({ ethn: 'WC' })).skin.rgba;
    const brows = where(parts.skin.brows.F, 0.4);
    expect(luminance(meanColour(tex, brows))).toBeLessThan(0.7 * luminance(meanColour(tex, plainSkin())));
    const total = (f: SparseField): number => f.value.reduce((s, v) => s + v, 0);
    expect(total(parts.skin.brows.M)).toBeGreaterThan(1.3 * total(parts.skin.brows.F));
  });
});

describe('ICT appearance: iris and hair', () => {
  const ring = (min: number, max: number): number[] =>
    Array.from(parts.iris.map.covered).filter(
      (k) => (parts.iris.ring[k] ?? 9) >= min && (parts.iris.ring[k] ?? 9) < max,
    );

  it('colours irises per identity (brown to blue for WC) and keeps the pupil darkest', () => {
    const brown = paint(withCoefficient(4, 1, -2)).iris?.rgba ?? new Uint8ClampedArray();
    const blue = paint(withCoefficient(4, 1, 2)).iris?.rgba ?? new Uint8ClampedArray();
    const irisTexels = ring(0.4, 0.85);
    const [br, , bb] = meanColour(brown, irisTexels);
    const [lr, , lb] = meanColour(blue, irisTexels);
    expect(br).toBeGreaterThan(bb);
    expect(lb).toBeGreaterThan(lr);
    const pupil = luminance(meanColour(blue, ring(0, 0.15)));
    expect(pupil).toBeLessThan(0.3 * luminance(meanColour(blue, irisTexels)));
    expect(pupil).toBeLessThan(0.1 * luminance(meanColour(blue, ring(1.15, 1.35))));
  });

  it('gives EA and BA identities dark brown eyes whatever their coefficient', () => {
    for (const ethn of ['EA', 'BA'] as const) {
      const [r, g, b] = meanColour(
        paint(withCoefficient(4, 1, 2.5, identity({ ethn }))).iris?.rgba ?? new Uint8ClampedArray(),
        ring(0.4, 0.85),
      );
      expect(r).toBeGreaterThan(b);
      expect(luminance([r, g, b])).toBeLessThan(0.12);
    }
  });

  it('makes hair sparse at the hairline and dense towards the crown', () => {
    const hair = paint(identity()).hair?.rgba ?? new Uint8ClampedArray();
    const rowAlpha = (v: number): number => {
      const y = Math.floor(v * HAIR_TEXTURE_SIZE);
      let sum = 0;
      for (let x = 0; x < HAIR_TEXTURE_SIZE; x++) sum += hair[4 * (y * HAIR_TEXTURE_SIZE + x) + 3] ?? 0;
      return sum / HAIR_TEXTURE_SIZE / 255;
    };
    expect(rowAlpha(0.01)).toBeLessThan(0.2);
    expect(rowAlpha(0.05)).toBeGreaterThan(rowAlpha(0.01));
    expect(rowAlpha(0.5)).toBe(1);
  });
});
