/**
 * A three.js scene holding one face: geometry whose positions change per face, one material per
 * kind of part (skin with the identity's albedo, iris, cornea, teeth, gums, mouth, lashes, hair),
 * ambient light plus one directional light placed at camera distance (DESIGN.md: "one light at
 * camera distance rotated by (xl, yl, zl) plus ambient"). No React.
 */
import {
  AmbientLight,
  BufferAttribute,
  BufferGeometry,
  DirectionalLight,
  type Material,
  type Matrix4,
  Mesh,
  Object3D,
  Scene,
} from 'three';
import type { FaceTextures, FaceTopology, MaterialKind } from '../gmf/face/faceModel';
import { createFaceMaterials, type FaceMaterials, type FaceMaterialStyle } from './faceMaterials';
import type { Vec3 } from './pose';
import { computeVertexNormals } from './vertexNormals';

export interface LightLevels {
  /** Ambient intensity (three units). */
  ambient: number;
  /** Directional light intensity. */
  directional: number;
}

export const DEFAULT_LIGHT_LEVELS: LightLevels = { ambient: 0.55, directional: 2.4 };

export class FaceScene {
  readonly scene = new Scene();
  readonly geometry = new BufferGeometry();
  readonly mesh: Mesh;
  private readonly materials: FaceMaterials;
  private readonly groupKinds: MaterialKind[];
  private readonly ambient = new AmbientLight(0xffffff, DEFAULT_LIGHT_LEVELS.ambient);
  private readonly light = new DirectionalLight(0xffffff, DEFAULT_LIGHT_LEVELS.directional);
  private readonly target = new Object3D();

  constructor(
    topology: Pick<FaceTopology, 'vertexCount' | 'uvs' | 'indices' | 'groups' | 'textureSize'>,
    style: FaceMaterialStyle = 'gmf-procedural',
  ) {
    this.geometry.setAttribute('position', new BufferAttribute(new Float32Array(topology.vertexCount * 3), 3));
    this.geometry.setAttribute('normal', new BufferAttribute(new Float32Array(topology.vertexCount * 3), 3));
    this.geometry.setAttribute('uv', new BufferAttribute(topology.uvs, 2));
    this.geometry.setIndex(new BufferAttribute(topology.indices, 1));
    this.materials = createFaceMaterials(topology.textureSize, style);
    this.groupKinds = topology.groups.map((g) => g.material);
    topology.groups.forEach((group, i) => {
      this.geometry.addGroup(group.start, group.count, i);
    });
    const perGroup: Material[] = this.groupKinds.map((kind) => this.materials.byKind[kind]);
    this.mesh = new Mesh(this.geometry, perGroup);
    this.light.target = this.target;
    this.scene.add(this.mesh, this.ambient, this.light, this.target);
  }

  setPositions(positions: Float32Array): void {
    const attribute = this.geometry.getAttribute('position') as BufferAttribute;
    (attribute.array as Float32Array).set(positions);
    attribute.needsUpdate = true;
    const normals = this.geometry.getAttribute('normal') as BufferAttribute;
    const index = this.geometry.getIndex();
    if (!index) throw new Error('the face geometry has no index');
    computeVertexNormals(attribute.array as Float32Array, index.array, normals.array as Float32Array);
    normals.needsUpdate = true;
    this.geometry.computeBoundingSphere();
  }

  /** The head's model matrix (pose); the mesh does not recompute it from position/rotation. */
  setPose(matrix: Matrix4): void {
    this.mesh.matrixAutoUpdate = false;
    this.mesh.matrix.copy(matrix);
    this.mesh.matrixWorldNeedsUpdate = true;
  }

  setTextures(textures: FaceTextures): void {
    this.materials.setTextures(textures);
  }

  /** Shows or hides every group drawn with `kind` (e.g. the hair cap). */
  setVisible(kind: MaterialKind, visible: boolean): void {
    this.materials.byKind[kind].visible = visible;
  }

  setLight(position: Vec3, towards: Vec3, levels: LightLevels = DEFAULT_LIGHT_LEVELS): void {
    this.light.position.set(...position);
    this.target.position.set(...towards);
    this.target.updateMatrixWorld();
    this.light.intensity = levels.directional;
    this.ambient.intensity = levels.ambient;
  }

  dispose(): void {
    this.geometry.dispose();
    this.materials.dispose();
  }
}
