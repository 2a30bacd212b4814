/**
 * Converts ICT-FaceKit Light (MIT, https://github.com/ICT-VGL/ICT-FaceKit) into
 * src/model/ict/ictFaceKit.bin and ictFaceKit.checks.json. Run: npm run convert:ict [-- options]
 *
 *   --git-dir DIR        a clone of ICT-FaceKit (bare or not); default $ICT_FACEKIT_GIT_DIR or
 *                        /work/.mirror/ICT-VGL+ICT-FaceKit/repo. FaceXModel/ is extracted with git archive.
 *   --rev REV            revision to extract (default HEAD); its commit is recorded in the asset.
 *   --obj-dir DIR        read OBJs from DIR instead of extracting (then --source-commit names the commit).
 *   --source-commit SHA  commit recorded for --obj-dir (default: --git-dir's --rev).
 *   --out-dir DIR        default src/model/ict
 *
 * Modes are OBJ minus neutral, as ICT's own loader computes them: every OBJ is a full mesh with
 * the neutral's topology (checked here). Identity weights are N(0, 1), so each mode's delta
 * already carries its scale; we record per mode the RMS displacement in mm over the face group.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { IctAssetHeader } from '../../src/model/ict/ictFormat';
import { meshBounds, meshCounts, sampleChecks, type IctChecks } from './checks';
import { ICT_LICENCE, ICT_REPOSITORY, JAWLINES, NARROW_FACE_VERTEX_COUNT, SOURCE_GROUPS } from './ictSourceTables';
import { parseObj, sameTopology, type ObjMesh } from './objReader';
import { quantiseBlocks, sparsifyExpressions } from './quantise';
import { buildRenderTopology } from './renderTopology';
import { writeIctAsset } from './writeIctAsset';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_GIT_DIR = process.env.ICT_FACEKIT_GIT_DIR ?? '/work/.mirror/ICT-VGL+ICT-FaceKit/repo';
const CM_TO_MM = 10;
/** Smallest quantisation step, cm (1 µm): the OBJs' own print resolution at 10 cm from the origin. */
const MIN_STEP = 1e-4;
/** An expression keeps a vertex when some axis moves more than this, cm (2 µm, twice the print resolution). */
const MOVE_THRESHOLD = 2e-4;

const { values: args } = parseArgs({
  options: {
    'git-dir': { type: 'string', default: DEFAULT_GIT_DIR },
    rev: { type: 'string', default: 'HEAD' },
    'obj-dir': { type: 'string' },
    'source-commit': { type: 'string' },
    'out-dir': { type: 'string', default: join(REPO_ROOT, 'src/model/ict') },
  },
});

function git(...command: string[]): string {
  return execFileSync('git', ['--git-dir', args['git-dir'], ...command], { encoding: 'utf8' }).trim();
}

function extractObjs(): { objDir: string; cleanup: () => void } {
  if (args['obj-dir'] !== undefined) return { objDir: args['obj-dir'], cleanup: () => undefined };
  const temp = mkdtempSync(join(tmpdir(), 'ict-facekit-'));
  const tar = join(temp, 'FaceXModel.tar');
  execFileSync('git', ['--git-dir', args['git-dir'], 'archive', '--format=tar', '-o', tar, args.rev, 'FaceXModel']);
  execFileSync('tar', ['-x', '-f', tar, '-C', temp]);
  return {
    objDir: join(temp, 'FaceXModel'),
    cleanup: () => {
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

function readMesh(objDir: string, name: string): ObjMesh {
  return parseObj(readFileSync(join(objDir, `${name}.obj`), 'utf8'), `${name}.obj`);
}

/** Reads a morph target and returns it minus the neutral mesh, after checking it shares the neutral's topology. */
function readDelta(objDir: string, name: string, neutral: ObjMesh): Float64Array {
  const mesh = readMesh(objDir, name);
  if (!sameTopology(mesh, neutral)) throw new Error(`${name}.obj does not share generic_neutral_mesh.obj's topology.`);
  return mesh.positions.map((p, i) => p - (neutral.positions[i] ?? 0));
}

function centroid(positions: Float64Array, groupName: string): number[] {
  const g = SOURCE_GROUPS.find((x) => x.name === groupName);
  if (g === undefined) throw new Error(`No group ${groupName}.`);
  const sum = [0, 0, 0];
  for (let v = g.vertices[0]; v <= g.vertices[1]; v++)
    for (let a = 0; a < 3; a++) sum[a] = (sum[a] ?? 0) + (positions[3 * v + a] ?? 0);
  return sum.map((s) => s / (g.vertices[1] - g.vertices[0] + 1));
}

/** sd of a mode: sqrt(mean over face-group vertices of |delta|^2), in mm, for a weight of 1. */
function rmsOverFaceMm(delta: Float64Array): number {
  const face = SOURCE_GROUPS[0];
  if (face?.name !== 'face') throw new Error('The first group must be the face.');
  let sum = 0;
  for (let i = 0; i < (face.vertices[1] + 1) * 3; i++) sum += (delta[i] ?? 0) ** 2;
  return Math.sqrt(sum / (face.vertices[1] + 1)) * CM_TO_MM;
}

/** Indented JSON with each array of plain numbers on one line, so a sample reads as one row. */
function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(
    /\[\s+([-\d.e,\s]*?)\s+\]/g,
    (_, inner: string) => `[${inner.replace(/\s+/g, ' ')}]`,
  );
}

function main(): void {
  const started = Date.now();
  const sourceCommit =
    args['source-commit'] ?? (existsSync(args['git-dir']) ? git('rev-parse', `${args.rev}^{commit}`) : undefined);
  if (sourceCommit === undefined) throw new Error('Name the source commit with --source-commit (no --git-dir to ask).');
  const { objDir, cleanup } = extractObjs();
  try {
    const config = JSON.parse(readFileSync(join(objDir, 'vertex_indices.json'), 'utf8')) as {
      expressions: string[];
      idx_to_landmark_verts: number[];
    };
    const neutral = readMesh(objDir, 'generic_neutral_mesh');
    const topology = buildRenderTopology(neutral, SOURCE_GROUPS);

    const identity: Float64Array[] = [];
    for (let m = 0; existsSync(join(objDir, `identity${String(m).padStart(3, '0')}.obj`)); m++) {
      identity.push(readDelta(objDir, `identity${String(m).padStart(3, '0')}`, neutral));
    }
    if (identity.length === 0) throw new Error(`No identity000.obj in ${objDir}.`);
    const expressions = config.expressions.map((name) => readDelta(objDir, name, neutral));

    const quantisedIdentity = quantiseBlocks(identity, MIN_STEP);
    const sparse = sparsifyExpressions(expressions, MOVE_THRESHOLD, MIN_STEP);
    const neutralF32 = Float32Array.from(neutral.positions);
    const neutralError = neutral.positions.reduce((m, p, i) => Math.max(m, Math.abs((neutralF32[i] ?? 0) - p)), 0);
    const vertexCount = neutral.positions.length / 3;
    const [irisLeft, irisRight] = [centroid(neutral.positions, 'irisLeft'), centroid(neutral.positions, 'irisRight')];
    const irisCentreDistance = Math.hypot(...irisLeft.map((x, a) => x - (irisRight[a] ?? 0)));
    // A human interpupillary distance is 5.5-7.5 cm: this is what tells us the OBJs are in centimetres.
    if (irisCentreDistance < 5 || irisCentreDistance > 7.5)
      throw new Error(`Iris centres are ${irisCentreDistance} units apart: not centimetres?`);

    const header: Omit<IctAssetHeader, 'sections' | 'payload'> = {
      source: { repository: ICT_REPOSITORY, commit: sourceCommit, licence: ICT_LICENCE },
      units: { model: 'cm', toMm: CM_TO_MM },
      counts: {
        modelVertices: vertexCount,
        renderVertices: topology.renderToModel.length,
        triangles: topology.triangles.length / 3,
        identityModes: identity.length,
        expressions: expressions.length,
        expressionEntries: sparse.vertexGaps.length,
      },
      expressionNames: config.expressions,
      groups: topology.groups,
      landmarks: { multiPie68: config.idx_to_landmark_verts, ...JAWLINES },
      narrowFaceVertexCount: NARROW_FACE_VERTEX_COUNT,
      quantisation: { minStep: MIN_STEP, expressionMoveThreshold: MOVE_THRESHOLD },
    };
    const asset = writeIctAsset(header, {
      neutral: neutralF32,
      renderToModel: topology.renderToModel,
      renderUv: topology.renderUv,
      triangles: topology.triangles,
      identityScale: quantisedIdentity.scales,
      identityQuantised: quantisedIdentity.quantised,
      identitySdMm: Float32Array.from(identity, rmsOverFaceMm),
      expressionCounts: sparse.counts,
      expressionVertexGaps: sparse.vertexGaps,
      expressionScale: sparse.scales,
      expressionQuantised: sparse.quantised,
    });

    const checks: IctChecks = {
      source: { repository: ICT_REPOSITORY, commit: sourceCommit },
      units: { model: 'cm', toMm: CM_TO_MM },
      counts: { ...header.counts, ...meshCounts(neutral), unusedModelVertices: topology.unusedModelVertices },
      expressionNames: config.expressions,
      multiPie68: config.idx_to_landmark_verts,
      bounds: meshBounds(neutral),
      irisCentreDistance: Number(irisCentreDistance.toPrecision(6)),
      measuredMaxError: {
        neutral: neutralError,
        identity: quantisedIdentity.maxError,
        expression: Math.max(sparse.maxError, sparse.maxDropped),
      },
      ...sampleChecks(neutral, identity, expressions),
    };

    const outDir = args['out-dir'];
    writeFileSync(join(outDir, 'ictFaceKit.bin'), asset);
    writeFileSync(join(outDir, 'ictFaceKit.checks.json'), `${formatJson(checks)}\n`);
    console.log(
      [
        `ICT-FaceKit ${sourceCommit}: ${vertexCount} vertices, ${header.counts.renderVertices} render vertices, ${header.counts.triangles} triangles`,
        `${identity.length} identity modes, ${expressions.length} expressions (${sparse.vertexGaps.length} stored vertex deltas)`,
        `iris centres ${irisCentreDistance.toFixed(3)} cm apart; max error (cm): neutral ${neutralError.toExponential(2)}, identity ${quantisedIdentity.maxError.toExponential(2)}, expression ${sparse.maxError.toExponential(2)} (dropped vertices ${sparse.maxDropped.toExponential(2)})`,
        `wrote ${join(outDir, 'ictFaceKit.bin')} (${(asset.length / 1e6).toFixed(2)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      ].join('\n'),
    );
  } finally {
    cleanup();
  }
}

main();
