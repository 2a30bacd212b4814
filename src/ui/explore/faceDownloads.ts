import type { FaceIdentity } from '../../model/gmf/face/faceModel';
import type { FaceState } from '../../app/explore/faceState';
import type { FaceModelMessage } from '../../pipeline/generate/faceJobs';
import { downloadBlob } from '../download';

/** The network-view image(s) side by side as one PNG. */
export async function downloadFacePng(images: Uint8ClampedArray[], size: number): Promise<void> {
  const canvas = new OffscreenCanvas(size * images.length, size);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  images.forEach((image, i) => {
    ctx.putImageData(new ImageData(new Uint8ClampedArray(image), size, size), i * size, 0);
  });
  downloadBlob(await canvas.convertToBlob({ type: 'image/png' }), 'face.png');
}

/** The parameter record, named as the original's (shape and tex raw and scaled by their sds). */
export function faceParameterRecord(
  state: FaceState,
  identity: FaceIdentity,
  model: FaceModelMessage,
): Record<string, unknown> {
  const { shapeSd, textureSd } = model.sds;
  const scale = (values: ArrayLike<number>, sd: ArrayLike<number>) => Array.from(values, (v, i) => v * (sd[i] ?? 0));
  return {
    faceModel: model.info.id,
    faceModelVersion: model.info.version,
    id: state.identity,
    gender: identity.gender,
    ethn: identity.ethn,
    age: identity.age,
    shape: Array.from(identity.shape),
    shapeScaled: scale(identity.shape, shapeSd),
    tex: identity.tex.map((band) => Array.from(band)),
    texScaled: identity.tex.map((band, b) => scale(band, textureSd[b] ?? [])),
    ...state.pose,
    ...state.light,
    lightLevels: state.lightLevels,
    emo: state.emo,
    emoIntensity: state.intensity,
    actionUnits: state.actionUnits,
    gaze: state.gaze,
    hair: state.hair,
    bg: state.background ? state.backgroundIndex : null,
    binocular: state.binocular,
    resolution: state.resolution,
    renderScale: state.renderScale,
  };
}

export function downloadFaceJson(state: FaceState, identity: FaceIdentity, model: FaceModelMessage): void {
  downloadBlob(
    new Blob([JSON.stringify(faceParameterRecord(state, identity, model), null, 2)], { type: 'application/json' }),
    'face-parameters.json',
  );
}
