/** Jobs served by face.worker.ts (types only, shared with main-thread clients). */
import type { FaceExpression, FaceIdentity, FaceModelOptions } from '../../model/gmf/face/faceModel';
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { RenderTiming, FaceRenderParams } from '../../model/render/facePipeline';

export interface FaceTopologyMessage {
  vertexCount: number;
  maskVertexCount: number;
  uvs: Float32Array;
  indices: Uint32Array;
  textureSize: number;
  shapeSd: Float32Array;
  textureSd: Float32Array[];
}

export interface RenderFacesInput {
  items: FaceRenderParams[];
  width: number;
  height: number;
  binocular: boolean;
  backgroundSeed: number;
  /** Supersampling factor (the generator's render scale), 1..8; default 1. */
  renderScale?: number;
  /** Camera distance in mm; default the pipeline's 400. */
  cameraDistance?: number;
}

export interface RenderFacesOutput {
  /** Per item: one RGBA image (centre), or three (left, centre, right) when binocular. */
  images: Uint8ClampedArray[][];
  backend: 'WebGPU' | 'WebGL2';
  timing: RenderTiming;
  modelBuildMs: number;
}

export type FaceJobs = {
  init: { input: { options?: FaceModelOptions }; output: FaceTopologyMessage };
  geometry: { input: { identity: FaceIdentity; expression: FaceExpression }; output: { positions: Float32Array } };
  albedo: { input: { identity: FaceIdentity }; output: { rgba: Uint8ClampedArray } };
  renderFaces: { input: RenderFacesInput; output: RenderFacesOutput };
  /** Renders and stores a dataset in IndexedDB; resumes by skipping complete identities. */
  generateDataset: {
    input: { datasetId: string; spec: GeneratorSpec };
    output: { images: number; resumedIdentities: number };
  };
};
