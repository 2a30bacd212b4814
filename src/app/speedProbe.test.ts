import { describe, expect, it } from 'vitest';
import { messageChannelClient } from '../../test/support/messageChannelWorker';
import { TINY_PRESET, type GeneratorSpec } from '../model/gmf/generatorSpec';
import type { FaceJobs } from '../pipeline/generate/faceJobs';
import type { SpeedMeasurement } from './generationSpeed';
import { probeGenerationSpeed } from './speedProbe';

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
