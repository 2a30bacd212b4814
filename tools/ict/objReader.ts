/**
 * A small Wavefront OBJ reader for the ICT-FaceKit meshes: `v`, `vt`, `f` (3 or more corners,
 * in the v, v/vt, v//vn and v/vt/vn forms, negative indices allowed) and `usemtl`. Normals,
 * groups and smoothing are ignored: the converter needs positions, uvs and polygons only.
 */

export interface ObjMesh {
  /** xyz per vertex, as read (double precision). */
  positions: Float64Array;
  /** uv per texture vertex. */
  uvs: Float64Array;
  /** Corners of polygon p are [polygonStarts[p], polygonStarts[p + 1]). */
  polygonStarts: Uint32Array;
  /** 0-based position index of each corner. */
  cornerPositions: Uint32Array;
  /** 0-based uv index of each corner, or -1 where the face gives none. */
  cornerUvs: Int32Array;
  /** Material switches: from polygon `start` on, `usemtl name` applies. */
  materials: { start: number; name: string }[];
}

export class ObjParseError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'ObjParseError';
  }
}

/** OBJ indices are 1-based, negative ones count back from the latest element. */
function resolveIndex(token: string, count: number, fail: (m: string) => never): number {
  const raw = Number(token);
  if (!Number.isInteger(raw) || raw === 0) fail(`bad index "${token}"`);
  const index = raw > 0 ? raw - 1 : count + raw;
  if (index < 0 || index >= count) fail(`index ${raw} outside the ${count} elements read so far`);
  return index;
}

function pushNumbers(out: number[], parts: string[], n: number, fail: (m: string) => never): void {
  for (let i = 1; i <= n; i++) {
    const value = Number(parts[i]);
    if (parts[i] === undefined || !Number.isFinite(value)) fail(`expected ${n} numbers`);
    out.push(value);
  }
}

export function parseObj(text: string, file = 'mesh.obj'): ObjMesh {
  const positions: number[] = [];
  const uvs: number[] = [];
  const polygonStarts: number[] = [0];
  const cornerPositions: number[] = [];
  const cornerUvs: number[] = [];
  const materials: { start: number; name: string }[] = [];
  const lines = text.split('\n');
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = (lines[lineIndex] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const parts = line.split(/\s+/);
    const fail = (message: string): never => {
      throw new ObjParseError(file, lineIndex + 1, message);
    };
    switch (parts[0]) {
      case 'v':
        pushNumbers(positions, parts, 3, fail);
        break;
      case 'vt':
        pushNumbers(uvs, parts, 2, fail);
        break;
      case 'f': {
        if (parts.length < 4) fail('a face needs at least 3 corners');
        for (let i = 1; i < parts.length; i++) {
          const [v = '', vt = ''] = (parts[i] ?? '').split('/');
          cornerPositions.push(resolveIndex(v, positions.length / 3, fail));
          cornerUvs.push(vt === '' ? -1 : resolveIndex(vt, uvs.length / 2, fail));
        }
        polygonStarts.push(cornerPositions.length);
        break;
      }
      case 'usemtl':
        materials.push({ start: polygonStarts.length - 1, name: parts.slice(1).join(' ') });
        break;
      default:
        break; // vn, o, g, s, mtllib: not needed here.
    }
  }
  return {
    positions: Float64Array.from(positions),
    uvs: Float64Array.from(uvs),
    polygonStarts: Uint32Array.from(polygonStarts),
    cornerPositions: Uint32Array.from(cornerPositions),
    cornerUvs: Int32Array.from(cornerUvs),
    materials,
  };
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when two meshes share vertex count, uvs and polygons, so their positions can be subtracted. */
export function sameTopology(a: ObjMesh, b: ObjMesh): boolean {
  return (
    a.positions.length === b.positions.length &&
    sameArray(a.uvs, b.uvs) &&
    sameArray(a.polygonStarts, b.polygonStarts) &&
    sameArray(a.cornerPositions, b.cornerPositions) &&
    sameArray(a.cornerUvs, b.cornerUvs)
  );
}
