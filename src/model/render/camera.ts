/** The original pipeline's camera (DESIGN.md section 1): perspective, millimetres. */
export const CAMERA = {
  fovDegrees: 50,
  near: 100,
  far: 1000,
  distance: 400,
  /** Binocular mode renders centre and two eyes offset by these x positions. */
  eyeOffsets: [-32, 32] as const,
} as const;

/**
 * The face centre the head rotates about: mean of the face vertices in x and y; in z the
 * mean of the whole head's vertices (here the mask is the whole head until it is completed).
 */
export function faceCentre(positions: Float32Array, headPositions: Float32Array = positions): [number, number, number] {
  let x = 0;
  let y = 0;
  let z = 0;
  const n = positions.length / 3;
  for (let i = 0; i < n; i++) {
    x += positions[3 * i] ?? 0;
    y += positions[3 * i + 1] ?? 0;
  }
  const m = headPositions.length / 3;
  for (let i = 0; i < m; i++) z += headPositions[3 * i + 2] ?? 0;
  return [x / n, y / n, z / m];
}
