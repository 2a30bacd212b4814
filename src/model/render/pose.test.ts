import { describe, expect, it } from 'vitest';
import { CAMERA } from './camera';
import {
  effectiveTranslation,
  type HeadPose,
  lightPosition,
  pipelineCamera,
  posedPoint,
  projectToPixel,
  type Vec3,
} from './pose';

const ZERO: HeadPose = { xr: 0, yr: 0, zr: 0, xt: 0, yt: 0, zt: 0 };
const CENTRE: Vec3 = [3, -7, -20];
const apply = (pose: HeadPose, p: Vec3): Vec3 => posedPoint(p, pose, CENTRE);
const tanHalf = Math.tan(((CAMERA.fovDegrees / 2) * Math.PI) / 180);

describe('head pose', () => {
  it('rotates about the face centre, which stays put', () => {
    const p = apply({ ...ZERO, xr: 20, yr: -35, zr: 50 }, CENTRE);
    p.forEach((v, i) => {
      expect(v).toBeCloseTo(CENTRE[i] ?? NaN, 9);
    });
  });

  it('turns a point in front of the centre by yr = 90 to +x (right-hand rule about y)', () => {
    const [x, y, z] = apply({ ...ZERO, yr: 90 }, [CENTRE[0], CENTRE[1], CENTRE[2] + 50]);
    expect(x - CENTRE[0]).toBeCloseTo(50, 9);
    expect(y).toBeCloseTo(CENTRE[1], 9);
    expect(z).toBeCloseTo(CENTRE[2], 9);
  });

  it('tilts a point in front of the centre by xr = 90 down to -y (right-hand rule about x)', () => {
    const [, y, z] = apply({ ...ZERO, xr: 90 }, [CENTRE[0], CENTRE[1], CENTRE[2] + 50]);
    expect(y - CENTRE[1]).toBeCloseTo(-50, 9);
    expect(z).toBeCloseTo(CENTRE[2], 9);
  });

  it('scales x and y translation by (1 - zt/1000)', () => {
    expect(effectiveTranslation({ ...ZERO, xt: 100, yt: -40, zt: 0 })).toEqual([100, -40, 0]);
    const [x, y, z] = effectiveTranslation({ ...ZERO, xt: 100, yt: -40, zt: 500 });
    expect(x).toBeCloseTo(50, 12);
    expect(y).toBeCloseTo(-20, 12);
    expect(z).toBe(500);
    const moved = apply({ ...ZERO, xt: 100, zt: -100 }, CENTRE);
    expect(moved[0] - CENTRE[0]).toBeCloseTo(110, 9);
    expect(moved[2] - CENTRE[2]).toBeCloseTo(-100, 9);
  });
});

describe('light', () => {
  it('sits at camera distance in front of the face, rotated by (xl, yl)', () => {
    expect(lightPosition({ xl: 0, yl: 0, zl: 0 }, CENTRE)).toEqual([CENTRE[0], CENTRE[1], CENTRE[2] + CAMERA.distance]);
    const [x, y, z] = lightPosition({ xl: 0, yl: 90, zl: 0 }, CENTRE);
    expect(x - CENTRE[0]).toBeCloseTo(CAMERA.distance, 9);
    expect(y).toBeCloseTo(CENTRE[1], 9);
    expect(z).toBeCloseTo(CENTRE[2], 9);
    const above = lightPosition({ xl: -45, yl: 0, zl: 0 }, CENTRE);
    expect(above[1] - CENTRE[1]).toBeCloseTo(CAMERA.distance * Math.SQRT1_2, 9);
  });
});

describe('pipeline camera and projection', () => {
  const W = 112;
  const H = 112;

  it('projects the face centre to the image centre', () => {
    const [px, py] = projectToPixel(CENTRE, pipelineCamera(CENTRE, 1), W, H);
    expect(px).toBeCloseTo(W / 2, 9);
    expect(py).toBeCloseTo(H / 2, 9);
  });

  it('matches the pinhole closed form x_px = W/2 (1 + X / (d tan(fov/2) aspect))', () => {
    const X = 60;
    const Y = 25;
    const aspect = 4 / 3;
    const [px, py] = projectToPixel(
      [CENTRE[0] + X, CENTRE[1] + Y, CENTRE[2]],
      pipelineCamera(CENTRE, aspect),
      160,
      120,
    );
    expect(px).toBeCloseTo(80 * (1 + X / (CAMERA.distance * tanHalf * aspect)), 9);
    expect(py).toBeCloseTo(60 * (1 - Y / (CAMERA.distance * tanHalf)), 9);
  });

  it('gives the left eye a rightward image shift and the right eye a leftward one, larger for nearer points', () => {
    const [leftOffset, rightOffset] = CAMERA.eyeOffsets;
    const left = pipelineCamera(CENTRE, 1, leftOffset);
    const right = pipelineCamera(CENTRE, 1, rightOffset);
    const near: Vec3 = [CENTRE[0], CENTRE[1], CENTRE[2] + 80];
    const disparity = (p: Vec3) => projectToPixel(p, left, W, H)[0] - projectToPixel(p, right, W, H)[0];
    expect(projectToPixel(CENTRE, left, W, H)[0]).toBeGreaterThan(W / 2);
    expect(projectToPixel(CENTRE, right, W, H)[0]).toBeLessThan(W / 2);
    expect(disparity(CENTRE)).toBeCloseTo((W / 2) * (64 / (CAMERA.distance * tanHalf)), 9);
    expect(disparity(near)).toBeGreaterThan(disparity(CENTRE));
  });
});
