/** three.js geometry for a face mesh (core: no React). */
import { BufferAttribute, BufferGeometry } from 'three';
import type { CanonicalMesh } from '../gmf/mesh/canonicalMesh';

export function createFaceGeometry(mesh: Pick<CanonicalMesh, 'positions' | 'uvs' | 'indices'>): BufferGeometry {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(mesh.positions, 3));
  geometry.setAttribute('uv', new BufferAttribute(mesh.uvs, 2));
  geometry.setIndex(new BufferAttribute(mesh.indices, 1));
  geometry.computeVertexNormals();
  geometry.computeBoundingSphere();
  return geometry;
}
