/**
 * The Conv2D layer that reads the image. tfjs-layers runs every linear Conv2D through the fused
 * conv op, whose gradient (a customGrad) computes the gradients of all its inputs at once: for
 * the first layer that includes the gradient with respect to the image, which nothing reads
 * (12 ms of a 400 ms ResNet6 step on wasm, 64 px, batch 16). This layer computes the same
 * convolution as tfjs' plain conv2d plus the bias (the unfused path tfjs itself takes for a
 * Conv2D with a ReLU while training), whose gradients are taken one input at a time, so the
 * image's is skipped. Same weights, same config, class name 'Conv2D': a saved model loads as
 * a plain Conv2D.
 */
import * as tf from '@tensorflow/tfjs';

type Conv2DArgs = Parameters<typeof tf.layers.conv2d>[0];
type Conv2DLayer = ReturnType<typeof tf.layers.conv2d>;

/** tfjs-layers does not export its Conv2D class; its factory's result says what it is. */
const prototype = Object.getPrototypeOf(tf.layers.conv2d({ filters: 1, kernelSize: 1 })) as {
  constructor: new (args: Conv2DArgs) => Conv2DLayer;
};
const Conv2D = prototype.constructor;

class ImageConv2D extends Conv2D {
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (x?.rank !== 4) throw new Error(`${this.name} expects one 4-D image batch`);
      if (this.dataFormat !== 'channelsLast' || this.padding === 'causal')
        throw new Error(`${this.name}: only channels-last 'same' or 'valid' convolutions are supported`);
      const [sh = 1, sw = 1] = this.strides;
      const [dh = 1, dw = 1] = this.dilationRate;
      const kernel = this.kernel.read() as tf.Tensor4D;
      const convolved = tf.conv2d(x as tf.Tensor4D, kernel, [sh, sw], this.padding, 'NHWC', [dh, dw]);
      const biased = this.useBias ? tf.add(convolved, this.bias.read()) : convolved;
      return this.activation.apply(biased);
    });
  }
}

/** A Conv2D layer for the network's input image (see above); any other layer uses tf.layers.conv2d. */
export function imageConv2d(args: Conv2DArgs): Conv2DLayer {
  return new ImageConv2D(args);
}
