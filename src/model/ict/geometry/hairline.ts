/**
 * Where hair grows on the mean head — DESIGNED BY HAND on the neutral mesh. Directions from a
 * head centre are taken in spherical coordinates about a crown axis tilted back from vertical:
 * theta is the azimuth (0 straight ahead, ±180 at the nape, positive to the subject's left),
 * phi the angle from the crown axis. Hair grows where phi < HAIRLINE(|theta|): a forehead
 * hairline ~62 mm above the nasion (Farkas' tr-n), receding a little at the temples, sideburns
 * down to the top of the tragus, a margin over the ears, and the nape hairline at the level of
 * the ear lobes.
 */

/** Head centre (mm) the directions are taken from: mid-way between forehead and occiput. */
export const HEAD_CENTRE = [0, 35, 5] as const;
/** The crown axis leans back by this much (the whorl sits behind the top of the head). */
const CROWN_TILT_DEGREES = 15;

/** (|theta|, phi limit) in degrees, piecewise linear in |theta|; checked on renders (README.md). */
const HAIRLINE: readonly (readonly [number, number])[] = [
  [0, 69], // forehead: trichion ~100 mm up, ~62 mm above the nasion
  [30, 66], // temporal recession
  [50, 70],
  [60, 82], // the temple hairline turns down in front of the ear
  [68, 94],
  [76, 100], // sideburn, down to the top of the tragus
  [80, 97],
  [84, 80], // over the ear, ~10 mm above its top
  [104, 80],
  [118, 104], // behind the ear, down towards the nape
  [150, 114],
  [180, 116], // nape, level with the ear lobes
];

export interface HeadDirection {
  /** Azimuth in degrees, -180..180 (positive: the subject's left). */
  theta: number;
  /** Angle from the crown axis in degrees, 0..180. */
  phi: number;
}

const tilt = (CROWN_TILT_DEGREES * Math.PI) / 180;
/** Crown axis (up, leaning back) and the forward axis perpendicular to it. */
const UP = [0, Math.cos(tilt), -Math.sin(tilt)] as const;
const FORWARD = [0, Math.sin(tilt), Math.cos(tilt)] as const;

export function headDirection(x: number, y: number, z: number): HeadDirection {
  const dx = x - HEAD_CENTRE[0];
  const dy = y - HEAD_CENTRE[1];
  const dz = z - HEAD_CENTRE[2];
  const up = dy * UP[1] + dz * UP[2];
  const forward = dy * FORWARD[1] + dz * FORWARD[2];
  const side = dx;
  return {
    theta: (Math.atan2(side, forward) * 180) / Math.PI,
    phi: (Math.atan2(Math.hypot(side, forward), up) * 180) / Math.PI,
  };
}

/** The hairline's phi at azimuth theta (degrees). */
export function hairlinePhi(theta: number): number {
  const t = Math.min(180, Math.abs(theta));
  for (let i = 1; i < HAIRLINE.length; i++) {
    const [t1, p1] = HAIRLINE[i] ?? [180, 0];
    if (t <= t1) {
      const [t0, p0] = HAIRLINE[i - 1] ?? [0, 0];
      return p0 + ((p1 - p0) * (t - t0)) / (t1 - t0);
    }
  }
  return HAIRLINE[HAIRLINE.length - 1]?.[1] ?? 0;
}

/** How far (degrees of phi) a point lies inside the hairline: positive where hair grows. */
export function hairMargin(x: number, y: number, z: number): number {
  const { theta, phi } = headDirection(x, y, z);
  return hairlinePhi(theta) - phi;
}

/**
 * Where a point lies on the hair's uv square: u = |theta| / 180 goes around the head (0 at the
 * forehead, 1 at the nape, mirrored on the two sides so the texture needs no seam), v runs from
 * the hairline (0) to the crown (1); clamped to [0, 1]².
 */
export function hairUv(x: number, y: number, z: number): [number, number] {
  const { theta, phi } = headDirection(x, y, z);
  return [Math.abs(theta) / 180, Math.min(1, Math.max(0, 1 - phi / hairlinePhi(theta)))];
}
