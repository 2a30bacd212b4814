/**
 * Hand-designed raw displacement fields (mm at amplitude 1) for each FACS action unit, before
 * region masking and symmetrisation. Vectors are given for the subject's left (+x) and mirror.
 */
import { type FaceContours, type SplitContour, type Vec3, vertexAt } from './contours';
import { type Anchor, addFields, rotateAboutX, spreadAnchors } from './fields';
import type { RegionMasks, RegionName } from './regions';

export const ACTION_UNITS = [
  'AU1',
  'AU2',
  'AU4',
  'AU5',
  'AU6',
  'AU7',
  'AU9',
  'AU10',
  'AU12',
  'AU15',
  'AU16',
  'AU17',
  'AU20',
  'AU23',
  'AU25',
  'AU26',
  'AU27',
  'AU43',
] as const;
export type ActionUnitId = (typeof ACTION_UNITS)[number];

export interface FieldContext {
  positions: Float32Array;
  contours: FaceContours;
  regions: RegionMasks;
  /** Vertices of the mesh's face oval (for the jaw hinge). */
  faceOval: readonly number[];
}

interface ActionUnitDesign {
  region: RegionName;
  field: (ctx: FieldContext) => Float32Array;
}

type Displace = (x: number, y: number, z: number) => Vec3;

function anchorsAt(p: Float32Array, vertices: readonly number[], displace: Displace): Anchor[] {
  return vertices.map((v) => {
    const position = vertexAt(p, v);
    return { position, displacement: displace(...position) };
  });
}

const ZERO: Displace = () => [0, 0, 0];
const sideOf = (x: number): number => (x < 0 ? -1 : 1);
/** 1 at the contour's centre, 0 at its corners. */
function centreProfile(p: Float32Array, c: SplitContour): (x: number) => number {
  const [x0, x1] = [vertexAt(p, c.corners[0])[0], vertexAt(p, c.corners[1])[0]];
  return (x) => Math.max(0, 1 - ((2 * x - x0 - x1) / (x1 - x0)) ** 2);
}

/** Lid anchors for both eyes: upper lid, lower lid and corners displaced separately. */
function lids(ctx: FieldContext, upper: (c: SplitContour) => Displace, lower: (c: SplitContour) => Displace): Anchor[] {
  const p = ctx.positions;
  return [ctx.contours.eyes.left, ctx.contours.eyes.right].flatMap((c) => [
    ...anchorsAt(p, c.upper, upper(c)),
    ...anchorsAt(p, c.lower, lower(c)),
    ...anchorsAt(p, c.corners, ZERO),
  ]);
}

function brows(ctx: FieldContext, displace: (t: number, side: number) => Vec3): Anchor[] {
  const p = ctx.positions;
  const xs = ctx.contours.brows.left.map((v) => vertexAt(p, v)[0]);
  const [xIn, xOut] = [Math.min(...xs), Math.max(...xs)];
  const vertices = [...ctx.contours.brows.left, ...ctx.contours.brows.right];
  return anchorsAt(p, vertices, (x) => displace((Math.abs(x) - xIn) / (xOut - xIn), sideOf(x)));
}

interface LipDisplace {
  outerUpper?: Displace;
  outerLower?: Displace;
  innerUpper?: Displace;
  innerLower?: Displace;
  corners?: Displace;
}

/** Anchors on every lip contour vertex (unlisted parts pinned at 0). */
function lips(ctx: FieldContext, d: LipDisplace): Anchor[] {
  const p = ctx.positions;
  const { inner, outer } = ctx.contours.lips;
  return [
    ...anchorsAt(p, outer.upper, d.outerUpper ?? ZERO),
    ...anchorsAt(p, outer.lower, d.outerLower ?? ZERO),
    ...anchorsAt(p, inner.upper, d.innerUpper ?? ZERO),
    ...anchorsAt(p, inner.lower, d.innerLower ?? ZERO),
    ...anchorsAt(p, [...outer.corners, ...inner.corners], d.corners ?? ZERO),
  ];
}

/** Lip displacement growing from 0 at the midline to `v` at the corners, mirrored. */
function towardCorners(ctx: FieldContext, [dx, dy, dz]: Vec3): Displace {
  const cornerX = vertexAt(ctx.positions, ctx.contours.lips.outer.corners[1])[0];
  return (x) => {
    const s = Math.min(1, (x / cornerX) ** 2);
    return [sideOf(x) * dx * s, dy * s, dz * s];
  };
}

function scaled(profile: (x: number) => number, [dx, dy, dz]: Vec3): Displace {
  return (x) => [dx * profile(x), dy * profile(x), dz * profile(x)];
}

/** Vertices of a region's full-weight core. */
function core(ctx: FieldContext, region: RegionName): number[] {
  return Array.from(ctx.regions[region].keys()).filter((v) => (ctx.regions[region][v] ?? 0) >= 0.999);
}

/** Jaw opening: rotation about a hinge level with the face oval's widest point, plus a downward slide. */
function jawOpening(ctx: FieldContext, lowerLipDropMm: number): Float32Array {
  const p = ctx.positions;
  const hinge = ctx.faceOval.map((v) => vertexAt(p, v)).reduce((a, b) => (b[0] > a[0] ? b : a));
  const lipCentre = ctx.contours.lips.inner.lower
    .map((v) => vertexAt(p, v))
    .reduce((a, b) => (Math.abs(b[0]) < Math.abs(a[0]) ? b : a));
  const radius = Math.hypot(lipCentre[1] - hinge[1], lipCentre[2] - hinge[2]);
  const slide = new Float32Array(p.length).map((_, i) => (i % 3 === 1 ? -lowerLipDropMm / 3 : 0));
  return addFields(rotateAboutX(p, hinge, ((2 / 3) * lowerLipDropMm) / radius), slide);
}

const eyeProfile = (ctx: FieldContext, c: SplitContour): ((x: number) => number) => centreProfile(ctx.positions, c);

export const ACTION_UNIT_DESIGNS: Record<ActionUnitId, ActionUnitDesign> = {
  AU1: {
    region: 'brows',
    field: (ctx) =>
      spreadAnchors(
        ctx.positions,
        brows(ctx, (t) => [0, 0.5 + 3.5 * (1 - t) ** 2, 0]),
        14,
      ),
  },
  AU2: {
    region: 'brows',
    field: (ctx) =>
      spreadAnchors(
        ctx.positions,
        brows(ctx, (t) => [0, 0.5 + 3.5 * t ** 2, 0]),
        14,
      ),
  },
  AU4: {
    region: 'brows',
    field: (ctx) =>
      spreadAnchors(
        ctx.positions,
        brows(ctx, (t, side) => [-side * 2.5 * (1 - t) ** 2, -(1 + 2 * (1 - t)), 0.5 * (1 - t)]),
        12,
      ),
  },
  AU5: {
    region: 'eyes',
    field: (ctx) =>
      spreadAnchors(
        ctx.positions,
        lids(
          ctx,
          (c) => scaled(eyeProfile(ctx, c), [0, 2.5, 0.3]),
          () => ZERO,
        ),
        5,
      ),
  },
  AU6: {
    region: 'cheeks',
    field: (ctx) =>
      spreadAnchors(
        ctx.positions,
        anchorsAt(ctx.positions, core(ctx, 'cheeks'), () => [0, 3, 1.5]),
        8,
      ),
  },
  AU7: {
    region: 'eyes',
    field: (ctx) =>
      spreadAnchors(
        ctx.positions,
        lids(
          ctx,
          (c) => scaled(eyeProfile(ctx, c), [0, -0.8, 0]),
          (c) => scaled(eyeProfile(ctx, c), [0, 1.5, 0.3]),
        ),
        5,
      ),
  },
  AU9: {
    region: 'nose',
    field: (ctx) =>
      spreadAnchors(
        ctx.positions,
        anchorsAt(ctx.positions, core(ctx, 'nose'), (x) => [0, 1 + 2 * Math.min(1, Math.abs(x) / 15), 0.3]),
        8,
      ),
  },
  AU10: {
    region: 'mouth',
    field: (ctx) => {
      const { inner, outer } = ctx.contours.lips;
      const d = {
        outerUpper: scaled(centreProfile(ctx.positions, outer), [0, 3, 0.5]),
        innerUpper: scaled(centreProfile(ctx.positions, inner), [0, 2.5, 0]),
      };
      return spreadAnchors(ctx.positions, lips(ctx, d), 8);
    },
  },
  AU12: {
    region: 'mouth',
    field: (ctx) => spreadAnchors(ctx.positions, lipsAll(ctx, towardCorners(ctx, [2.5, 3, -1.5])), 10),
  },
  AU15: {
    region: 'mouth',
    field: (ctx) => spreadAnchors(ctx.positions, lipsAll(ctx, towardCorners(ctx, [0, -3, 0])), 10),
  },
  AU16: {
    region: 'mouth',
    field: (ctx) => {
      const { inner, outer } = ctx.contours.lips;
      const d = {
        outerLower: scaled(centreProfile(ctx.positions, outer), [0, -3, 0.8]),
        innerLower: scaled(centreProfile(ctx.positions, inner), [0, -3, 0.8]),
      };
      return spreadAnchors(ctx.positions, lips(ctx, d), 8);
    },
  },
  AU17: {
    region: 'jaw',
    field: (ctx) => {
      const p = ctx.positions;
      const lipBottom = Math.min(...ctx.contours.lips.outer.lower.map((v) => vertexAt(p, v)[1]));
      const chinBoss = core(ctx, 'jaw').filter(
        (v) =>
          Math.abs(vertexAt(p, v)[0]) < 15 && vertexAt(p, v)[1] < lipBottom - 8 && vertexAt(p, v)[1] > lipBottom - 25,
      );
      const lower = [...ctx.contours.lips.outer.lower, ...ctx.contours.lips.inner.lower];
      return spreadAnchors(
        p,
        [...anchorsAt(p, chinBoss, () => [0, 2.5, 1.5]), ...anchorsAt(p, lower, () => [0, 1.5, 1])],
        10,
      );
    },
  },
  AU20: {
    region: 'mouth',
    field: (ctx) => spreadAnchors(ctx.positions, lipsAll(ctx, towardCorners(ctx, [3, -0.5, -1])), 10),
  },
  AU23: {
    region: 'mouth',
    field: (ctx) => {
      const profile = centreProfile(ctx.positions, ctx.contours.lips.outer);
      const d = {
        outerUpper: scaled(profile, [0, -1.5, -0.5]),
        outerLower: scaled(profile, [0, 1.5, -0.5]),
        corners: (x: number): Vec3 => [-sideOf(x), 0, 0],
      };
      return spreadAnchors(ctx.positions, lips(ctx, d), 6);
    },
  },
  AU25: {
    region: 'mouth',
    field: (ctx) => {
      const [inner, outer] = [
        centreProfile(ctx.positions, ctx.contours.lips.inner),
        centreProfile(ctx.positions, ctx.contours.lips.outer),
      ];
      const d = {
        innerUpper: scaled(inner, [0, 1.5, 0]),
        innerLower: scaled(inner, [0, -1.5, 0]),
        outerUpper: scaled(outer, [0, 0.8, 0]),
        outerLower: scaled(outer, [0, -0.8, 0]),
      };
      return spreadAnchors(ctx.positions, lips(ctx, d), 6);
    },
  },
  AU26: { region: 'jaw', field: (ctx) => jawOpening(ctx, 12) },
  AU27: { region: 'jaw', field: (ctx) => jawOpening(ctx, 20) },
  AU43: {
    region: 'eyes',
    field: (ctx) =>
      spreadAnchors(
        ctx.positions,
        lids(
          ctx,
          (c) => ontoLowerLid(ctx.positions, c),
          () => ZERO,
        ),
        6,
      ),
  },
};

/** The same displacement rule on every lip contour vertex. */
function lipsAll(ctx: FieldContext, d: Displace): Anchor[] {
  return lips(ctx, { outerUpper: d, outerLower: d, innerUpper: d, innerLower: d, corners: d });
}

/** Moves an upper-lid vertex onto the lower lid at the same x (piecewise linear along the lower contour). */
function ontoLowerLid(p: Float32Array, c: SplitContour): Displace {
  const lower = [c.corners[0], ...c.lower, c.corners[1]].map((v) => vertexAt(p, v));
  return (x, y, z) => {
    const i = Math.max(
      1,
      lower.findIndex((q) => q[0] >= x),
    );
    const [a, b] = [lower[i - 1] ?? [x, y, z], lower[i] ?? [x, y, z]];
    const t = b[0] === a[0] ? 0 : (x - a[0]) / (b[0] - a[0]);
    return [0, a[1] + t * (b[1] - a[1]) - y, a[2] + t * (b[2] - a[2]) - z];
  };
}
