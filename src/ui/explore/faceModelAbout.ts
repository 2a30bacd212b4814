/** The Explore side panel's "About this face model": what the model in use is and how it is built. */
import { FACE_MODELS, type FaceModelId } from '../../model/gmf/face/faceModel';

const CAMERA = 'Camera as the original pipeline: FOV 50°, 400 mm.';

const DETAILS: Record<FaceModelId, string> = {
  'ict-facekit':
    'Identity shape is the scans’ 100 PCA modes (weights N(0, 1)); skin, iris and hair textures are painted by this app, with five spatial-frequency bands of texture components. Gender, ethnicity and age are hand-designed landmark targets turned into directions in the scans’ identity space (the most probable face change that meets them), not learned from labelled scans. Expressions are FACS action units mapped onto ICT’s ARKit-named expression shapes; emotions are AU prototypes.',
  'gmf-procedural':
    'An open 3D morphable model built on MediaPipe’s canonical face mesh (Apache-2.0), closed into a hairless head. Identity shape is a Gaussian-process morphable model (multi-scale kernels, mirror symmetric); texture has five spatial-frequency bands. Gender, ethnicity and age are hand-designed directions in shape and texture, not learned from scans. Expressions are FACS action units; emotions are AU prototypes.',
};

export interface FaceModelAbout {
  title: string;
  text: string;
}

export function aboutFaceModel(id: FaceModelId): FaceModelAbout {
  const info = FACE_MODELS[id];
  return { title: info.label, text: `${info.description} ${DETAILS[id]} ${CAMERA}` };
}
