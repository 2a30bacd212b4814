import { describe, expect, it } from 'vitest';
import { messageChannelClient } from '../../test/support/messageChannelWorker';
import { TINY_PRESET, type GeneratorSpec } from '../model/gmf/generatorSpec';
import type { FaceJobs } from '../pipeline/generate/faceJobs';
import type { SpeedMeasurement } from './speedMemory';
import type { TrainJobs } from '../pipeline/train/jobs';
import { probeGenerationSpeed, probeTrainingSpeed } from './speedProbe';

const spec = structuredClone(TINY_PRESET) as GeneratorSpec;

/** A face worker whose probe takes `whileRunning` into account and reports 18 images at 30 images/s. */
function fakeFace(whileRunning: () => void = () => undefined) {
  const unused = () => Promise.reject(new Error('unused'));
  let probes = 0;
  const client = messageChannelClient<FaceJobs>({
    measureSpeed: () => {
      probes++;
      whileRunning();
      return Promise.resolve({ records: 6, images: 18, seconds: 0.6, imagesPerSecond: 30, setupMs: 1500 });
    },
    generateDataset: unused,
    init: unused,
    geometry: unused,
    textures: unused,
    factorAudit: unused,
    renderFaces: unused,
  });
  return { client, probes: () => probes };
}

describe('probeGenerationSpeed', () => {
  it('records the worker measurement for the spec, its build as setup seconds', async () => {
    const face = fakeFace();
    const recorded: [GeneratorSpec, SpeedMeasurement][] = [];
    const m = await probeGenerationSpeed(spec, {
      face: face.client,
      generating: () => false,
      record: (s, r) => recorded.push([s, r]),
    });
    expect(m).toMatchObject({ imagesPerSecond: 30, images: 18, setupSeconds: 1.5, source: 'probe' });
    expect(recorded).toEqual([[spec, m]]);
    face.client.terminate();
  });

  it('is refused while a generation runs, without asking the worker', async () => {
    const face = fakeFace();
    const recorded: SpeedMeasurement[] = [];
    await expect(
      probeGenerationSpeed(spec, { face: face.client, generating: () => true, record: (_, r) => recorded.push(r) }),
    ).rejects.toMatchObject({ code: 'SPEED_PROBE_BUSY', message: expect.stringMatching(/being generated/) as string });
    expect(face.probes()).toBe(0);
    expect(recorded).toEqual([]);
    face.client.terminate();
  });

  it('keeps nothing when a generation started while it measured', async () => {
    let generating = false;
    const face = fakeFace(() => (generating = true));
    const recorded: SpeedMeasurement[] = [];
    await expect(
      probeGenerationSpeed(spec, {
        face: face.client,
        generating: () => generating,
        record: (_, r) => recorded.push(r),
      }),
    ).rejects.toMatchObject({ code: 'SPEED_PROBE_DISTURBED' });
    expect(recorded).toEqual([]);
    face.client.terminate();
  });
});

/** A train worker whose probe reports 4 steps of 125 ms on the backend it is asked for. */
function fakeTrain(whileRunning: () => void = () => undefined) {
  const unused = () => Promise.reject(new Error('unused'));
  let probes = 0;
  const client = messageChannelClient<TrainJobs>({
    measureTrainingSpeed: ({ backend }) => {
      probes++;
      whileRunning();
      return Promise.resolve({ msPerStep: 125, warmupMs: 2125, measuredSteps: 4, backend });
    },
    describeRun: unused,
    train: unused,
    finalizeRun: unused,
    exportModel: unused,
    importModel: unused,
  });
  return { client, probes: () => probes };
}

describe('probeTrainingSpeed', () => {
  const settings = { architecture: 'ResNet6', resolution: 64, batchSize: 16, backend: 'wasm', classes: 16 } as const;

  it('records images/s of the timed steps under the training key, the compiling step as setup', async () => {
    const train = fakeTrain();
    const recorded: [string, SpeedMeasurement][] = [];
    const m = await probeTrainingSpeed(settings, {
      train: train.client,
      training: () => false,
      record: (k, r) => recorded.push([k, r]),
    });
    // 16 images per 125 ms step = 128/s; the first step's 2125 ms less one step = 2 s.
    expect(m).toMatchObject({ imagesPerSecond: 128, images: 64, setupSeconds: 2, source: 'probe' });
    expect(recorded).toEqual([['train:ResNet6:64px:batch16:wasm', m]]);
    train.client.terminate();
  });

  it('is refused while a run trains, and keeps nothing when one started meanwhile', async () => {
    const idle = fakeTrain();
    await expect(probeTrainingSpeed(settings, { train: idle.client, training: () => true })).rejects.toMatchObject({
      code: 'SPEED_PROBE_BUSY',
    });
    expect(idle.probes()).toBe(0);
    idle.client.terminate();
    let training = false;
    const busy = fakeTrain(() => (training = true));
    const recorded: unknown[] = [];
    await expect(
      probeTrainingSpeed(settings, { train: busy.client, training: () => training, record: (k) => recorded.push(k) }),
    ).rejects.toMatchObject({ code: 'SPEED_PROBE_DISTURBED' });
    expect(recorded).toEqual([]);
    busy.client.terminate();
  });
});
