/**
 * Browser side of `npm run bench:render`: N random faces with backgrounds through the face
 * worker's batch renderer, timed per stage. Loaded by the dev server inside headless Chromium.
 */
import type { FaceModelId } from '../src/model/gmf/face/faceModel';
import { type GeneratorSpec, TINY_PRESET } from '../src/model/gmf/generatorSpec';
import { sampleIdentity, sampleVariation } from '../src/model/gmf/sampling';
import type { FaceRenderParams } from '../src/model/render/facePipeline';
import { variationRenderParams } from '../src/model/render/variationParams';
import { createJobClient } from '../src/lib/jobs/client';
import type { FaceJobs } from '../src/pipeline/generate/faceJobs';
import { createRng } from '../src/lib/random';
import { loadCanonicalMesh } from '../src/model/gmf/mesh/loadCanonicalMesh';
import { buildShapeModel } from '../src/model/gmf/shape/shapeModel';
import { buildTextureModel } from '../src/model/gmf/texture/textureModel';
import { TEXTURE_BAND_COUNT } from '../src/model/gmf/texture/textureBands';
import { renderAlbedo } from '../src/model/gmf/texture/renderAlbedo';
import { renderBackground } from '../src/model/gmf/background/backgrounds';

export interface RenderBenchResult {
  backend: string;
  faces: number;
  variationsPerIdentity: number;
  resolution: number;
  /** Supersampling factor (the original generator's default is 4). */
  renderScale: number;
  facesPerSecond: number;
  wallMs: number;
  modelBuildMs: number;
  /** Milliseconds per face for each stage. */
  perFaceMs: {
    sampling: number;
    deformation: number;
    albedo: number;
    submit: number;
    readback: number;
    background: number;
    transferAndOther: number;
  };
}

export async function runRenderBench(
  faces: number,
  variationsPerIdentity: number,
  resolution = 112,
  renderScale = 1,
  model: FaceModelId = 'gmf-procedural',
  sequential = false,
): Promise<RenderBenchResult> {
  const jobs = createJobClient<FaceJobs>(
    () => new Worker(new URL('../src/workers/face.worker.ts', import.meta.url), { type: 'module' }),
  );
  const { sds } = await jobs.run('init', { model });
  const spec: GeneratorSpec = {
    ...structuredClone(TINY_PRESET),
    faceModel: model,
    faceModelVersion: undefined,
    identities: Math.ceil(faces / variationsPerIdentity),
    variationsPerIdentity,
    ethnicities: ['WC', 'EA', 'BA'],
    age: { min: 20, max: 70 },
    addBackground: true,
  };
  // Warm up: build pipelines, compile shaders, make the first backgrounds.
  const warm = sampleIdentity(spec, 10_000, sds);
  await jobs.run('renderFaces', {
    model,
    items: [
      {
        identity: warm,
        expression: { emo: 'neutral' },
        pose: { xr: 0, yr: 0, zr: 0, xt: 0, yt: 0, zt: 0 },
        light: { xl: 0, yl: 0, zl: 0 },
        background: 0,
      },
    ],
    width: resolution,
    height: resolution,
    binocular: false,
    backgroundSeed: 0,
    renderScale,
  });
  const before = (
    await jobs.run('renderFaces', {
      model,
      items: [],
      width: resolution,
      height: resolution,
      binocular: false,
      backgroundSeed: 0,
      renderScale,
    })
  ).timing;

  // bench/run.mjs reads the browser's processes' CPU time between these marks (GPU process included).
  const cpuMark = (globalThis as { __benchCpu?: (phase: 'start' | 'end') => Promise<void> }).__benchCpu;
  await cpuMark?.('start');
  const t0 = performance.now();
  const items: FaceRenderParams[] = [];
  for (let id = 0; items.length < faces; id++) {
    const identity = sampleIdentity(spec, id, sds);
    for (let v = 0; v < variationsPerIdentity && items.length < faces; v++) {
      const variation = sampleVariation(spec, id, v);
      items.push(variationRenderParams(spec, identity, variation));
    }
  }
  const samplingMs = performance.now() - t0;
  const t1 = performance.now();
  const out = await jobs.run('renderFaces', {
    model,
    items,
    width: resolution,
    height: resolution,
    binocular: false,
    backgroundSeed: 0,
    renderScale,
    sequential,
  });
  const renderWallMs = performance.now() - t1;
  await cpuMark?.('end');
  jobs.terminate();
  const after = out.timing;
  const stage = (k: keyof typeof after) => (after[k] - before[k]) / faces;
  const known =
    stage('geometryMs') + stage('albedoMs') + stage('submitMs') + stage('readbackMs') + stage('backgroundMs');
  const wallMs = samplingMs + renderWallMs;
  return {
    backend: out.backend,
    faces,
    variationsPerIdentity,
    resolution,
    renderScale,
    facesPerSecond: (faces / wallMs) * 1000,
    wallMs,
    modelBuildMs: out.modelBuildMs,
    perFaceMs: {
      sampling: samplingMs / faces,
      deformation: stage('geometryMs'),
      albedo: stage('albedoMs'),
      submit: stage('submitMs'),
      readback: stage('readbackMs'),
      background: stage('backgroundMs'),
      transferAndOther: renderWallMs / faces - known,
    },
  };
}

/**
 * Single model stages on the CPU, with the budgets that unit tests once asserted (a loaded
 * machine failed them): the 394-component shape model build, one 256 px albedo with 5 x 100
 * components and one 256 px background. Best of several runs, after a warm-up.
 */
export interface ModelStageBenchResult {
  shapeModelBuildMs: number;
  shapeModelBuildBudgetMs: number;
  albedo256Ms: number;
  albedo256BudgetMs: number;
  background256Ms: number;
}

function bestMs(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export function runModelStageBench(): ModelStageBenchResult {
  const mesh = loadCanonicalMesh();
  const shapeModelBuildMs = bestMs(3, () => buildShapeModel(mesh.positions));
  const texture = buildTextureModel(mesh, { size: 256, components: 100 });
  const rng = createRng(3, 'model-stage-bench');
  const tex = Array.from({ length: TEXTURE_BAND_COUNT }, () => Float32Array.from({ length: 100 }, () => rng.normal()));
  const out = new Uint8ClampedArray(4 * 256 * 256);
  const albedo = () => renderAlbedo(texture, { gender: 'F', ethn: 'WC', age: 25, tex }, out);
  bestMs(3, albedo); // warm up the JIT
  const background = () => renderBackground(42, 256, createRng(42, 'background', 42).next);
  return {
    shapeModelBuildMs,
    shapeModelBuildBudgetMs: 1500,
    albedo256Ms: bestMs(10, albedo),
    albedo256BudgetMs: 60,
    background256Ms: bestMs(3, background),
  };
}
