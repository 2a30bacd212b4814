/**
 * Head pose, light and cameras of the original pipeline (DESIGN.md section 1, step 1), as
 * plain three.js math (no renderer, so it also runs in workers and tests).
 *
 * Conventions: millimetres; y up, +z towards the viewer (as the canonical mesh). Rotations in
 * degrees, applied in three's 'XYZ' Euler order about the face centre. Translation in x and y
 * is scaled by (1 - zt / 1000), so a face brought nearer (zt > 0) moves less and stays in frame.
 * Binocular cameras are the centre camera translated by the eye offset (parallel axes).
 */
import { Euler, MathUtils, Matrix4, PerspectiveCamera, Vector3 } from 'three';
import type { HeadPose, LightAngles } from '../gmf/poseParams';
import { CAMERA } from './camera';

export type Vec3 = readonly [number, number, number];

export type { HeadPose, LightAngles };

function rotation(x: number, y: number, z: number): Matrix4 {
  return new Matrix4().makeRotationFromEuler(
    new Euler(MathUtils.degToRad(x), MathUtils.degToRad(y), MathUtils.degToRad(z), 'XYZ'),
  );
}

/** The world translation a pose applies: x and y scaled by (1 - zt/1000). */
export function effectiveTranslation(pose: HeadPose): Vec3 {
  const scale = 1 - pose.zt / 1000;
  return [pose.xt * scale, pose.yt * scale, pose.zt];
}

/** Model matrix of the head: rotate about the face centre, then translate. */
export function headMatrix(pose: HeadPose, centre: Vec3): Matrix4 {
  const [cx, cy, cz] = centre;
  const [tx, ty, tz] = effectiveTranslation(pose);
  return new Matrix4()
    .makeTranslation(cx + tx, cy + ty, cz + tz)
    .multiply(rotation(pose.xr, pose.yr, pose.zr))
    .multiply(new Matrix4().makeTranslation(-cx, -cy, -cz));
}

/** The light sits at camera distance from the face centre, rotated by (xl, yl, zl). */
export function lightPosition(angles: LightAngles, centre: Vec3, distance: number = CAMERA.distance): Vec3 {
  const v = new Vector3(0, 0, distance).applyMatrix4(rotation(angles.xl, angles.yl, angles.zl));
  return [centre[0] + v.x, centre[1] + v.y, centre[2] + v.z];
}

/**
 * The pipeline camera: perspective, FOV 50, near 100, far 1000, `distance` mm in front of the
 * face centre, looking along -z; `eyeOffsetX` shifts it sideways for binocular renders.
 */
export function pipelineCamera(
  centre: Vec3,
  aspect: number,
  eyeOffsetX = 0,
  distance: number = CAMERA.distance,
): PerspectiveCamera {
  const camera = new PerspectiveCamera(CAMERA.fovDegrees, aspect, CAMERA.near, CAMERA.far);
  camera.position.set(centre[0] + eyeOffsetX, centre[1], centre[2] + distance);
  camera.lookAt(centre[0] + eyeOffsetX, centre[1], centre[2]);
  camera.updateMatrixWorld();
  return camera;
}

/** Pixel coordinates (origin top-left, x right, y down) of a world point seen by `camera`. */
export function projectToPixel(
  point: Vec3,
  camera: PerspectiveCamera,
  width: number,
  height: number,
): [number, number] {
  const ndc = new Vector3(...point).project(camera);
  return [((ndc.x + 1) / 2) * width, ((1 - ndc.y) / 2) * height];
}

/** A point of the unposed head after the head pose (e.g. a landmark, for overlays and tests). */
export function posedPoint(point: Vec3, pose: HeadPose, centre: Vec3): Vec3 {
  const v = new Vector3(...point).applyMatrix4(headMatrix(pose, centre));
  return [v.x, v.y, v.z];
}
