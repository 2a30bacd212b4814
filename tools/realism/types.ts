/** Data passed between the Node script and its two browser pages (types only). */
import type { Emotion, Ethnicity, Gender, GeneratorSpec } from '../../src/model/gmf/generatorSpec';

export interface DatasetSettings {
  identities: number;
  variationsPerIdentity: number;
  resolution: number;
  seed: number;
}

/** One generated image with the parameters the generator stored for it. */
export interface GeneratedImage {
  identity: number;
  variation: number;
  gender: Gender;
  ethn: Ethnicity;
  age: number;
  emo: Emotion;
  xr: number;
  yr: number;
  zr: number;
  /** The stored (encoded) image, base64. */
  pngBase64: string;
}

export interface GenerationResult {
  datasetId: string;
  images: number;
  ms: number;
  spec: GeneratorSpec;
}

/** What the perception model reports for the best face in one image (nothing when none is found). */
export interface Perception {
  detected: boolean;
  /** Overall face score (detector and mesh), 0 when no face is found. */
  score: number;
  boxScore: number;
  /** Normalised [x, y, width, height]. */
  box?: [number, number, number, number];
  age?: number;
  gender?: string;
  genderScore?: number;
  /** Emotions, best first, human's names. */
  emotions?: { emotion: string; score: number }[];
  embedding?: number[];
  /** Anti-spoofing ("real face, not a picture of one") and liveness confidences. */
  real?: number;
  live?: number;
  angles?: { yaw: number; pitch: number; roll: number };
  ms: number;
}

export interface PerceptionSetup {
  humanUrl: string;
  modelBasePath: string;
  wasmPath: string;
  backend: 'webgl' | 'wasm';
}

export interface SheetTile {
  url: string;
  lines: string[];
  box?: [number, number, number, number];
  /** Part of the image shown (x, y, w, h in pixels); the whole image when absent. */
  crop?: [number, number, number, number];
  /** Caption colour: agreement with the generator. */
  ok: boolean;
}
