import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { imageConv2d } from './imageConv';

const ARGS = {
  filters: 8,
  kernelSize: 7,
  strides: 2,
  padding: 'same',
  kernelInitializer: tf.initializers.heNormal({ seed: 3 }),
  biasInitializer: tf.initializers.randomNormal({ seed: 4 }),
} as const;

/** A one-layer model around `layer`, on 4 random 20 x 20 x 3 images. */
function modelOf(layer: tf.layers.Layer): tf.LayersModel {
  const input = tf.input({ shape: [20, 20, 3] });
  return tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
}

const made: tf.LayersModel[] = [];
function pair(): { plain: tf.LayersModel; image: tf.LayersModel } {
  const plain = modelOf(tf.layers.conv2d(ARGS));
  const image = modelOf(imageConv2d(ARGS));
  image.setWeights(plain.getWeights());
  made.push(plain, image);
  return { plain, image };
}

const x = () => tf.randomNormal([4, 20, 20, 3], 0, 1, 'float32', 5);
const target = () => tf.randomNormal([4, 10, 10, 8], 0, 1, 'float32', 6);

function gradsOf(model: tf.LayersModel): tf.NamedTensorMap {
  const [input, wanted] = [x(), target()];
  const { grads, value } = tf.variableGrads(() => tf.losses.meanSquaredError(wanted, model.apply(input) as tf.Tensor));
  tf.dispose([input, wanted, value]);
  return grads;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  for (const m of made.splice(0)) m.dispose();
});

describe('imageConv2d', () => {
  it('computes what tf.layers.conv2d computes (same weights, float rounding apart)', () => {
    const { plain, image } = pair();
    const input = x();
    const a = plain.predict(input) as tf.Tensor;
    const b = image.predict(input) as tf.Tensor;
    expect(b.shape).toEqual([4, 10, 10, 8]);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([input, a, b]);
  });

  it('gives the kernel and bias the same gradients as the fused layer', () => {
    const { plain, image } = pair();
    const expected = gradsOf(plain);
    const actual = gradsOf(image);
    const names = (g: tf.NamedTensorMap) => Object.keys(g).map((k) => k.split('/').at(-1));
    expect(names(actual).sort()).toEqual(names(expected).sort());
    const byShape = (g: tf.NamedTensorMap) => Object.values(g).sort((p, q) => p.size - q.size);
    const [ea, eb] = [byShape(expected), byShape(actual)];
    ea.forEach((e, i) => {
      const scale = tf.max(tf.abs(e)).dataSync()[0] ?? 1;
      expect(tf.max(tf.abs(tf.sub(e, eb[i] as tf.Tensor))).dataSync()[0]).toBeLessThan(1e-5 * Math.max(1, scale));
    });
    tf.dispose([...ea, ...eb]);
  });

  it('never computes the gradient with respect to the image, which the fused layer does', async () => {
    const { plain, image } = pair();
    const backpropInputs = async (model: tf.LayersModel) => {
      const info = await tf.profile(() => {
        tf.dispose(Object.values(gradsOf(model)));
      });
      return info.kernels.filter((k) => k.name === 'Conv2DBackpropInput').length;
    };
    expect(await backpropInputs(plain)).toBe(1);
    expect(await backpropInputs(image)).toBe(0);
  });

  it('is saved as a plain Conv2D, and loads as one that computes the same', async () => {
    const { image } = pair();
    expect(image.layers[1]?.getClassName()).toBe('Conv2D');
    const topology = image.toJSON(null, false) as tf.io.ModelArtifacts['modelTopology'];
    const loaded = await tf.models.modelFromJSON({ modelTopology: topology ?? {} });
    made.push(loaded);
    loaded.setWeights(image.getWeights());
    const input = x();
    const a = image.predict(input) as tf.Tensor;
    const b = loaded.predict(input) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([input, a, b]);
  });
});
