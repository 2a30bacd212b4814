/**
 * The face worker's renderFaces request for Explore faces: one place that turns a face state and
 * its coefficient vectors into what the renderer draws, for the network view, sweeps and morphs.
 */
import type { FaceIdentity } from '../../model/gmf/face/faceModel';
import type { FaceRenderParams } from '../../model/render/facePipeline';
import type { RenderFacesInput } from '../../pipeline/generate/faceJobs';
import { expressionOf, type FaceState } from './faceState';

/** One face to draw: everything per-item (identity, expression, pose, light, background, hair). */
export function renderItemOf(state: FaceState, identity: FaceIdentity): FaceRenderParams {
  return {
    identity,
    expression: expressionOf(state),
    pose: state.pose,
    light: state.light,
    lightLevels: state.lightLevels,
    background: state.background ? state.backgroundIndex : null,
    hair: state.hair,
  };
}

/**
 * A batch drawn with `view`'s network-view settings (resolution, render scale, camera, ...).
 * `centreOnly` draws the centre view even of a binocular face: sweeps and morphs show only that,
 * and a one-view item is drawn without yielding between views, so a concurrent render on the
 * same pipeline cannot swap the scene between its eyes.
 */
export function renderRequestFor(
  view: FaceState,
  items: FaceRenderParams[],
  { centreOnly = false }: { centreOnly?: boolean } = {},
): RenderFacesInput {
  return {
    model: view.model,
    items,
    width: view.resolution,
    height: view.resolution,
    binocular: view.binocular && !centreOnly,
    backgroundSeed: view.backgroundSeed,
    renderScale: view.renderScale,
    cameraDistance: view.cameraDistance,
  };
}
