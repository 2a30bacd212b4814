/** The jobs of the stream render worker: streamed training images rendered beside training. */
import type { GeneratorSpec } from '../../../model/gmf/generatorSpec';
import type { RenderTiming } from '../../../model/render/facePipeline';
import type { StreamedImages, StreamIdentity } from './batchSource';

export type StreamRenderJobs = {
  /** renderStreamedImages in the worker, with the dataset's face model; the inputs are transferred. */
  renderBatch: {
    input: {
      spec: GeneratorSpec;
      identities: StreamIdentity[];
      key: number[];
      seed: number;
      stereo: boolean;
    };
    output: StreamedImages;
  };
  /** The worker's renderer's accumulated stage times (null before its first batch): what a batch waits on. */
  renderTiming: { input: null; output: RenderTiming | null };
};
