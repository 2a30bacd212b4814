/** The face worker: the face model lives here (built once), as do offscreen renderers. */
import { generateDataset } from '../pipeline/generate/generateDataset';
import { openWorkbenchDb, type WorkbenchDb } from '../lib/storage';
import {
  buildFaceModel,
  DEFAULT_FACE_MODEL_OPTIONS,
  type FaceModel,
  faceAlbedo,
  faceVertexPositions,
} from '../model/gmf/face/faceModel';
import { loadCanonicalMesh } from '../model/gmf/mesh/loadCanonicalMesh';
import { CAMERA } from '../model/render/camera';
import { FacePipeline } from '../model/render/facePipeline';
import { OffscreenRenderer } from '../model/render/offscreenRenderer';
import type { FaceJobs } from '../pipeline/generate/faceJobs';
import { serveJobs } from '../lib/jobs/runtime';

let model: FaceModel | undefined;
let modelBuildMs = 0;
const pipelines = new Map<string, FacePipeline>();

function ensureModel(options = DEFAULT_FACE_MODEL_OPTIONS): FaceModel {
  if (!model || JSON.stringify(model.options) !== JSON.stringify(options)) {
    const start = performance.now();
    model = buildFaceModel(loadCanonicalMesh(), options);
    modelBuildMs = performance.now() - start;
    pipelines.clear();
  }
  return model;
}

async function pipelineFor(
  width: number,
  height: number,
  backgroundSeed: number,
  scale: number,
  cameraDistance: number = CAMERA.distance,
): Promise<FacePipeline> {
  const key = `${width}x${height}x${scale}:${backgroundSeed}:${cameraDistance}`;
  let pipeline = pipelines.get(key);
  if (!pipeline) {
    pipeline = new FacePipeline(
      ensureModel(),
      await OffscreenRenderer.create(width, height, { scale }),
      backgroundSeed,
      cameraDistance,
    );
    pipelines.set(key, pipeline);
  }
  return pipeline;
}

let db: Promise<WorkbenchDb> | undefined;

serveJobs<FaceJobs>({
  generateDataset: async ({ datasetId, spec }, ctx) => {
    db ??= openWorkbenchDb();
    const m = ensureModel();
    const pipeline = await pipelineFor(
      spec.resolution,
      spec.resolution,
      spec.seed,
      spec.renderScale,
      spec.cameraDistance,
    );
    return generateDataset(await db, pipeline, m.sds, datasetId, spec, ctx.signal, (done, total) => {
      ctx.progress(done, total);
    });
  },
  init: ({ options }) => {
    const m = ensureModel(options);
    return Promise.resolve({
      vertexCount: m.mesh.vertexCount,
      maskVertexCount: m.head.maskVertexCount,
      uvs: m.mesh.uvs,
      indices: m.mesh.indices,
      textureSize: m.options.textureSize,
      shapeSd: m.sds.shapeSd,
      textureSd: [...m.sds.textureSd],
    });
  },
  geometry: ({ identity, expression }, ctx) => {
    const positions = faceVertexPositions(ensureModel(), identity, expression);
    ctx.transfer(positions.buffer);
    return Promise.resolve({ positions });
  },
  albedo: ({ identity }, ctx) => {
    const rgba = faceAlbedo(ensureModel(), identity);
    ctx.transfer(rgba.buffer);
    return Promise.resolve({ rgba });
  },
  renderFaces: async ({ items, width, height, binocular, backgroundSeed, renderScale = 1, cameraDistance }, ctx) => {
    const pipeline = await pipelineFor(width, height, backgroundSeed, renderScale, cameraDistance);
    const offsets = binocular ? [CAMERA.eyeOffsets[0], 0, CAMERA.eyeOffsets[1]] : [0];
    const images: Uint8ClampedArray[][] = [];
    for (let i = 0; i < items.length; i++) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const item = items[i];
      if (!item) continue;
      const rendered = await pipeline.render(item, offsets);
      for (const image of rendered) ctx.transfer(image.buffer);
      images.push(rendered);
      ctx.progress(i + 1, items.length);
    }
    return { images, backend: pipeline.backend, timing: { ...pipeline.timing }, modelBuildMs };
  },
});
