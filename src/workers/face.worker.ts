/** The face worker: face models live here (each built once), as do offscreen renderers. */
import { generateDataset } from '../pipeline/generate/generateDataset';
import { measureGenerationSpeed } from '../pipeline/generate/measureSpeed';
import { resolveAuditOptions } from '../pipeline/audit/auditOptions';
import { type AuditRenderer, runFactorAudit } from '../pipeline/audit/runFactorAudit';
import { GmfError } from '../lib/errors';
import { openWorkbenchDb, type WorkbenchDb } from '../lib/storage';
import { FACE_MODELS, faceCentre, type FaceModelId, type FaceTextures } from '../model/gmf/face/faceModel';
import { faceModelOf, type GeneratorSpec } from '../model/gmf/generatorSpec';
import { CAMERA } from '../model/render/camera';
import { FacePipeline, FRAMES_IN_FLIGHT } from '../model/render/facePipeline';
import { OffscreenRenderer } from '../model/render/offscreenRenderer';
import type { FaceJobs } from '../pipeline/generate/faceJobs';
import { serveJobs } from '../lib/jobs/runtime';
import { faceModels } from './faceModels';
import { renderFailure } from '../pipeline/generate/renderFailure';
import { GpuRenderError } from '../model/render/renderChecks';

const pipelines = new Map<string, Promise<FacePipeline>>();

function pipelineFor(
  modelId: FaceModelId,
  width: number,
  height: number,
  backgroundSeed: number,
  scale: number,
  cameraDistance: number = CAMERA.distance,
): Promise<FacePipeline> {
  const key = `${modelId}:${width}x${height}x${scale}:${backgroundSeed}:${cameraDistance}`;
  let pipeline = pipelines.get(key);
  if (!pipeline) {
    pipeline = (async () =>
      new FacePipeline(
        await faceModels.get(modelId),
        await OffscreenRenderer.forFaceModel(FACE_MODELS[modelId], width, height, scale),
        backgroundSeed,
        cameraDistance,
      ))();
    pipeline.catch(() => pipelines.delete(key));
    pipelines.set(key, pipeline);
  }
  return pipeline;
}

/** A GPU fault leaves a renderer unusable (a lost device, a half-made target): the next job makes new ones. */
function dropRenderersAfter(error: unknown): void {
  const cause = error instanceof Error ? error.cause : undefined;
  if (!(error instanceof GpuRenderError) && !(cause instanceof GpuRenderError)) return;
  for (const pipeline of pipelines.values())
    void pipeline
      .then((p) => {
        p.dispose();
      })
      .catch(() => undefined);
  pipelines.clear();
}

/** The generator's pipeline for `spec`: refused (RenderLimitError) when the GPU's limits cannot hold its frames. */
function generatorPipeline(spec: GeneratorSpec): Promise<FacePipeline> {
  return pipelineFor(
    faceModelOf(spec).id,
    spec.resolution,
    spec.resolution,
    spec.seed,
    spec.renderScale,
    spec.cameraDistance,
  ).catch((error: unknown) => {
    throw renderFailure(error, spec);
  });
}

/** Copies, so transferring them leaves the model's cached textures intact. */
function copyTextures(textures: FaceTextures): FaceTextures {
  const copy = (t: { size: number; rgba: Uint8ClampedArray }) => ({
    size: t.size,
    rgba: new Uint8ClampedArray(t.rgba),
  });
  return {
    skin: copy(textures.skin),
    ...(textures.iris ? { iris: copy(textures.iris) } : {}),
    ...(textures.hair ? { hair: copy(textures.hair) } : {}),
  };
}

let db: Promise<WorkbenchDb> | undefined;

serveJobs<FaceJobs>({
  generateDataset: async ({ datasetId, spec }, ctx) => {
    db ??= openWorkbenchDb();
    const model = await faceModels.get(faceModelOf(spec).id);
    const pipeline = await generatorPipeline(spec);
    return generateDataset(await db, pipeline, model.sds, datasetId, spec, ctx.signal, (done, total) => {
      ctx.progress(done, total);
    }).catch((error: unknown) => {
      dropRenderersAfter(error);
      throw error;
    });
  },
  measureSpeed: async ({ spec }, ctx) => {
    const start = performance.now();
    const model = await faceModels.get(faceModelOf(spec).id);
    const pipeline = await generatorPipeline(spec);
    const buildMs = performance.now() - start;
    const result = await measureGenerationSpeed(pipeline, model.sds, spec, ctx.signal).catch((error: unknown) => {
      dropRenderersAfter(error);
      throw error;
    });
    return { ...result, setupMs: buildMs + result.setupMs };
  },
  factorAudit: async ({ spec, options }, ctx) => {
    const { resolution, renderScale } = resolveAuditOptions(spec, options);
    const pipeline = await pipelineFor(
      faceModelOf(spec).id,
      resolution,
      resolution,
      spec.seed,
      renderScale,
      spec.cameraDistance,
    );
    const render: AuditRenderer = (faces, onImage) =>
      pipeline.renderSequence(
        faces.map((params) => ({ params })),
        [0],
        ({ images: [image] }, _, index) => {
          if (!image) throw new GmfError('AUDIT_NO_IMAGE', 'The renderer returned no image.');
          onImage(image, index);
        },
      );
    return runFactorAudit(render, spec, options, ctx.signal, (done, total) => {
      ctx.progress(done, total);
    });
  },
  init: async ({ model: id }) => {
    const m = await faceModels.get(id);
    const mean = { gender: 'F', ethn: 'WC', age: 30, shape: [], tex: [] } as const;
    return {
      info: m.info,
      topology: m.topology,
      sds: { shapeSd: m.sds.shapeSd, textureSd: [...m.sds.textureSd] },
      noseTip: m.noseTip,
      neutralCentre: faceCentre(m.topology, m.positions(mean, { emo: 'neutral' })),
    };
  },
  geometry: async ({ model, identity, expression }, ctx) => {
    const positions = (await faceModels.get(model)).positions(identity, expression);
    ctx.transfer(positions.buffer);
    return { positions };
  },
  textures: async ({ model, identity }, ctx) => {
    const textures = copyTextures((await faceModels.get(model)).textures(identity));
    for (const t of [textures.skin, textures.iris, textures.hair]) if (t) ctx.transfer(t.rgba.buffer);
    return textures;
  },
  renderFaces: async (
    {
      model = 'gmf-procedural',
      items,
      width,
      height,
      binocular,
      backgroundSeed,
      renderScale = 1,
      cameraDistance,
      sequential = false,
    },
    ctx,
  ) => {
    // No items: a check that the GPU's limits hold these settings (RenderLimitError otherwise).
    const pipeline = await pipelineFor(model, width, height, backgroundSeed, renderScale, cameraDistance).catch(
      (error: unknown) => {
        throw renderFailure(error, { resolution: Math.max(width, height), renderScale });
      },
    );
    const offsets = binocular ? [CAMERA.eyeOffsets[0], 0, CAMERA.eyeOffsets[1]] : [0];
    const images: Uint8ClampedArray[][] = [];
    await pipeline
      .renderSequence(
        items.map((params) => ({ params })),
        offsets,
        ({ images: rendered }) => {
          if (ctx.signal.aborted) throw ctx.signal.reason;
          for (const image of rendered) ctx.transfer(image.buffer);
          images.push(rendered);
          ctx.progress(images.length, items.length);
        },
        sequential ? 1 : FRAMES_IN_FLIGHT,
      )
      .catch((error: unknown) => {
        dropRenderersAfter(error);
        throw error;
      });
    return {
      images,
      backend: pipeline.backend,
      timing: { ...pipeline.timing },
      modelBuildMs: faceModels.buildMs(model) ?? 0,
    };
  },
});
