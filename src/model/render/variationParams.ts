import type { FaceIdentity } from '../gmf/face/faceModel';
import type { GeneratorSpec } from '../gmf/generatorSpec';
import type { VariationParams } from '../gmf/sampling';
import type { FaceRenderParams } from './facePipeline';

/** What the renderer draws for one sampled variation of `identity` (a generation's record, a streamed batch's image). */
export function variationRenderParams(
  spec: Pick<GeneratorSpec, 'addBackground' | 'hair'>,
  identity: FaceIdentity,
  variation: VariationParams,
): FaceRenderParams {
  return {
    identity,
    expression: { emo: variation.emo },
    pose: {
      xr: variation.xr,
      yr: variation.yr,
      zr: variation.zr,
      xt: variation.xt,
      yt: variation.yt,
      zt: variation.zt,
    },
    light: { xl: variation.xl, yl: variation.yl, zl: variation.zl },
    background: spec.addBackground ? variation.bg : null,
    hair: spec.hair ?? 'none',
  };
}
