/**
 * Worker side of `npm run bench:train`: ResNet6 training steps on one tfjs backend, and the
 * streamed / stored comparison (the app's own batch sources and training loop), for a face model.
 */
import type { ImageRecord } from '../src/pipeline/dataset/records';
import type { FaceModelId } from '../src/model/gmf/face/faceModel';
import { TINY_PRESET, type GeneratorSpec } from '../src/model/gmf/generatorSpec';
import { sampleIdentity, sampleVariation } from '../src/model/gmf/sampling';
import { CAMERA } from '../src/model/render/camera';
import { FacePipeline } from '../src/model/render/facePipeline';
import { OffscreenRenderer } from '../src/model/render/offscreenRenderer';
import { buildModel } from '../src/pipeline/train/architectures';
import type { TfjsBackendName } from '../src/lib/tfjs/backendKinds';
import { initTfjsRuntime, selectBackend } from '../src/lib/tfjs/runtime';
import { type BatchSource, storedSource, streamedSource } from '../src/pipeline/train/data/batchSource';
import { trainLoop } from '../src/pipeline/train/loop';
import { measureStepSpeed } from '../src/pipeline/train/stepSpeed';
import { DEFAULT_TRAIN_CONFIG } from '../src/pipeline/train/runConfig';
import { buildTargetSpecs } from '../src/pipeline/train/targets';
import { serveJobs } from '../src/lib/jobs/runtime';
import { createJobClient } from '../src/lib/jobs/client';
import { renderAheadSource } from '../src/pipeline/train/data/renderAheadSource';
import type { StreamRenderJobs } from '../src/pipeline/train/data/streamJobs';
import { faceModels } from '../src/workers/faceModels';

export type TrainBenchJobs = {
  steps: {
    input: { backend: TfjsBackendName; size: number; batch: number; classes: number; steps: number; budgetMs: number };
    output: {
      backend: string;
      threads: number | null;
      msPerStep: number | null;
      warmupMs: number;
      measuredSteps: number;
    };
  };
  sources: {
    input: { backend: TfjsBackendName; size: number; batch: number; steps: number; model: FaceModelId };
    output: {
      model: FaceModelId;
      storedMsPerStep: number;
      /** Rendered by the stream render worker beside training (what the app does). */
      streamedMsPerStep: number;
      /**
       * As streamedMsPerStep with a new identity for every face (a dataset of many identities,
       * where the bench's 8 are always in the caches).
       */
      streamedDistinctIdentitiesMsPerStep: number;
      /** Rendered in the training worker, in line with the steps (the app before issue 16). */
      inThreadStreamedMsPerStep: number;
      /**
       * The stream render worker's stage times per batch over the streamed pass (its renderer's
       * timing): readbackMs is the wait for the GPU (SwiftShader's draws where there is none).
       */
      streamedRenderMsPerBatch: Record<string, number> | null;
    };
  };
};

/** Untimed steps before the timed ones, as the PyTorch peer (trainPeer.py). */
const WARMUP_STEPS = 3;

initTfjsRuntime();

serveJobs<TrainBenchJobs>({
  steps: async ({ backend, size, batch, classes, steps, budgetMs }) => {
    const report = await selectBackend(backend);
    if (report.backend !== backend)
      return { backend: `${backend} unavailable`, threads: null, msPerStep: null, warmupMs: 0, measuredSteps: 0 };
    const { msPerStep, warmupMs, measuredSteps } = await measureStepSpeed({
      architecture: 'ResNet6',
      size,
      batch,
      classes,
      steps,
      budgetMs,
      warmupSteps: WARMUP_STEPS,
    });
    return { backend, threads: report.wasmThreads, msPerStep, warmupMs, measuredSteps };
  },
  sources: async ({ backend, size, batch, steps, model }) => {
    await selectBackend(backend);
    const spec: GeneratorSpec = {
      ...structuredClone(TINY_PRESET),
      faceModel: model,
      faceModelVersion: undefined,
      resolution: size,
      identities: 8,
      variationsPerIdentity: 4,
      binocular: false,
      renderScale: 1,
    };
    const faces = await faceModels.get(model);
    const pipeline = new FacePipeline(
      faces,
      await OffscreenRenderer.forFaceModel(faces.info, size, size, spec.renderScale),
      spec.seed,
      CAMERA.distance,
    );
    const canvas = new OffscreenCanvas(size, size);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas');
    const records: ImageRecord[] = [];
    for (let id = 0; id < spec.identities; id++) {
      const identity = sampleIdentity(spec, id, faces.sds);
      for (let v = 0; v < spec.variationsPerIdentity; v++) {
        const variation = sampleVariation(spec, id, v);
        const [rgba] = await pipeline.render(
          { identity, expression: { emo: variation.emo }, pose: variation, light: variation, background: variation.bg },
          [0],
        );
        ctx.putImageData(
          new ImageData(new Uint8ClampedArray(rgba ?? new Uint8ClampedArray(size * size * 4)), size, size),
          0,
          0,
        );
        records.push({
          key: `${id}/${v}`,
          owner: 'bench',
          identity: id,
          variation: v,
          centre: await canvas.convertToBlob({ type: 'image/png' }),
          features: { identity, variation },
        });
      }
    }
    const targets = buildTargetSpecs(
      { targets: ['id'] },
      records.map((r) => r.features),
    );
    // `steps` timed steps after the warm-up.
    const count = (steps + WARMUP_STEPS) * batch;
    const cycled = Array.from({ length: count }, (_, i) => records[i % records.length]).filter(
      (r): r is ImageRecord => r !== undefined,
    );
    const options = { spec, targets, stereo: false };
    const time = async (source: BatchSource) => {
      const model = buildModel({ architecture: 'ResNet6', inputShape: [size, size, 3], targets });
      const stamps: number[] = [];
      await trainLoop({
        model,
        targets,
        resume: null,
        signal: new AbortController().signal,
        config: { ...DEFAULT_TRAIN_CONFIG, targets: ['id'], batchSize: batch, epochs: 1 },
        training: { source, count },
        validation: { source: storedSource(records, options), count: batch },
        events: {
          batch: () => stamps.push(performance.now()),
          epoch: () => undefined,
          checkpoint: () => Promise.resolve(),
          progress: () => undefined,
        },
      });
      model.dispose();
      // The first steps compile kernels and fill caches: time those after the warm-up (stamp i ends step i + 1).
      const timed = stamps.slice(Math.min(WARMUP_STEPS, stamps.length - 2) - 1);
      return ((timed.at(-1) ?? 0) - (timed[0] ?? 0)) / Math.max(1, timed.length - 1);
    };
    const storedMsPerStep = await time(storedSource(cycled, options));
    const inThreadStreamedMsPerStep = await time(streamedSource(cycled, pipeline, { ...options, seed: 1 }));
    const client = createJobClient<StreamRenderJobs>(
      () => new Worker(new URL('../src/workers/streamRender.worker.ts', import.meta.url), { type: 'module' }),
      { idleTimeoutMs: Infinity },
    );
    const ahead = renderAheadSource(client, cycled, { ...options, seed: 1 });
    // Its first batch builds the model and renderer: done before the timed run, as the in-thread pipeline was.
    await ahead.load([0], [-2]);
    const before = await client.run('renderTiming', null);
    const streamedMsPerStep = await time(ahead);
    const after = await client.run('renderTiming', null);
    ahead.dispose?.();
    // A dataset of many identities: every streamed face a new one (its albedo and identity shape
    // made afresh; the records' labels and stored images stay those above).
    const distinct = cycled.map((r, i) => ({
      ...r,
      features: {
        ...r.features,
        identity: { ...sampleIdentity(spec, 1000 + i, faces.sds), id: r.features.identity.id },
      },
    }));
    const aheadDistinct = renderAheadSource(client, distinct, { ...options, seed: 1 });
    const streamedDistinctIdentitiesMsPerStep = await time(aheadDistinct);
    aheadDistinct.dispose?.();
    const batches = Math.ceil(count / batch);
    const streamedRenderMsPerBatch =
      before && after
        ? Object.fromEntries(
            Object.entries(after).map(([stage, ms]) => [stage, (ms - before[stage as keyof typeof before]) / batches]),
          )
        : null;
    return {
      model,
      storedMsPerStep,
      streamedMsPerStep,
      streamedDistinctIdentitiesMsPerStep,
      inThreadStreamedMsPerStep,
      streamedRenderMsPerBatch,
    };
  },
});
