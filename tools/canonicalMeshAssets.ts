/**
 * Build-time extraction of the MediaPipe canonical face mesh (Node only).
 *
 * The mesh lives inside @mediapipe/face_mesh's packed asset file; its byte range is
 * listed in the package's asset loader script, so we read it from there rather than
 * hard-coding offsets. Landmark groups (FACEMESH_LIPS, ...) are globals set by the
 * package's Closure-compiled script, which we run in a sandboxed `vm` context here,
 * at build time, so the browser never evaluates it (our CSP forbids eval).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

export const METADATA_FILE = 'geometry_pipeline_metadata_landmarks.binarypb';
const PACKED_DATA = 'face_mesh_solution_packed_assets.data';
const PACKED_LOADER = 'face_mesh_solution_packed_assets_loader.js';
const SOLUTION_SCRIPT = 'face_mesh.js';

export type Edge = readonly [number, number];

export interface CanonicalMeshAssets {
  /** Raw GeometryPipelineMetadata protobuf bytes. */
  metadata: Uint8Array;
  /** FACEMESH_* edge lists exported by the package, keyed by their export name. */
  landmarkGroups: Record<string, Edge[]>;
  /** Package version, recorded so a later package bump is visible. */
  packageVersion: string;
}

interface PackedFileEntry {
  filename: string;
  start: number;
  end: number;
}

export function mediapipePackageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@mediapipe/face_mesh/package.json'));
}

/** Finds `loadPackage({...})` in the loader script and returns its file table. */
export function parsePackedFileTable(loaderSource: string): PackedFileEntry[] {
  const match = /loadPackage\((\{"files":.*?\})\);/s.exec(loaderSource);
  if (!match?.[1]) throw new Error(`${PACKED_LOADER}: no loadPackage({...}) call found`);
  const parsed = JSON.parse(match[1]) as { files?: unknown };
  if (!Array.isArray(parsed.files)) throw new Error(`${PACKED_LOADER}: loadPackage has no files list`);
  return parsed.files.map((f: unknown) => {
    const e = f as Partial<PackedFileEntry>;
    if (typeof e.filename !== 'string' || typeof e.start !== 'number' || typeof e.end !== 'number') {
      throw new Error(`${PACKED_LOADER}: malformed file entry ${JSON.stringify(f)}`);
    }
    return { filename: e.filename, start: e.start, end: e.end };
  });
}

function readLandmarkGroups(solutionSource: string): Record<string, Edge[]> {
  const sandbox: Record<string, unknown> = {};
  sandbox.globalThis = sandbox;
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(solutionSource, sandbox, { timeout: 5000 });
  const groups: Record<string, Edge[]> = {};
  for (const [name, value] of Object.entries(sandbox)) {
    if (!name.startsWith('FACEMESH_') || !Array.isArray(value)) continue;
    // Copy out of the sandbox realm into plain arrays of this realm.
    groups[name] = (value as unknown[]).map((pair) => {
      const [a, b] = pair as [unknown, unknown];
      if (typeof a !== 'number' || typeof b !== 'number')
        throw new Error(`${SOLUTION_SCRIPT}: ${name} holds a non-numeric edge`);
      return [a, b] as const;
    });
  }
  if (Object.keys(groups).length === 0) throw new Error(`${SOLUTION_SCRIPT}: no FACEMESH_* groups found`);
  return groups;
}

export function readCanonicalMeshAssets(packageDir = mediapipePackageDir()): CanonicalMeshAssets {
  const table = parsePackedFileTable(readFileSync(join(packageDir, PACKED_LOADER), 'utf8'));
  const entry = table.find((f) => f.filename.endsWith(`/${METADATA_FILE}`));
  if (!entry) throw new Error(`${PACKED_LOADER}: ${METADATA_FILE} is not in the packed file table`);
  const data = readFileSync(join(packageDir, PACKED_DATA));
  if (entry.end > data.length || entry.start >= entry.end) {
    throw new Error(`${PACKED_DATA}: byte range ${entry.start}..${entry.end} outside file of ${data.length} bytes`);
  }
  const metadata = new Uint8Array(data.subarray(entry.start, entry.end));
  const landmarkGroups = readLandmarkGroups(readFileSync(join(packageDir, SOLUTION_SCRIPT), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { metadata, landmarkGroups, packageVersion: pkg.version };
}
