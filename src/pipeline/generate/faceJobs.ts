/** Jobs served by face.worker.ts (types only, shared with main-thread clients). */
import type {
  ComponentSds,
  FaceExpression,
  FaceIdentity,
  FaceModelId,
  FaceModelInfo,
  FaceTextures,
  FaceTopology,
} from '../../model/gmf/face/faceModel';
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { FactorAuditOptions } from '../audit/auditOptions';
import type { FactorAuditResult } from '../audit/record/auditRecord';
import type { RenderTiming, FaceRenderParams } from '../../model/render/facePipeline';
import type { SpeedProbeResult } from './measureSpeed';

/** What the main thread needs to draw a model's faces and to size its sliders. */
export interface FaceModelMessage {
  info: FaceModelInfo;
  topology: FaceTopology;
  sds: ComponentSds;
  noseTip: number;
  /** The mean face's rotation centre (mm), where the 3D view looks. */
  neutralCentre: [number, number, number];
}

export interface RenderFacesInput {
  /** The face model that draws them (default: the procedural model, as before models were named). */
  model?: FaceModelId;
  items: FaceRenderParams[];
  width: number;
  height: number;
  binocular: boolean;
  backgroundSeed: number;
  /** Supersampling factor (the generator's render scale), 1..8; default 1. */
  renderScale?: number;
  /** Camera distance in mm; default the pipeline's 400. */
  cameraDistance?: number;
  /**
   * One face at a time (default false: the next face is on the GPU while one is read back and
   * finished, FRAMES_IN_FLIGHT). bench:render measures both in one run; the pixels are the same.
   */
  sequential?: boolean;
}

export interface RenderFacesOutput {
  /** Per item: one RGBA image (centre), or three (left, centre, right) when binocular. */
  images: Uint8ClampedArray[][];
  backend: 'WebGPU' | 'WebGL2';
  timing: RenderTiming;
  modelBuildMs: number;
}

export type FaceJobs = {
  /** Builds (once) and describes a face model. */
  init: { input: { model: FaceModelId }; output: FaceModelMessage };
  geometry: {
    input: { model: FaceModelId; identity: FaceIdentity; expression: FaceExpression };
    output: { positions: Float32Array };
  };
  textures: { input: { model: FaceModelId; identity: FaceIdentity }; output: FaceTextures };
  renderFaces: { input: RenderFacesInput; output: RenderFacesOutput };
  /** Renders and stores a dataset in IndexedDB; resumes by skipping complete identities. */
  generateDataset: {
    input: { datasetId: string; spec: GeneratorSpec };
    output: { images: number; resumedIdentities: number };
  };
  /**
   * Times a few records of `spec` rendered, checked and encoded as generateDataset does; stores
   * nothing. setupMs includes building the model and pipeline (a one-off, cached in the worker).
   */
  measureSpeed: { input: { spec: GeneratorSpec }; output: SpeedProbeResult };
  /** Renders sets in which one factor varies and decodes each from pixels (pipeline/audit); stores nothing. */
  factorAudit: { input: { spec: GeneratorSpec; options: FactorAuditOptions }; output: FactorAuditResult };
};
