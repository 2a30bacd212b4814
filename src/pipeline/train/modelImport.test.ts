// Issue 14: a model whose input no dataset can fill is refused at import, before anything is stored
// (the worker stores the run only after importModelFiles returns).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importModelFiles, ModelInputError, modelInputProblem, modelToArtifacts } from './modelArtifacts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** model.json text and weights of a tiny conv net taking side x side x 3 images. */
async function modelFiles(side: number): Promise<{ json: string; weights: ArrayBuffer }> {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [side, side, 3], filters: 2, kernelSize: 3, name: 'layer01_conv' }),
      tf.layers.globalAveragePooling2d({ name: 'layer02_gap' }),
    ],
  });
  const artifacts = await modelToArtifacts(model);
  model.dispose();
  const json = JSON.stringify({
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
  });
  return { json, weights: artifacts.weightData };
}

describe('model import', () => {
  it('refuses a model with an impossible input size (5000 px), saying why', async () => {
    const { json, weights } = await modelFiles(5000);
    const imported = importModelFiles(json, weights);
    await expect(imported).rejects.toBeInstanceOf(ModelInputError);
    await expect(imported).rejects.toThrow(
      'This model cannot be imported: the model takes ?×5000×5000×3 inputs, but datasets here are square RGB images (?×side×side×3) of 16 to 1024 pixels, so no dataset could ever be analysed with it. Nothing was imported.',
    );
  });

  it('accepts a model of a dataset resolution', async () => {
    const { json, weights } = await modelFiles(32);
    const { model } = await importModelFiles(json, weights);
    expect(model.inputs[0]?.shape).toEqual([null, 32, 32, 3]);
    model.dispose();
  });

  it('names non-square, non-RGB and mismatched stereo inputs', () => {
    expect(modelInputProblem([[null, 32, 32, 3]])).toBeNull();
    expect(
      modelInputProblem([
        [null, 32, 32, 3],
        [null, 32, 32, 3],
      ]),
    ).toBeNull();
    expect(modelInputProblem([[null, 32, 64, 3]])).toMatch(/takes \?×32×64×3 inputs/);
    expect(modelInputProblem([[null, 32, 32, 1]])).toMatch(/takes \?×32×32×1 inputs/);
    expect(
      modelInputProblem([
        [null, 32, 32, 3],
        [null, 64, 64, 3],
      ]),
    ).toMatch(/takes \?×32×32×3 and \?×64×64×3/);
    expect(modelInputProblem([])).toMatch(/has 0 inputs/);
  });
});
