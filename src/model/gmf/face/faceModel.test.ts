import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { parseCanonicalMesh } from '../mesh/canonicalMesh';
import { NOSE_TIP } from '../mesh/landmarks';
import { buildFaceModel, expressionAmplitudes, faceAlbedo, type FaceIdentity, faceVertexPositions } from './faceModel';

const assets = readCanonicalMeshAssets();
const mask = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);
const model = buildFaceModel(mask, { shapeComponents: 100, textureComponents: 20, textureSize: 64 });
const zeroTex = [0, 1, 2, 3, 4].map(() => new Float32Array(20));
const mean: FaceIdentity = { gender: 'F', ethn: 'WC', age: 25, shape: new Float32Array(100), tex: zeroTex };
const neutral = { emo: 'neutral' } as const;
const vertex = (p: Float32Array, v: number) => [p[3 * v] ?? NaN, p[3 * v + 1] ?? NaN, p[3 * v + 2] ?? NaN];

describe('assembled face model', () => {
  it('gives positions for the whole head and sds for the sampler', () => {
    const p = faceVertexPositions(model, mean, neutral);
    expect(p).toHaveLength(model.mesh.vertexCount * 3);
    expect(model.mesh.vertexCount).toBeGreaterThan(model.head.vertexCount * 3);
    expect(model.sds.shapeSd).toHaveLength(100);
    expect(model.sds.textureSd).toHaveLength(5);
  });

  it('adds exactly coefficient x sd x basis for one shape component (mask vertices)', () => {
    const base = faceVertexPositions(model, mean, neutral);
    const shape = new Float32Array(100);
    shape[3] = 1.5;
    const moved = faceVertexPositions(model, { ...mean, shape }, neutral);
    const sd = model.shape.sd[3] ?? 0;
    for (let i = 0; i < mask.vertexCount * 3; i += 37) {
      expect((moved[i] ?? 0) - (base[i] ?? 0)).toBeCloseTo(
        1.5 * sd * (model.shape.basis[3 * mask.vertexCount * 3 + i] ?? 0),
        3,
      );
    }
  });

  it('applies the emotion: happy raises the mouth corners, neutral leaves the forehead alone', () => {
    const base = faceVertexPositions(model, mean, neutral);
    const happy = faceVertexPositions(model, mean, { emo: 'happy' });
    expect((vertex(happy, 291)[1] ?? 0) - (vertex(base, 291)[1] ?? 0)).toBeGreaterThan(1);
    expect(vertex(happy, 10)).toEqual(vertex(base, 10));
    expect(expressionAmplitudes({ emo: 'happy', intensity: 0.5, actionUnits: { AU12: 0.8 } }).AU12).toBe(1);
  });

  it('changes the face with demographics and keeps the nose tip frontmost', () => {
    const male = faceVertexPositions(model, { ...mean, gender: 'M' }, neutral);
    const female = faceVertexPositions(model, mean, neutral);
    expect(Math.abs((vertex(male, 288)[0] ?? 0) - (vertex(female, 288)[0] ?? 0))).toBeGreaterThan(1);
    let argmax = 0;
    for (let v = 0; v < mask.vertexCount; v++) if ((male[3 * v + 2] ?? 0) > (male[3 * argmax + 2] ?? 0)) argmax = v;
    expect(argmax).toBe(NOSE_TIP);
  });

  it('renders an albedo of the configured size, different for another ethnicity', () => {
    const a = faceAlbedo(model, mean);
    const b = faceAlbedo(model, { ...mean, ethn: 'BA' });
    expect(a).toHaveLength(64 * 64 * 4);
    expect(a.some((v, i) => v !== b[i])).toBe(true);
  });
});
