/**
 * Pre-activation (v2) ResNets as in the original: a stem (7x7/2 conv, 3x3/2 max-pool, no
 * BN/ReLU: each block starts with its own), blocks of BN -> ReLU -> conv units with a shortcut
 * from the block input (projected by a 1x1 conv when channels or stride change), and a final
 * BN -> ReLU -> global average pool.
 */
import { applyLayer, type LayerFactory, type Sym } from './layerFactory';

export interface ResNetPlan {
  /** Filters and number of blocks per stage; every stage after the first halves the image. */
  stages: readonly { filters: number; blocks: number }[];
  /** 1 for ResNet6 (the original's single-conv blocks), 2 for the standard basic block. */
  convsPerBlock: number;
}

export const RESNET_PLANS = {
  ResNet6: {
    stages: [
      { filters: 128, blocks: 2 },
      { filters: 256, blocks: 2 },
    ],
    convsPerBlock: 1,
  },
  ResNet10: { stages: [64, 128, 256, 512].map((filters) => ({ filters, blocks: 1 })), convsPerBlock: 2 },
  ResNet18: { stages: [64, 128, 256, 512].map((filters) => ({ filters, blocks: 2 })), convsPerBlock: 2 },
  ResNet34: {
    stages: [
      { filters: 64, blocks: 3 },
      { filters: 128, blocks: 4 },
      { filters: 256, blocks: 6 },
      { filters: 512, blocks: 3 },
    ],
    convsPerBlock: 2,
  },
} as const satisfies Record<string, ResNetPlan>;

export const STEM_FILTERS = 64;

export interface BodyOutput {
  features: Sym;
  /** Depth of the global pool; heads sit one deeper. */
  depth: number;
}

/** Stem layers (depth 1), created once so a stereo model can apply them to both eyes. */
export function resnetStem(f: LayerFactory): (x: Sym) => Sym {
  const conv = f.conv(1, { filters: STEM_FILTERS, kernel: 7, stride: 2, init: 'heNormal' }, 'conv', true);
  const pool = f.maxPool(1, 3, 2, 'same');
  return (x) => applyLayer(pool, applyLayer(conv, x));
}

/** Residual stages from depth 2 on, then BN -> ReLU -> global pool. */
export function resnetStages(input: Sym, inputChannels: number, plan: ResNetPlan, f: LayerFactory): BodyOutput {
  let x = input;
  let channels = inputChannels;
  let depth = 2;
  plan.stages.forEach(({ filters, blocks }, stage) => {
    for (let block = 0; block < blocks; block++) {
      const stride = stage > 0 && block === 0 ? 2 : 1;
      let shortcut = x;
      for (let unit = 0; unit < plan.convsPerBlock; unit++) {
        x = applyLayer(f.batchNorm(depth), x);
        x = applyLayer(f.relu(depth), x);
        x = applyLayer(f.conv(depth, { filters, kernel: 3, stride: unit === 0 ? stride : 1, init: 'heNormal' }), x);
        depth++;
      }
      // Shortcut and sum carry the depth of the block's last conv (the original's naming).
      if (stride !== 1 || channels !== filters) {
        shortcut = applyLayer(
          f.conv(depth - 1, { filters, kernel: 1, stride, init: 'heNormal' }, 'shortcut'),
          shortcut,
        );
      }
      x = applyLayer(f.add(depth - 1), [x, shortcut]);
      channels = filters;
    }
  });
  x = applyLayer(f.batchNorm(depth), x);
  x = applyLayer(f.relu(depth), x);
  return { features: applyLayer(f.globalPool(depth), x), depth };
}

export function resnetBody(input: Sym, plan: ResNetPlan, f: LayerFactory): BodyOutput {
  return resnetStages(resnetStem(f)(input), STEM_FILTERS, plan, f);
}

/** One stem (same layer objects) for both eyes, fused by concatenation, then ResNet6's stages. */
export function stereoResNetBody(left: Sym, right: Sym, plan: ResNetPlan, f: LayerFactory): BodyOutput {
  const stem = resnetStem(f);
  const fused = applyLayer(f.concat(1), [stem(left), stem(right)]);
  return resnetStages(fused, 2 * STEM_FILTERS, plan, f);
}
