/** Networks without shortcuts: CORnet-Z and VGG16, ReLU inside the conv layers as in the original. */
import { applyLayer, type LayerFactory, type Sym } from './layerFactory';
import type { BodyOutput } from './resnet';

/** Kubilius et al. (2018): V1 7x7/2, then V2, V4, IT 3x3/1; each conv + ReLU + 3x3/2 max-pool. */
const CORNET_Z_AREAS = [
  { filters: 64, kernel: 7, stride: 2 },
  { filters: 128, kernel: 3, stride: 1 },
  { filters: 256, kernel: 3, stride: 1 },
  { filters: 512, kernel: 3, stride: 1 },
] as const;

export function cornetZBody(input: Sym, f: LayerFactory): BodyOutput {
  let x = input;
  CORNET_Z_AREAS.forEach((area, i) => {
    const depth = i + 1;
    x = applyLayer(f.conv(depth, { ...area, relu: true, init: 'glorotUniform' }), x);
    x = applyLayer(f.maxPool(depth, 3, 2, 'same'), x);
  });
  const depth = CORNET_Z_AREAS.length + 1;
  return { features: applyLayer(f.globalPool(depth), x), depth };
}

/** Simonyan & Zisserman configuration D: 2-2-3-3-3 convs, each block closed by a 2x2/2 pool. */
const VGG16_BLOCKS = [
  { filters: 64, convs: 2 },
  { filters: 128, convs: 2 },
  { filters: 256, convs: 3 },
  { filters: 512, convs: 3 },
  { filters: 512, convs: 3 },
] as const;

/**
 * The 4096-unit dense layers are replaced by global average pooling: at 64-112 px they would
 * hold 8-16 M weights (most of the net) and the other architectures all end in a globalpool.
 */
export function vgg16Body(input: Sym, f: LayerFactory): BodyOutput {
  let x = input;
  let depth = 0;
  for (const { filters, convs } of VGG16_BLOCKS) {
    for (let c = 0; c < convs; c++) {
      depth++;
      x = applyLayer(f.conv(depth, { filters, kernel: 3, stride: 1, relu: true, init: 'glorotUniform' }), x);
    }
    x = applyLayer(f.maxPool(depth, 2, 2, 'valid'), x);
  }
  depth++;
  return { features: applyLayer(f.globalPool(depth), x), depth };
}
