/**
 * The MediaPipe canonical face mesh, parsed from its GeometryPipelineMetadata protobuf.
 *
 * Proto2 layout (DESIGN.md section 3):
 *   GeometryPipelineMetadata { 1: Mesh3d canonical_mesh; 2: repeated landmark refs; 3: input_source }
 *   Mesh3d { 1: vertex_type; 2: primitive_type; 3: repeated float vertex_buffer (x,y,z,u,v);
 *            4: repeated uint32 index_buffer }
 * Floats and indices may be stored unpacked (one tag each, as the shipped file does) or packed.
 */
import { GmfError } from '../../../lib/errors';
import { ProtobufFormatError, ProtobufReader, WireType } from './protobufReader';

/** The metadata stores centimetres; the workbench works in millimetres like the original. */
export const CM_TO_MM = 10;
const FLOATS_PER_VERTEX = 5;

export type LandmarkGroupName =
  'lips' | 'leftEye' | 'rightEye' | 'leftEyebrow' | 'rightEyebrow' | 'faceOval' | 'leftIris' | 'rightIris';

/** Export names in @mediapipe/face_mesh for each group. */
export const LANDMARK_GROUP_EXPORTS: Record<LandmarkGroupName, string> = {
  lips: 'FACEMESH_LIPS',
  leftEye: 'FACEMESH_LEFT_EYE',
  rightEye: 'FACEMESH_RIGHT_EYE',
  leftEyebrow: 'FACEMESH_LEFT_EYEBROW',
  rightEyebrow: 'FACEMESH_RIGHT_EYEBROW',
  faceOval: 'FACEMESH_FACE_OVAL',
  leftIris: 'FACEMESH_LEFT_IRIS',
  rightIris: 'FACEMESH_RIGHT_IRIS',
};

export interface LandmarkGroup {
  /** Edges (vertex index pairs) as MediaPipe lists them. */
  edges: Uint32Array;
  /** Sorted unique vertex indices touched by the edges. */
  vertices: Uint32Array;
}

export interface CanonicalMesh {
  vertexCount: number;
  triangleCount: number;
  /** x, y, z per vertex in millimetres; y up, +z towards the viewer. */
  positions: Float32Array;
  /** u, v per vertex for three.js (v flipped so that it runs upward). */
  uvs: Float32Array;
  /** Three vertex indices per triangle, counter-clockwise seen from outside. */
  indices: Uint32Array;
  /**
   * Landmark groups whose vertices all lie in this mesh. The iris groups index the
   * refined 478-point model (468..477), so they are reported in `missingGroups` instead.
   */
  landmarkGroups: Partial<Record<LandmarkGroupName, LandmarkGroup>>;
  missingGroups: LandmarkGroupName[];
}

export class MeshFormatError extends GmfError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MESH_FORMAT', `Canonical face mesh: ${message}`, options);
  }
}

type EdgeList = readonly (readonly [number, number])[];

interface RawMesh3d {
  vertexBuffer: number[];
  indexBuffer: number[];
}

/** A repeated scalar field, unpacked (one tag per value) or packed (one length-delimited run). */
function readRepeated(
  reader: ProtobufReader,
  wireType: number,
  scalarWireType: number,
  readOne: (r: ProtobufReader) => number,
  out: number[],
  field: string,
): void {
  if (wireType === scalarWireType) {
    out.push(readOne(reader));
  } else if (wireType === WireType.LengthDelimited) {
    const packed = reader.sub();
    while (!packed.done) out.push(readOne(packed));
  } else {
    throw new MeshFormatError(`${field} has wire type ${wireType}, expected ${scalarWireType} or packed`);
  }
}

function readMesh3d(reader: ProtobufReader): RawMesh3d {
  const mesh: RawMesh3d = { vertexBuffer: [], indexBuffer: [] };
  while (!reader.done) {
    const { field, wireType } = reader.header();
    if (field === 3)
      readRepeated(reader, wireType, WireType.Fixed32, (r) => r.float32(), mesh.vertexBuffer, 'vertex_buffer');
    else if (field === 4)
      readRepeated(reader, wireType, WireType.Varint, (r) => r.varint(), mesh.indexBuffer, 'index_buffer');
    else reader.skip(wireType);
  }
  return mesh;
}

function readCanonicalMesh3d(bytes: Uint8Array): RawMesh3d {
  const reader = new ProtobufReader(bytes);
  let mesh: RawMesh3d | undefined;
  while (!reader.done) {
    const { field, wireType } = reader.header();
    if (field === 1 && wireType === WireType.LengthDelimited) mesh = readMesh3d(reader.sub());
    else reader.skip(wireType);
  }
  if (!mesh) throw new MeshFormatError('no canonical_mesh (field 1) in the metadata');
  return mesh;
}

function toGroup(edges: EdgeList): LandmarkGroup {
  const flat = new Uint32Array(edges.length * 2);
  edges.forEach(([a, b], i) => {
    flat[2 * i] = a;
    flat[2 * i + 1] = b;
  });
  const vertices = Uint32Array.from(new Set(flat)).sort();
  return { edges: flat, vertices };
}

/**
 * Parses the metadata protobuf into typed arrays in millimetres, with landmark groups.
 * `groups` are the FACEMESH_* edge lists keyed by export name.
 */
export function parseCanonicalMesh(metadata: Uint8Array, groups: Readonly<Record<string, EdgeList>>): CanonicalMesh {
  let raw: RawMesh3d;
  try {
    raw = readCanonicalMesh3d(metadata);
  } catch (error) {
    if (error instanceof ProtobufFormatError) throw new MeshFormatError(error.message, { cause: error });
    throw error;
  }
  const { vertexBuffer, indexBuffer } = raw;
  if (vertexBuffer.length === 0 || vertexBuffer.length % FLOATS_PER_VERTEX !== 0) {
    throw new MeshFormatError(
      `vertex_buffer length ${vertexBuffer.length} is not a positive multiple of 5 (x, y, z, u, v)`,
    );
  }
  if (indexBuffer.length === 0 || indexBuffer.length % 3 !== 0) {
    throw new MeshFormatError(`index_buffer length ${indexBuffer.length} is not a positive multiple of 3`);
  }
  const vertexCount = vertexBuffer.length / FLOATS_PER_VERTEX;
  const positions = new Float32Array(vertexCount * 3);
  const uvs = new Float32Array(vertexCount * 2);
  for (let i = 0; i < vertexCount; i++) {
    const o = i * FLOATS_PER_VERTEX;
    positions[3 * i] = (vertexBuffer[o] ?? 0) * CM_TO_MM;
    positions[3 * i + 1] = (vertexBuffer[o + 1] ?? 0) * CM_TO_MM;
    positions[3 * i + 2] = (vertexBuffer[o + 2] ?? 0) * CM_TO_MM;
    uvs[2 * i] = vertexBuffer[o + 3] ?? 0;
    // MediaPipe's v runs downward; three.js samples textures with v upward.
    uvs[2 * i + 1] = 1 - (vertexBuffer[o + 4] ?? 0);
  }
  const indices = Uint32Array.from(indexBuffer);
  const outOfRange = indices.findIndex((index) => index >= vertexCount);
  if (outOfRange >= 0)
    throw new MeshFormatError(`index ${indices[outOfRange]} at position ${outOfRange} exceeds ${vertexCount} vertices`);

  const landmarkGroups: Partial<Record<LandmarkGroupName, LandmarkGroup>> = {};
  const missingGroups: LandmarkGroupName[] = [];
  for (const [name, exportName] of Object.entries(LANDMARK_GROUP_EXPORTS) as [LandmarkGroupName, string][]) {
    const edges = groups[exportName];
    if (edges && edges.length > 0 && edges.every(([a, b]) => a < vertexCount && b < vertexCount)) {
      landmarkGroups[name] = toGroup(edges);
    } else {
      missingGroups.push(name);
    }
  }
  return { vertexCount, triangleCount: indices.length / 3, positions, uvs, indices, landmarkGroups, missingGroups };
}
