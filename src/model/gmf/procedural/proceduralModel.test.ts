import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { parseCanonicalMesh } from '../mesh/canonicalMesh';
import { NOSE_TIP } from '../mesh/landmarks';
import { expressionAmplitudes, type FaceIdentity } from '../face/faceModel';
import { buildProceduralParts, proceduralFaceModel } from './proceduralModel';

const assets = readCanonicalMeshAssets();
const mask = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);
const parts = buildProceduralParts(mask, { shapeComponents: 100, textureComponents: 20, textureSize: 64 });
const model = proceduralFaceModel(parts);
const zeroTex = [0, 1, 2, 3, 4].map(() => new Float32Array(20));
const mean: FaceIdentity = { gender: 'F', ethn: 'WC', age: 25, shape: new Float32Array(100), tex: zeroTex };
const neutral = { emo: 'neutral' } as const;
const vertex = (p: Float32Array, v: number) => [p[3 * v] ?? NaN, p[3 * v + 1] ?? NaN, p[3 * v + 2] ?? NaN];

describe('assembled face model', () => {
  it('gives positions for the whole head and sds for the sampler', () => {
    const p = model.positions(mean, neutral);
    expect(p).toHaveLength(model.topology.vertexCount * 3);
    expect(model.topology.vertexCount).toBeGreaterThan(parts.head.vertexCount * 3);
    expect(model.info.id).toBe('gmf-procedural');
    expect(model.sds.shapeSd).toHaveLength(100);
    expect(model.sds.textureSd).toHaveLength(5);
  });

  it('adds exactly coefficient x sd x basis for one shape component (mask vertices)', () => {
    const base = model.positions(mean, neutral);
    const shape = new Float32Array(100);
    shape[3] = 1.5;
    const moved = model.positions({ ...mean, shape }, neutral);
    const sd = parts.shape.sd[3] ?? 0;
    for (let i = 0; i < mask.vertexCount * 3; i += 37) {
      expect((moved[i] ?? 0) - (base[i] ?? 0)).toBeCloseTo(
        1.5 * sd * (parts.shape.basis[3 * mask.vertexCount * 3 + i] ?? 0),
        3,
      );
    }
  });

  it('applies the emotion: happy raises the mouth corners, neutral leaves the forehead alone', () => {
    const base = model.positions(mean, neutral);
    const happy = model.positions(mean, { emo: 'happy' });
    expect((vertex(happy, 291)[1] ?? 0) - (vertex(base, 291)[1] ?? 0)).toBeGreaterThan(1);
    expect(vertex(happy, 10)).toEqual(vertex(base, 10));
    expect(expressionAmplitudes({ emo: 'happy', intensity: 0.5, actionUnits: { AU12: 0.8 } }).AU12).toBe(1);
  });

  it('changes the face with demographics and keeps the nose tip frontmost', () => {
    const male = model.positions({ ...mean, gender: 'M' }, neutral);
    const female = model.positions(mean, neutral);
    expect(Math.abs((vertex(male, 288)[0] ?? 0) - (vertex(female, 288)[0] ?? 0))).toBeGreaterThan(1);
    let argmax = 0;
    for (let v = 0; v < mask.vertexCount; v++) if ((male[3 * v + 2] ?? 0) > (male[3 * argmax + 2] ?? 0)) argmax = v;
    expect(argmax).toBe(NOSE_TIP);
  });

  it('renders an albedo of the configured size, different for another ethnicity', () => {
    const a = model.textures(mean).skin.rgba;
    const b = model.textures({ ...mean, ethn: 'BA' }).skin.rgba;
    expect(a).toHaveLength(64 * 64 * 4);
    expect(a.some((v, i) => v !== b[i])).toBe(true);
  });
});
