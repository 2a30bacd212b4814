/**
 * The binary layout of ictFaceKit.bin, shared by the converter (tools/ict) and the decoder.
 *
 *   bytes 0..7    magic "GMFICTFK" (ASCII)
 *   bytes 8..11   format version, uint32 little-endian
 *   bytes 12..15  header length H in bytes, uint32 little-endian
 *   bytes 16..    header: H bytes of UTF-8 JSON (IctAssetHeader), readable without inflating
 *   then          payload: zlib stream (fflate) of the sections listed in the header
 *
 * Sections are little-endian typed arrays at 4-byte aligned offsets of the inflated payload.
 * Sections marked 'delta-byteplanes' hold int16 values as wrapped differences of consecutive
 * values, with all low bytes first and then all high bytes: smooth shape modes turn into small
 * differences whose high bytes are mostly 0 or 255, which deflate compresses well.
 */
import { GmfError } from '../../lib/errors';

export const ICT_ASSET_MAGIC = 'GMFICTFK';
export const ICT_ASSET_VERSION = 1;
/** magic (8) + version (4) + header length (4). */
export const ICT_PREAMBLE_BYTES = 16;

export type IctAssetErrorCode =
  | 'ICT_ASSET_BAD_MAGIC'
  | 'ICT_ASSET_BAD_VERSION'
  | 'ICT_ASSET_TRUNCATED'
  | 'ICT_ASSET_BAD_HEADER'
  | 'ICT_ASSET_BAD_PAYLOAD'
  | 'ICT_ASSET_BAD_SIZES'
  | 'ICT_ASSET_BIG_ENDIAN';

export class IctAssetError extends GmfError {
  constructor(code: IctAssetErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, `ICT face model asset: ${message}`, options);
  }
}

export type SectionType = 'f32' | 'u32' | 'u16' | 'i16';
export type SectionEncoding = 'raw' | 'delta-byteplanes';

export const SECTION_BYTES: Readonly<Record<SectionType, number>> = { f32: 4, u32: 4, u16: 2, i16: 2 };

/** Every section of format version 1, in payload order, with its element type and encoding. */
export const SECTION_SPECS = {
  /** Neutral positions, model units, xyz per model vertex. */
  neutral: { type: 'f32', encoding: 'raw' },
  /** Model vertex of each render vertex (a render vertex is one (position, uv) pair). */
  renderToModel: { type: 'u32', encoding: 'raw' },
  /** uv per render vertex, as in the OBJ (v upward). */
  renderUv: { type: 'f32', encoding: 'raw' },
  /** Render vertex indices, three per triangle, in group order. */
  triangles: { type: 'u32', encoding: 'raw' },
  /** Model units per quantisation step, per identity mode and axis (mode-major). */
  identityScale: { type: 'f32', encoding: 'raw' },
  /** Quantised identity deltas: planes ordered (mode, axis), each plane one value per model vertex. */
  identityQuantised: { type: 'i16', encoding: 'delta-byteplanes' },
  /** RMS displacement in mm over face-group vertices per identity mode (weight 1). */
  identitySdMm: { type: 'f32', encoding: 'raw' },
  /** Number of stored (moving) vertices per expression. */
  expressionCounts: { type: 'u32', encoding: 'raw' },
  /** Moving vertices per expression as gaps from the previous one (the first counts from -1). */
  expressionVertexGaps: { type: 'u16', encoding: 'raw' },
  /** Model units per quantisation step, per expression and axis. */
  expressionScale: { type: 'f32', encoding: 'raw' },
  /** Quantised expression deltas: per expression, planes x, y, z over its moving vertices. */
  expressionQuantised: { type: 'i16', encoding: 'delta-byteplanes' },
} as const satisfies Record<string, { type: SectionType; encoding: SectionEncoding }>;

export type SectionName = keyof typeof SECTION_SPECS;
export const SECTION_NAMES = Object.keys(SECTION_SPECS) as SectionName[];

export interface IctSectionHeader {
  name: SectionName;
  type: SectionType;
  /** Number of elements (not bytes). */
  length: number;
  /** Offset in the inflated payload, a multiple of 4. */
  byteOffset: number;
}

/**
 * One drawable part of the mesh; ranges are [start, start + count). The vertex range is the
 * vertices the group owns; head/neck, mouth socket and eye-socket triangles also use face vertices
 * where they are stitched to the face.
 */
export interface IctGroup {
  /** camelCase name, e.g. 'face', 'scleraLeft'. "Left" is the subject's left, i.e. +x. */
  name: string;
  /** OBJ material (usemtl) of the group's polygons, e.g. 'M_Face'. */
  material: string;
  vertexStart: number;
  vertexCount: number;
  triangleStart: number;
  triangleCount: number;
}

export interface IctLandmarks {
  /** 68 Multi-PIE landmarks as model vertex indices (ICT's vertex_indices.json). */
  multiPie68: number[];
  /** Substitutes for Multi-PIE points 0-7 (right jaw) and 9-16 (left jaw), from ICT's README. */
  jawlineRight: number[];
  jawlineLeft: number[];
  /** Denser supersets of the two jawlines, from ICT's README. */
  jawlineRightExtended: number[];
  jawlineLeftExtended: number[];
}

export interface IctAssetHeader {
  source: { repository: string; commit: string; licence: string };
  /** Model units are centimetres (the iris centres are 6.4 apart); toMm converts them. */
  units: { model: 'cm'; toMm: number };
  counts: {
    modelVertices: number;
    renderVertices: number;
    triangles: number;
    identityModes: number;
    expressions: number;
    /** Sum over expressions of stored (moving) vertices. */
    expressionEntries: number;
  };
  expressionNames: string[];
  groups: IctGroup[];
  landmarks: IctLandmarks;
  /** Vertices [0, n) form ICT's "narrow face area" (the face without its outer rim). */
  narrowFaceVertexCount: number;
  /** For the record: smallest quantisation step, and the per-axis move below which an expression vertex is dropped (model units). */
  quantisation: { minStep: number; expressionMoveThreshold: number };
  /** Exact payload sizes: a file cut short or padded fails here, before inflating. */
  payload: { compressedBytes: number; inflatedBytes: number };
  sections: IctSectionHeader[];
}

/** Element count every section must have, given the header's counts. */
export function expectedSectionLength(name: SectionName, counts: IctAssetHeader['counts']): number {
  const {
    modelVertices: v,
    renderVertices: r,
    triangles: t,
    identityModes: i,
    expressions: e,
    expressionEntries: n,
  } = counts;
  switch (name) {
    case 'neutral':
      return v * 3;
    case 'renderToModel':
      return r;
    case 'renderUv':
      return r * 2;
    case 'triangles':
      return t * 3;
    case 'identityScale':
      return i * 3;
    case 'identityQuantised':
      return i * 3 * v;
    case 'identitySdMm':
      return i;
    case 'expressionCounts':
      return e;
    case 'expressionVertexGaps':
      return n;
    case 'expressionScale':
      return e * 3;
    case 'expressionQuantised':
      return n * 3;
  }
}

/** Byte length of a section as stored. */
export function sectionByteLength(s: Pick<IctSectionHeader, 'type' | 'length'>): number {
  return s.length * SECTION_BYTES[s.type];
}
