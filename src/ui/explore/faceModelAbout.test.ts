import { expect, it } from 'vitest';
import { FACE_MODEL_IDS, FACE_MODELS } from '../../model/gmf/face/faceModel';
import { aboutFaceModel } from './faceModelAbout';

it('describes the face model in use, not always the procedural one', () => {
  for (const id of FACE_MODEL_IDS) {
    const about = aboutFaceModel(id);
    expect(about.title).toBe(FACE_MODELS[id].label);
    expect(about.text.startsWith(FACE_MODELS[id].description)).toBe(true);
  }
  expect(aboutFaceModel('ict-facekit').text).not.toMatch(/MediaPipe|Gaussian-process/);
  expect(aboutFaceModel('ict-facekit').text).toMatch(/ICT-FaceKit/);
  expect(aboutFaceModel('gmf-procedural').text).toMatch(/MediaPipe/);
});
