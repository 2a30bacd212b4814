/**
 * ictFaceKit.checks.json: values read straight from the OBJs (model units, cm), for the unit test
 * to compare against the decoded asset. Samples are drawn with the project's seeded PRNG, so the
 * file is the same on every run over the same source commit.
 */
import { createRng } from '../../src/lib/random';
import type { ObjMesh } from './objReader';

export interface IctChecks {
  source: { repository: string; commit: string };
  units: { model: 'cm'; toMm: number };
  counts: {
    modelVertices: number;
    uvs: number;
    polygons: number;
    quads: number;
    objTriangles: number;
    renderVertices: number;
    triangles: number;
    identityModes: number;
    expressions: number;
    expressionEntries: number;
    unusedModelVertices: number;
  };
  expressionNames: string[];
  multiPie68: number[];
  /** Axis-aligned bounds of the neutral mesh, model units. */
  bounds: { min: number[]; max: number[] };
  /** Distance between the centroids of the two irises, model units (about 6.2 means centimetres). */
  irisCentreDistance: number;
  /** Converter's own measure over every value (not only the samples), model units. */
  measuredMaxError: { neutral: number; identity: number; expression: number };
  /** [vertex, axis, value] */
  neutralSamples: [number, number, number][];
  /** [mode, vertex, axis, delta] where delta = identityNNN.obj - generic_neutral_mesh.obj */
  identitySamples: [number, number, number, number][];
  /** [expression, vertex, axis, delta]; half of them drawn among vertices that move by more than 0.01 */
  expressionSamples: [number, number, number, number][];
  /** Polygons as the OBJ gives them: model vertex and uv of each corner. */
  polygonSamples: { polygon: number; vertices: number[]; uvs: number[] }[];
}

const SAMPLES = 300;
const POLYGON_SAMPLES = 100;
const MOVING = 0.01;

/** Seven significant digits: far below the test tolerance, and the JSON stays readable. */
const round = (x: number): number => Number(x.toPrecision(7));

export function meshCounts(mesh: ObjMesh): Pick<IctChecks['counts'], 'uvs' | 'polygons' | 'quads' | 'objTriangles'> {
  const sizes = Array.from(
    { length: mesh.polygonStarts.length - 1 },
    (_, p) => (mesh.polygonStarts[p + 1] ?? 0) - (mesh.polygonStarts[p] ?? 0),
  );
  return {
    uvs: mesh.uvs.length / 2,
    polygons: sizes.length,
    quads: sizes.filter((n) => n === 4).length,
    objTriangles: sizes.filter((n) => n === 3).length,
  };
}

export function meshBounds(mesh: ObjMesh): IctChecks['bounds'] {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  mesh.positions.forEach((p, i) => {
    min[i % 3] = Math.min(min[i % 3] ?? Infinity, p);
    max[i % 3] = Math.max(max[i % 3] ?? -Infinity, p);
  });
  return { min, max };
}

export function sampleChecks(
  neutral: ObjMesh,
  identity: readonly Float64Array[],
  expressions: readonly Float64Array[],
): Pick<IctChecks, 'neutralSamples' | 'identitySamples' | 'expressionSamples' | 'polygonSamples'> {
  const vertexCount = neutral.positions.length / 3;
  const rng = createRng('ict-facekit-checks');
  const neutralSamples = Array.from({ length: SAMPLES }, (): [number, number, number] => {
    const v = rng.int(0, vertexCount - 1);
    const axis = rng.int(0, 2);
    return [v, axis, round(neutral.positions[3 * v + axis] ?? NaN)];
  });
  const identitySamples = Array.from({ length: SAMPLES }, (): [number, number, number, number] => {
    const mode = rng.int(0, identity.length - 1);
    const v = rng.int(0, vertexCount - 1);
    const axis = rng.int(0, 2);
    return [mode, v, axis, round(identity[mode]?.[3 * v + axis] ?? NaN)];
  });
  const expressionSamples = Array.from({ length: SAMPLES }, (_, i): [number, number, number, number] => {
    const e = rng.int(0, expressions.length - 1);
    const delta = expressions[e] ?? new Float64Array(0);
    const moving: number[] = [];
    if (i % 2 === 1) for (let k = 0; k < delta.length; k++) if (Math.abs(delta[k] ?? 0) > MOVING) moving.push(k);
    const k = moving.length > 0 ? (moving[rng.int(0, moving.length - 1)] ?? 0) : rng.int(0, delta.length - 1);
    return [e, Math.floor(k / 3), k % 3, round(delta[k] ?? NaN)];
  });
  const polygonSamples = Array.from({ length: POLYGON_SAMPLES }, () => {
    const polygon = rng.int(0, neutral.polygonStarts.length - 2);
    const corners = Array.from(
      { length: (neutral.polygonStarts[polygon + 1] ?? 0) - (neutral.polygonStarts[polygon] ?? 0) },
      (_, c) => c + (neutral.polygonStarts[polygon] ?? 0),
    );
    const vertices = corners.map((c) => neutral.cornerPositions[c] ?? -1);
    const uvs = corners.flatMap((c) => {
      const uv = neutral.cornerUvs[c] ?? -1;
      return [round(neutral.uvs[2 * uv] ?? NaN), round(neutral.uvs[2 * uv + 1] ?? NaN)];
    });
    return { polygon, vertices, uvs };
  });
  return { neutralSamples, identitySamples, expressionSamples, polygonSamples };
}
