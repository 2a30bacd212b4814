import { describe, expect, it } from 'vitest';
import { readCanonicalMeshAssets } from '../../../../tools/canonicalMeshAssets';
import { CM_TO_MM, MeshFormatError, parseCanonicalMesh } from './canonicalMesh';
import { NOSE_TIP } from './landmarks';
import { boundaryEdges, boundaryLoops } from './topology';

const assets = readCanonicalMeshAssets();
const mesh = parseCanonicalMesh(assets.metadata, assets.landmarkGroups);

/** Encodes a Mesh3d in packed form, independently of the shipped (unpacked) file. */
function packedMetadata(vertices: number[], indices: number[]): Uint8Array {
  const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
    return out;
  };
  const floats = new Uint8Array(new Float32Array(vertices).buffer);
  const idx = indices.flatMap(varint);
  const mesh3d = [0x1a, ...varint(floats.length), ...floats, 0x22, ...varint(idx.length), ...idx];
  return new Uint8Array([0x0a, ...varint(mesh3d.length), ...mesh3d]);
}

describe('canonical mesh from @mediapipe/face_mesh', () => {
  it('has 468 vertices and 898 triangles', () => {
    expect(mesh.vertexCount).toBe(468);
    expect(mesh.triangleCount).toBe(898);
    expect(mesh.positions).toHaveLength(468 * 3);
    expect(mesh.indices).toHaveLength(898 * 3);
  });

  it('has exactly one boundary loop, the face outline, of 36 edges', () => {
    const edges = boundaryEdges(mesh.indices);
    expect(edges).toHaveLength(36);
    const loops = boundaryLoops(edges);
    expect(loops).toHaveLength(1);
    // It is the face oval MediaPipe exports.
    const oval = mesh.landmarkGroups.faceOval;
    expect(oval).toBeDefined();
    expect([...(loops[0] ?? [])].sort((a, b) => a - b)).toEqual([...(oval?.vertices ?? [])]);
  });

  it('puts the nose tip landmark at the largest z (towards the viewer)', () => {
    let argmax = 0;
    for (let i = 1; i < mesh.vertexCount; i++) {
      if ((mesh.positions[3 * i + 2] ?? 0) > (mesh.positions[3 * argmax + 2] ?? 0)) argmax = i;
    }
    expect(argmax).toBe(NOSE_TIP);
  });

  it('keeps UVs within [0, 1]', () => {
    expect(Math.min(...mesh.uvs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...mesh.uvs)).toBeLessThanOrEqual(1);
  });

  it('is in millimetres with a face-sized extent, y up', () => {
    const ys = mesh.positions.filter((_, i) => i % 3 === 1);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(height).toBeGreaterThan(120); // a face is roughly 15-20 cm from chin to hairline
    expect(height).toBeLessThan(250);
    // The forehead (vertex 10, top of the oval) is above the chin (vertex 152).
    expect(mesh.positions[3 * 10 + 1]).toBeGreaterThan(mesh.positions[3 * 152 + 1] ?? Infinity);
  });

  it('exposes landmark groups inside the mesh and reports the refined-model iris groups as missing', () => {
    expect(Object.keys(mesh.landmarkGroups).sort()).toEqual([
      'faceOval',
      'leftEye',
      'leftEyebrow',
      'lips',
      'rightEye',
      'rightEyebrow',
    ]);
    expect(mesh.missingGroups.sort()).toEqual(['leftIris', 'rightIris']);
    expect(mesh.landmarkGroups.lips?.vertices.length).toBe(40);
  });

  it('reads packed fields the same as unpacked ones, flipping v and scaling to mm', () => {
    const parsed = parseCanonicalMesh(
      packedMetadata([1, 2, 3, 0.25, 0.75, 4, 5, 6, 0.5, 0, 7, 8, 9, 1, 1], [0, 1, 2]),
      {},
    );
    expect([...parsed.positions]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => v * CM_TO_MM));
    expect([...parsed.uvs]).toEqual([0.25, 0.25, 0.5, 1, 1, 0]);
    expect([...parsed.indices]).toEqual([0, 1, 2]);
  });

  it('rejects truncated or malformed bytes with a MeshFormatError', () => {
    expect(() => parseCanonicalMesh(assets.metadata.subarray(0, 100), {})).toThrow(MeshFormatError);
    expect(() => parseCanonicalMesh(new Uint8Array([0x08, 0x01]), {})).toThrow(/no canonical_mesh/);
    expect(() => parseCanonicalMesh(packedMetadata([1, 2, 3, 0, 0], [0, 1, 5]), {})).toThrow(/exceeds 1 vertices/);
  });
});
