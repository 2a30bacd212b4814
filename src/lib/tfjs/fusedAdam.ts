/**
 * Adam as tfjs' AdamOptimizer computes it, with the update of each variable fused into one kernel
 * on the wasm backend (kernels/adamUpdate.ts): in a ResNet6 step tfjs' Adam ran ~13 element-wise
 * kernels per variable. On other backends it runs the same formulas as tfjs' element-wise ops.
 *
 * Its state is tfjs Adam's: the step count, then the first moments (`<variable>/m`) and the second
 * moments (`<variable>/v`) in the order of the variables, and its config — so checkpoints written
 * by either optimizer resume in the other.
 */
import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE, type AdamUpdateAttrs } from './kernels/adamUpdate';

/** tfjs-core's NamedTensor (the tfjs bundle does not re-export its type). */
interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

interface Moment {
  originalName: string;
  variable: tf.Variable;
}

const f = Math.fround;

export class FusedAdamOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'Adam';
  }

  /** Read on every step: lowering it takes effect at the next. */
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private readonly accBeta1: tf.Variable;
  private readonly accBeta2: tf.Variable;
  private firstMoments: Moment[] = [];
  private secondMoments: Moment[] = [];

  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    super();
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon ?? tf.backend().epsilon();
    this.accBeta1 = tf.tidy(() => tf.scalar(beta1).variable());
    this.accBeta2 = tf.tidy(() => tf.scalar(beta2).variable());
  }

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const names = Array.isArray(variableGradients)
      ? variableGradients.map((v) => v.name)
      : Object.keys(variableGradients);
    const fused = tf.getBackend() === 'wasm';
    tf.tidy(() => {
      const oneMinusAccBeta1 = tf.sub(1, this.accBeta1);
      const oneMinusAccBeta2 = tf.sub(1, this.accBeta2);
      const scalars: AdamUpdateAttrs | null = fused
        ? {
            beta1: f(this.beta1),
            beta2: f(this.beta2),
            oneMinusBeta1: f(1 - this.beta1),
            oneMinusBeta2: f(1 - this.beta2),
            oneMinusAccBeta1: oneMinusAccBeta1.dataSync()[0] ?? NaN,
            oneMinusAccBeta2: oneMinusAccBeta2.dataSync()[0] ?? NaN,
            epsilon: f(this.epsilon),
            negativeLearningRate: f(-this.learningRate),
          }
        : null;
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        if (!value) return;
        const m = (this.firstMoments[i] ??= {
          originalName: `${name}/m`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        }).variable;
        const v = (this.secondMoments[i] ??= {
          originalName: `${name}/v`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        }).variable;
        const gradient = Array.isArray(variableGradients) ? variableGradients[i]?.tensor : variableGradients[name];
        if (!gradient) return;
        if (scalars) {
          const [newValue, newM, newV] = tf
            .engine()
            .runKernel<tf.Tensor[]>(ADAM_UPDATE, { value, gradient, m, v }, scalars as unknown as tf.NamedAttrMap) as [
            tf.Tensor,
            tf.Tensor,
            tf.Tensor,
          ];
          m.assign(newM);
          v.assign(newV);
          value.assign(newValue);
          return;
        }
        const newM = tf.add(tf.mul(m, this.beta1), tf.mul(gradient, 1 - this.beta1));
        const newV = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2));
        const mHat = tf.div(newM, oneMinusAccBeta1);
        const vHat = tf.div(newV, oneMinusAccBeta2);
        m.assign(newM);
        v.assign(newV);
        value.assign(tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)), -this.learningRate), value));
      });
      this.accBeta1.assign(tf.mul(this.accBeta1, this.beta1));
      this.accBeta2.assign(tf.mul(this.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }

  override dispose(): void {
    this.accBeta1.dispose();
    this.accBeta2.dispose();
    tf.dispose([...this.firstMoments, ...this.secondMoments].map((moment) => moment.variable));
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const moments = [...this.firstMoments, ...this.secondMoments];
    return [await this.saveIterations(), ...moments.map((m) => ({ name: m.originalName, tensor: m.variable }))];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    tf.tidy(() => {
      this.accBeta1.assign(tf.pow(this.beta1, this.iterations + 1));
      this.accBeta2.assign(tf.pow(this.beta2, this.iterations + 1));
    });
    const count = rest.length / 2;
    const moment = (named: NamedTensor): Moment => ({
      originalName: named.name,
      variable: named.tensor.variable(false),
    });
    // Copies first, then the old moments go: the values given may be this optimizer's own (getWeights).
    const old = [...this.firstMoments, ...this.secondMoments].map((m) => m.variable);
    this.firstMoments = rest.slice(0, count).map(moment);
    this.secondMoments = rest.slice(count, 2 * count).map(moment);
    tf.dispose(old);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
