/** The original pipeline's camera (DESIGN.md section 1): perspective, millimetres. */
export const CAMERA = {
  fovDegrees: 50,
  near: 100,
  far: 1000,
  distance: 400,
  /** Binocular mode renders centre and two eyes offset by these x positions. */
  eyeOffsets: [-32, 32] as const,
} as const;
