/**
 * Decodes ictFaceKit.bin (the ICT-FaceKit Light model, converted by tools/ict) into typed arrays
 * in millimetres. Pure TypeScript over typed arrays: runs in workers and Node, no DOM. Every
 * array owns its buffer, so each can be transferred to a worker on its own.
 */
import { unzlibSync } from 'fflate';
import { decodeDeltaBytePlanes } from './deltaBytePlanes';
import {
  ICT_ASSET_MAGIC,
  ICT_ASSET_VERSION,
  ICT_PREAMBLE_BYTES,
  IctAssetError,
  sectionByteLength,
  type IctAssetHeader,
  type IctGroup,
  type IctLandmarks,
  type SectionName,
} from './ictFormat';
import { parseIctHeader } from './ictHeader';

export { IctAssetError } from './ictFormat';
export type { IctGroup } from './ictFormat';

export interface IctRenderTopology {
  /** Model vertex of each render vertex; UV seams split a model vertex into several render vertices. */
  renderToModel: Uint32Array;
  /** uv per render vertex (2 floats), v upward as in the OBJ. */
  uvs: Float32Array;
  /** Render vertex indices, 3 per triangle; quads were split along their first diagonal (0-2). */
  triangles: Uint32Array;
  /** Drawable parts with their triangle and model vertex ranges, in triangle order. */
  groups: readonly IctGroup[];
}

export interface IctIdentityModes {
  count: number;
  /** Mode-major deltas in mm: modes[(m * vertexCount + v) * 3 + axis]. Weights are N(0, 1). */
  modes: Float32Array;
  /** Per mode, RMS displacement in mm over the face group produced by a weight of 1 (one sd). */
  sdMm: Float32Array;
}

/** Expression deltas stored sparsely: only the vertices each expression moves. */
export interface IctExpressionSet {
  /** ARKit-style names with _L/_R suffixes, e.g. 'jawOpen', 'mouthSmile_L'. */
  names: readonly string[];
  /** Entries of expression e are [offsets[e], offsets[e + 1]). */
  offsets: Uint32Array;
  /** Model vertex of each entry, increasing within an expression. */
  vertices: Uint32Array;
  /** xyz delta in mm of each entry. */
  deltas: Float32Array;
}

export type IctLandmarkArrays = Record<keyof IctLandmarks, Uint32Array>;

export interface IctModelData {
  source: IctAssetHeader['source'];
  /** The OBJs are in centimetres; everything below is already multiplied by this (10). */
  modelUnitsToMm: number;
  vertexCount: number;
  /** Neutral positions in mm, xyz per model vertex; y up, the face looks along +z. */
  positions: Float32Array;
  /** Vertices [0, n) are ICT's "narrow face area". */
  narrowFaceVertexCount: number;
  render: IctRenderTopology;
  identity: IctIdentityModes;
  expressions: IctExpressionSet;
  landmarks: IctLandmarkArrays;
}

/** out (xyz per model vertex, mm) += weight * expression `index`. */
export function addExpression(out: Float32Array, expressions: IctExpressionSet, index: number, weight: number): void {
  const start = expressions.offsets[index];
  const end = expressions.offsets[index + 1];
  if (start === undefined || end === undefined)
    throw new RangeError(`No expression ${index}; there are ${expressions.names.length}.`);
  const { vertices, deltas } = expressions;
  for (let k = start; k < end; k++) {
    const o = (vertices[k] ?? 0) * 3;
    out[o] = (out[o] ?? 0) + weight * (deltas[3 * k] ?? 0);
    out[o + 1] = (out[o + 1] ?? 0) + weight * (deltas[3 * k + 1] ?? 0);
    out[o + 2] = (out[o + 2] ?? 0) + weight * (deltas[3 * k + 2] ?? 0);
  }
}

/** out (xyz per model vertex, mm) += weight * identity mode `mode`. */
export function addIdentity(out: Float32Array, identity: IctIdentityModes, mode: number, weight: number): void {
  const n = out.length;
  if (mode < 0 || mode >= identity.count)
    throw new RangeError(`No identity mode ${mode}; there are ${identity.count}.`);
  const modes = identity.modes.subarray(mode * n, (mode + 1) * n);
  for (let i = 0; i < n; i++) out[i] = (out[i] ?? 0) + weight * (modes[i] ?? 0);
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

function readHeader(bytes: Uint8Array): { header: IctAssetHeader; payloadStart: number } {
  if (bytes.length < ICT_PREAMBLE_BYTES)
    throw new IctAssetError('ICT_ASSET_TRUNCATED', `${bytes.length} bytes is too short to be an asset.`);
  const magic = String.fromCharCode(...bytes.subarray(0, ICT_ASSET_MAGIC.length));
  if (magic !== ICT_ASSET_MAGIC)
    throw new IctAssetError(
      'ICT_ASSET_BAD_MAGIC',
      `the file does not start with "${ICT_ASSET_MAGIC}"; is it ictFaceKit.bin?`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== ICT_ASSET_VERSION) {
    throw new IctAssetError(
      'ICT_ASSET_BAD_VERSION',
      `format version ${version}; this build reads version ${ICT_ASSET_VERSION}. Regenerate it with npm run convert:ict.`,
    );
  }
  const headerBytes = view.getUint32(12, true);
  const payloadStart = ICT_PREAMBLE_BYTES + headerBytes;
  if (payloadStart > bytes.length)
    throw new IctAssetError('ICT_ASSET_TRUNCATED', `the header needs ${headerBytes} bytes but the file ends first.`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(ICT_PREAMBLE_BYTES, payloadStart)));
  } catch (cause) {
    throw new IctAssetError('ICT_ASSET_BAD_HEADER', 'the header is not valid JSON.', { cause });
  }
  const header = parseIctHeader(json);
  const expectedLength = payloadStart + header.payload.compressedBytes;
  if (bytes.length < expectedLength)
    throw new IctAssetError(
      'ICT_ASSET_TRUNCATED',
      `the file has ${bytes.length} bytes, its header promises ${expectedLength}.`,
    );
  if (bytes.length > expectedLength)
    throw new IctAssetError(
      'ICT_ASSET_BAD_SIZES',
      `the file has ${bytes.length - expectedLength} bytes more than its header promises.`,
    );
  return { header, payloadStart };
}

function inflate(bytes: Uint8Array, header: IctAssetHeader): Uint8Array {
  let payload: Uint8Array;
  try {
    payload = unzlibSync(bytes);
  } catch (cause) {
    throw new IctAssetError('ICT_ASSET_BAD_PAYLOAD', 'the compressed payload is damaged.', { cause });
  }
  if (payload.length !== header.payload.inflatedBytes) {
    throw new IctAssetError(
      'ICT_ASSET_BAD_PAYLOAD',
      `the payload inflates to ${payload.length} bytes, the header says ${header.payload.inflatedBytes}.`,
    );
  }
  return payload;
}

/** Copies of each section's bytes, so every decoded array owns an exactly sized, aligned buffer. */
function sectionReader(header: IctAssetHeader, payload: Uint8Array): (name: SectionName) => Uint8Array {
  return (name) => {
    const s = header.sections.find((x) => x.name === name);
    if (s === undefined) throw new IctAssetError('ICT_ASSET_BAD_SIZES', `section "${name}" is missing.`);
    return payload.slice(s.byteOffset, s.byteOffset + sectionByteLength(s));
  };
}

function checkIndices(values: Uint32Array, limit: number, what: string): void {
  for (const v of values) {
    if (v >= limit)
      throw new IctAssetError('ICT_ASSET_BAD_SIZES', `${what} names index ${v}, past the ${limit} available.`);
  }
}

/** Dequantises planes ordered (block, axis, item) into interleaved xyz per item, in mm. */
function dequantise(
  quantised: Int16Array,
  scales: Float32Array,
  blockSizes: ArrayLike<number>,
  toMm: number,
): Float32Array {
  const out = new Float32Array(quantised.length);
  let base = 0;
  for (let b = 0; b < blockSizes.length; b++) {
    const n = blockSizes[b] ?? 0;
    for (let axis = 0; axis < 3; axis++) {
      const scale = (scales[3 * b + axis] ?? 0) * toMm;
      const plane = base * 3 + axis * n;
      for (let i = 0; i < n; i++) out[(base + i) * 3 + axis] = (quantised[plane + i] ?? 0) * scale;
    }
    base += n;
  }
  return out;
}

function decodeExpressions(read: (name: SectionName) => Uint8Array, header: IctAssetHeader): IctExpressionSet {
  const { modelVertices, expressionEntries } = header.counts;
  const counts = new Uint32Array(read('expressionCounts').buffer);
  const gaps = new Uint16Array(read('expressionVertexGaps').buffer);
  const offsets = new Uint32Array(counts.length + 1);
  const vertices = new Uint32Array(expressionEntries);
  let k = 0;
  for (let e = 0; e < counts.length; e++) {
    const end = k + (counts[e] ?? 0);
    if (end > expressionEntries)
      throw new IctAssetError(
        'ICT_ASSET_BAD_SIZES',
        `expression counts add up to more than the ${expressionEntries} stored entries.`,
      );
    let vertex = -1;
    for (; k < end; k++) {
      vertex += gaps[k] ?? 0;
      vertices[k] = vertex;
    }
    if (vertex >= modelVertices)
      throw new IctAssetError(
        'ICT_ASSET_BAD_SIZES',
        `expression "${header.expressionNames[e] ?? e}" moves vertex ${vertex}, past the ${modelVertices} model vertices.`,
      );
    offsets[e + 1] = k;
  }
  if (k !== expressionEntries)
    throw new IctAssetError(
      'ICT_ASSET_BAD_SIZES',
      `expression counts add up to ${k}, the header says ${expressionEntries} entries.`,
    );
  const quantised = decodeDeltaBytePlanes(read('expressionQuantised'));
  const deltas = dequantise(quantised, new Float32Array(read('expressionScale').buffer), counts, header.units.toMm);
  return { names: [...header.expressionNames], offsets, vertices, deltas };
}

/** Decodes the asset; throws IctAssetError (with a code) on anything that does not add up. */
export function decodeIctAsset(bytes: Uint8Array): IctModelData {
  if (!isLittleEndian()) throw new IctAssetError('ICT_ASSET_BIG_ENDIAN', 'the decoder needs a little-endian platform.');
  const { header, payloadStart } = readHeader(bytes);
  const read = sectionReader(header, inflate(bytes.subarray(payloadStart), header));
  const { counts, units } = header;

  const positions = new Float32Array(read('neutral').buffer);
  for (let i = 0; i < positions.length; i++) positions[i] = (positions[i] ?? 0) * units.toMm;
  const renderToModel = new Uint32Array(read('renderToModel').buffer);
  checkIndices(renderToModel, counts.modelVertices, 'the render vertex map');
  const triangles = new Uint32Array(read('triangles').buffer);
  checkIndices(triangles, counts.renderVertices, 'the triangle list');

  const identityModes = new Array<number>(counts.identityModes).fill(counts.modelVertices);
  const identity: IctIdentityModes = {
    count: counts.identityModes,
    modes: dequantise(
      decodeDeltaBytePlanes(read('identityQuantised')),
      new Float32Array(read('identityScale').buffer),
      identityModes,
      units.toMm,
    ),
    sdMm: new Float32Array(read('identitySdMm').buffer),
  };
  const { multiPie68, jawlineRight, jawlineLeft, jawlineRightExtended, jawlineLeftExtended } = header.landmarks;
  const landmarks: IctLandmarkArrays = {
    multiPie68: Uint32Array.from(multiPie68),
    jawlineRight: Uint32Array.from(jawlineRight),
    jawlineLeft: Uint32Array.from(jawlineLeft),
    jawlineRightExtended: Uint32Array.from(jawlineRightExtended),
    jawlineLeftExtended: Uint32Array.from(jawlineLeftExtended),
  };

  return {
    source: header.source,
    modelUnitsToMm: units.toMm,
    vertexCount: counts.modelVertices,
    positions,
    narrowFaceVertexCount: header.narrowFaceVertexCount,
    render: { renderToModel, uvs: new Float32Array(read('renderUv').buffer), triangles, groups: header.groups },
    identity,
    expressions: decodeExpressions(read, header),
    landmarks,
  };
}
