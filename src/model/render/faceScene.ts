/**
 * A three.js scene holding one face: geometry whose positions change per face, an albedo
 * texture, ambient light plus one directional light placed at camera distance (DESIGN.md:
 * "one light at camera distance rotated by (xl, yl, zl) plus ambient"). No React.
 */
import {
  AmbientLight,
  BufferAttribute,
  BufferGeometry,
  DataTexture,
  DirectionalLight,
  LinearFilter,
  LinearMipmapLinearFilter,
  type Matrix4,
  Mesh,
  MeshStandardMaterial,
  Object3D,
  RGBAFormat,
  Scene,
  SRGBColorSpace,
  UnsignedByteType,
} from 'three';
import type { Vec3 } from './pose';

export interface FaceTopology {
  vertexCount: number;
  uvs: Float32Array;
  indices: Uint32Array;
}

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
  readonly material: MeshStandardMaterial;
  readonly texture: DataTexture;
  readonly mesh: Mesh;
  private readonly ambient = new AmbientLight(0xffffff, DEFAULT_LIGHT_LEVELS.ambient);
  private readonly light = new DirectionalLight(0xffffff, DEFAULT_LIGHT_LEVELS.directional);
  private readonly target = new Object3D();

  constructor(topology: FaceTopology, textureSize: number) {
    this.geometry.setAttribute('position', new BufferAttribute(new Float32Array(topology.vertexCount * 3), 3));
    this.geometry.setAttribute('uv', new BufferAttribute(topology.uvs, 2));
    this.geometry.setIndex(new BufferAttribute(topology.indices, 1));
    this.texture = new DataTexture(
      new Uint8Array(textureSize * textureSize * 4),
      textureSize,
      textureSize,
      RGBAFormat,
      UnsignedByteType,
    );
    this.texture.colorSpace = SRGBColorSpace;
    this.texture.magFilter = LinearFilter;
    this.texture.minFilter = LinearMipmapLinearFilter;
    this.texture.generateMipmaps = true;
    // Albedo rows are stored bottom-up (row 0 at v = 0), as three samples DataTextures.
    this.texture.flipY = false;
    this.material = new MeshStandardMaterial({ map: this.texture, roughness: 0.7, metalness: 0 });
    this.mesh = new Mesh(this.geometry, this.material);
    this.light.target = this.target;
    this.scene.add(this.mesh, this.ambient, this.light, this.target);
  }

  setPositions(positions: Float32Array): void {
    const attribute = this.geometry.getAttribute('position') as BufferAttribute;
    (attribute.array as Float32Array).set(positions);
    attribute.needsUpdate = true;
    this.geometry.computeVertexNormals();
    this.geometry.computeBoundingSphere();
  }

  /** The head's model matrix (pose); the mesh does not recompute it from position/rotation. */
  setPose(matrix: Matrix4): void {
    this.mesh.matrixAutoUpdate = false;
    this.mesh.matrix.copy(matrix);
    this.mesh.matrixWorldNeedsUpdate = true;
  }

  setAlbedo(rgba: Uint8Array | Uint8ClampedArray): void {
    (this.texture.image.data as Uint8Array).set(rgba);
    this.texture.needsUpdate = true;
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
    this.material.dispose();
    this.texture.dispose();
  }
}
