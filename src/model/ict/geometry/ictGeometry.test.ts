import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FaceIdentity } from '../../gmf/face/faceModel';
import { decodeIctAsset, type IctModelData } from '../ictAsset';
import { IctGeometryError } from './geometryError';
import { buildIctGeometry, type IctGeometry } from './ictGeometry';
import { firstDifference } from '../../../../test/support/firstDifference';
import { setSimdKernels } from '../../../lib/linalg/simdKernels';
import { cachedByIdentity, IDENTITY_GAIN, identityPositions } from './identityShape';

let data: IctModelData;
let geometry: IctGeometry;
beforeAll(() => {
  data = decodeIctAsset(new Uint8Array(readFileSync(new URL('../ictFaceKit.bin', import.meta.url))));
  geometry = buildIctGeometry(data);
});

const identity = (over: Partial<FaceIdentity> = {}): FaceIdentity => ({
  gender: 'F',
  ethn: 'EA',
  age: 40,
  shape: [],
  tex: [],
  ...over,
});
const NEUTRAL = { emo: 'neutral' } as const;

/** A fixed pseudo-random N(0, 1)-ish vector (sum of uniforms), so tests need no seed plumbing. */
function randomShape(n: number, seed: number): number[] {
  let s = seed;
  const uniform = () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
  return Array.from({ length: n }, () => uniform() + uniform() + uniform() - 1.5);
}

describe('topology', () => {
  it('groups cover the index buffer exactly, in order, and every index names a vertex', () => {
    const { groups, indices, vertexCount, uvs } = geometry.topology;
    let next = 0;
    for (const g of groups) {
      expect(g.start).toBe(next);
      expect(g.count % 3).toBe(0);
      expect(g.count).toBeGreaterThan(0);
      next += g.count;
    }
    expect(next).toBe(indices.length);
    expect(indices.reduce((a, b) => Math.max(a, b), 0)).toBeLessThan(vertexCount);
    expect(uvs.length).toBe(2 * vertexCount);
    expect(geometry.positions(identity(), NEUTRAL).length).toBe(3 * vertexCount);
  });

  it('draws each part as its material and leaves the transparent eye overlays out', () => {
    expect(geometry.topology.groups.map((g) => [g.name, g.material])).toEqual([
      ['skin', 'skin'],
      ['mouthAndEyeSockets', 'mouth'],
      ['gumsTongue', 'gums'],
      ['teeth', 'teeth'],
      ['eyeballs', 'iris'],
      ['corneas', 'cornea'],
      ['eyelashes', 'lashes'],
      ['hair', 'hair'],
      ['shoulders', 'cloth'],
    ]);
    const undrawn = data.render.groups.filter((g) => /lacrimal|eyeBlend|eyeOcclusion/.test(g.name));
    expect(undrawn).toHaveLength(6);
    const { renderToModel } = data.render;
    const ictVertices = renderToModel.length;
    for (const index of geometry.topology.indices) {
      if (index >= ictVertices) continue;
      const m = renderToModel[index] ?? 0;
      expect(undrawn.some((g) => m >= g.vertexStart && m < g.vertexStart + g.vertexCount)).toBe(false);
    }
    // Every ICT triangle of a drawn group is kept.
    const drawnTriangles = data.render.groups
      .filter((g) => !undrawn.includes(g))
      .reduce((n, g) => n + g.triangleCount, 0);
    const ictGroups = geometry.topology.groups.slice(0, 7);
    expect(ictGroups.reduce((n, g) => n + g.count / 3, 0)).toBe(drawnTriangles);
  });

  it('names one render vertex per model vertex of the face and of the face plus head and neck', () => {
    const { faceVertices, headVertices } = geometry.topology;
    const model = (list: Uint32Array) => Array.from(list, (r) => data.render.renderToModel[r] ?? -1);
    expect(new Set(model(faceVertices))).toEqual(new Set(Array.from({ length: 9409 }, (_, i) => i)));
    expect(faceVertices.length).toBe(9409);
    expect(new Set(model(headVertices))).toEqual(new Set(Array.from({ length: 11248 }, (_, i) => i)));
    expect(headVertices.length).toBe(11248);
  });

  it('puts the nose tip on Multi-PIE landmark 30, the most forward point of the face', () => {
    expect(data.render.renderToModel[geometry.noseTip]).toBe(data.landmarks.multiPie68[30]);
    const p = geometry.positions(identity(), NEUTRAL);
    const z = p[3 * geometry.noseTip + 2] ?? 0;
    for (const r of geometry.topology.faceVertices) expect(p[3 * r + 2] ?? 0).toBeLessThanOrEqual(z + 1e-3);
  });

  it('reports the identity modes’ sds', () => {
    expect(geometry.shapeSd).toHaveLength(100);
    expect(Array.from(geometry.shapeSd)).toEqual(
      Array.from(Float32Array.from(data.identity.sdMm, (sd) => sd * IDENTITY_GAIN)),
    );
  });
});

describe('identity', () => {
  it.each([0, 7, 99])('moves every vertex by exactly IDENTITY_GAIN x mode %i at raw coefficient 1', (mode) => {
    const shape = new Array<number>(100).fill(0);
    shape[mode] = 1;
    const base = geometry.positions(identity(), NEUTRAL);
    const moved = geometry.positions(identity({ shape }), NEUTRAL);
    const n = data.vertexCount * 3;
    let worst = 0;
    data.render.renderToModel.forEach((m, r) => {
      for (let axis = 0; axis < 3; axis++) {
        const expected = IDENTITY_GAIN * (data.identity.modes[mode * n + 3 * m + axis] ?? NaN);
        worst = Math.max(worst, Math.abs((moved[3 * r + axis] ?? 0) - (base[3 * r + axis] ?? 0) - expected));
      }
    });
    // Each face is a float64 sum rounded once to float32 (ulp 1.5e-5 mm at 200 mm), the mode too.
    expect(worst).toBeLessThan(1e-4);
  });

  it('sums neutral + Σ coefficient · mode in float64, mode by mode, rounded once: to the bit, with SIMD rows or without', () => {
    const coefficients = Float64Array.from(randomShape(100, 11), (x, m) => (m % 9 === 4 ? 0 : x));
    const n = data.positions.length;
    const expected = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let sum = data.positions[i] ?? 0;
      for (let m = 0; m < 100; m++) {
        const w = coefficients[m] ?? 0;
        if (w !== 0) sum += w * (data.identity.modes[m * n + i] ?? 0);
      }
      expected[i] = sum;
    }
    expect(firstDifference(identityPositions(data, coefficients), expected)).toBe(-1);
    setSimdKernels(false);
    try {
      // A copy of the asset's numbers: the rows held for the SIMD kernels are per modes array.
      const copy = { ...data, identity: { ...data.identity, modes: data.identity.modes.slice() } };
      expect(firstDifference(identityPositions(copy, coefficients), expected)).toBe(-1);
    } finally {
      setSimdKernels(true);
    }
  });

  it('leaves the modes after a shorter shape array at 0', () => {
    const short = geometry.positions(identity({ shape: [0.5, -1] }), NEUTRAL);
    const padded = geometry.positions(identity({ shape: [0.5, -1, ...new Array<number>(98).fill(0)] }), NEUTRAL);
    expect(short).toEqual(padded);
  });

  it('refuses more coefficients than modes, and values that are not numbers', () => {
    const codeOf = (shape: number[]) => {
      try {
        geometry.positions(identity({ shape }), NEUTRAL);
      } catch (error) {
        expect(error).toBeInstanceOf(IctGeometryError);
        return (error as IctGeometryError).code;
      }
      return 'none';
    };
    expect(codeOf(new Array<number>(101).fill(0))).toBe('ICT_GEOMETRY_IDENTITY');
    expect(codeOf([0, NaN])).toBe('ICT_GEOMETRY_IDENTITY');
  });

  it('recomputes the identity only when its numbers change', () => {
    let computed = 0;
    const cached = cachedByIdentity((who) => {
      computed++;
      return who.shape[0];
    });
    const shape = [1, 2];
    cached(identity({ shape }));
    cached(identity({ shape: [1, 2] }));
    expect(computed).toBe(1);
    shape[0] = 3;
    expect(cached(identity({ shape }))).toBe(3);
    cached(identity({ shape, age: 41 }));
    expect(computed).toBe(3);
  });

  it('keeps the last `capacity` identities used, least recently used out first', () => {
    const computed: number[] = [];
    const cached = cachedByIdentity((who) => {
      computed.push(who.age);
      return who.age;
    }, 2);
    for (const age of [20, 30, 20, 40, 20, 30]) expect(cached(identity({ age }))).toBe(age);
    // 20 hit twice (it stayed recent); 30 fell out when 40 came, so it was computed again.
    expect(computed).toEqual([20, 30, 40, 30]);
    expect(() => cachedByIdentity(() => 0, 0)).toThrow(RangeError);
  });

  it('gives the same positions for the same identity before and after another one, and new arrays', () => {
    const a = identity({ shape: randomShape(100, 1) });
    const first = geometry.positions(a, NEUTRAL);
    geometry.positions(identity({ shape: randomShape(100, 2), gender: 'M' }), NEUTRAL);
    const again = geometry.positions(a, NEUTRAL);
    expect(again).toEqual(first);
    again[0] = 1e6;
    expect(geometry.positions(a, NEUTRAL)).toEqual(first);
  });

  it('is deterministic: a second build gives the same numbers bit for bit', () => {
    const other = buildIctGeometry(data);
    const who = identity({ shape: randomShape(60, 3), gender: 'M', ethn: 'BA', age: 63 });
    const expression = { emo: 'fear', gaze: { x: 0.3, y: -0.5 } } as const;
    expect(other.positions(who, expression)).toEqual(geometry.positions(who, expression));
    expect(other.topology.indices).toEqual(geometry.topology.indices);
    expect(other.topology.uvs).toEqual(geometry.topology.uvs);
  });
});
