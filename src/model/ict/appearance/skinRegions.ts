/**
 * Region masks of the skin atlas, drawn in frontal millimetres on the neutral mesh (faceFeatures.ts)
 * from the ICT landmarks. All shapes and sizes are hand designed from facial anatomy (lip and
 * eyelid proportions, where a beard grows), checked by eye on renders; none is fitted to data.
 */
import { polygonSignedDistance } from '../../gmf/texture/regionMasks';
import { type FaceFeatures, type Point, polylineDistance, smoothCurve } from './faceFeatures';
import { type FaceTexel, gaussian, type SparseField, smoothstep, sparseField, texelHash } from './sparseField';

export interface SkinRegions {
  /** Vermilion of the lips (0..1), soft over 0.8 mm. */
  lips: SparseField;
  /** Dark line just inside the vermilion border. */
  lipBorder: SparseField;
  /** The paler "white roll" just outside the upper lip's border. */
  lipRoll: SparseField;
  /** Inner, wet part of the lips towards the mouth. */
  lipInner: SparseField;
  /** Lid margins rolled into the eye opening (pink, wet). */
  lidMargin: SparseField;
  /** Lash line along the upper (strong) and lower (faint) lid margins. */
  lashLine: SparseField;
  /** Upper-lid crease. */
  crease: SparseField;
  /** Slightly darker skin around the eyes (lids, under the eyes). */
  lidShade: SparseField;
  cheeks: SparseField;
  /** Nose tip and wings (slightly redder). */
  nose: SparseField;
  /** Nostril openings (dark). */
  nostrils: SparseField;
  ears: SparseField;
  /** Beard area times a fixed stubble grain; used for men only. */
  beard: SparseField;
}

/** Crease height above the lid margin at mid-lid (mm). */
const CREASE_HEIGHT = 6.5;

function eyeRegions(features: FaceFeatures, texels: readonly FaceTexel[]) {
  const creases = features.eyes.map((eye) => {
    const lid = smoothCurve(eye.upper, 24);
    return lid.map(([x, y], i) => {
      const tau = i / (lid.length - 1);
      return [x, y + CREASE_HEIGHT * (0.25 + 0.75 * Math.sin(Math.PI * tau))];
    });
  });
  const uppers = features.eyes.map((eye) => smoothCurve(eye.upper, 24));
  const lowers = features.eyes.map((eye) => smoothCurve(eye.lower, 24));
  const near = (t: FaceTexel): number =>
    Math.min(
      ...features.eyes.map((eye) => Math.abs(t.x - (eye.outer[0] + eye.inner[0]) / 2) + Math.abs(t.y - eye.outer[1])),
    );
  const front = (t: FaceTexel): boolean => t.z > 70 && near(t) < 40;
  return {
    lidMargin: sparseField(texels, (t) => {
      if (!front(t)) return 0;
      const d = Math.min(...features.eyes.map((eye) => polygonSignedDistance(eye.opening, t.x, t.y)));
      return Math.min(1, Math.max(0, 0.5 - d / 0.5));
    }),
    lashLine: sparseField(texels, (t) => {
      if (!front(t)) return 0;
      let v = 0;
      features.eyes.forEach((eye, e) => {
        const [du, arc] = polylineDistance(uppers[e] ?? [], t.x, t.y);
        // Lashes are densest towards the outer corner (arc 0) and sit on or just above the margin.
        v = Math.max(v, (0.55 + 0.45 * (1 - arc)) * gaussian(du, 0.55));
        const [dl] = polylineDistance(lowers[e] ?? [], t.x, t.y);
        v = Math.max(v, 0.3 * gaussian(dl, 0.45));
        if (polygonSignedDistance(eye.opening, t.x, t.y) < -0.3) v = 0;
      });
      return v;
    }),
    crease: sparseField(texels, (t) => {
      if (!front(t)) return 0;
      let v = 0;
      for (const c of creases) {
        const [d, arc] = polylineDistance(c, t.x, t.y);
        v = Math.max(v, Math.sin(Math.PI * arc) ** 0.5 * gaussian(d, 0.6));
      }
      return v;
    }),
    lidShade: sparseField(texels, (t) => {
      if (!front(t)) return 0;
      let v = 0;
      features.eyes.forEach((eye, e) => {
        const d = polygonSignedDistance(eye.opening, t.x, t.y);
        if (d < 0) return;
        // The upper lid up to the crease and a smaller ring below the eye.
        const lid = uppers[e] ?? [];
        const above = t.y > (lid[Math.floor(lid.length / 2)]?.[1] ?? 0) - 1;
        v = Math.max(v, above ? 0.8 * gaussian(d, CREASE_HEIGHT * 0.8) : 0.6 * gaussian(d, 4.5));
      });
      return v;
    }),
  };
}

function lipRegions(features: FaceFeatures, texels: readonly FaceTexel[]) {
  const [cornerR, cornerL] = features.mouthCorners;
  const cornerY = (cornerR[1] + cornerL[1]) / 2;
  const innerLine: Point[] = [60, 61, 62, 63, 64].map((i) => features.landmark(i));
  const innerLower: Point[] = [60, 67, 66, 65, 64].map((i) => features.landmark(i));
  const inBox = (t: FaceTexel): boolean =>
    t.z > 80 &&
    t.x > cornerR[0] - 8 &&
    t.x < cornerL[0] + 8 &&
    t.y > features.chin[1] + 15 &&
    t.y < features.subnasale[1];
  const outer = (t: FaceTexel): number => polygonSignedDistance(features.lipsOuter, t.x, t.y);
  return {
    lips: sparseField(texels, (t) => (inBox(t) ? Math.min(1, Math.max(0, 0.5 - outer(t) / 0.8)) : 0)),
    lipBorder: sparseField(texels, (t) => (inBox(t) ? gaussian(outer(t) + 0.35, 0.3) : 0)),
    lipRoll: sparseField(texels, (t) => (inBox(t) && t.y > cornerY ? gaussian(outer(t) - 0.9, 0.45) : 0)),
    lipInner: sparseField(texels, (t) => {
      if (!inBox(t) || outer(t) > 0) return 0;
      const d = Math.min(polylineDistance(innerLine, t.x, t.y)[0], polylineDistance(innerLower, t.x, t.y)[0]);
      // Surfaces that turn away from the viewer roll into the mouth.
      return Math.max(gaussian(d, 1.6), 1 - smoothstep(0.15, 0.55, t.nz));
    }),
  };
}

/** Top of the beard (y, mm) at lateral distance ax: philtrum, over the cheeks, up to the sideburns. */
function beardTop(features: FaceFeatures, ax: number): number {
  const corner = features.mouthCorners[1][1];
  const knots: [number, number][] = [
    [0, features.subnasale[1] - 2],
    [features.alae[1][0] + 2, features.alae[1][1] - 3],
    [30, corner + 9],
    [50, corner + 12],
    [63, corner + 17],
    [70, -4],
    [74, 18],
    [78, 34],
  ];
  for (let i = 1; i < knots.length; i++) {
    const [x0, y0] = knots[i - 1] ?? [0, 0];
    const [x1, y1] = knots[i] ?? [0, 0];
    if (ax <= x1) return y0 + ((y1 - y0) * (ax - x0)) / (x1 - x0);
  }
  return knots[knots.length - 1]?.[1] ?? 0;
}

export function buildSkinRegions(features: FaceFeatures, texels: readonly FaceTexel[]): SkinRegions {
  const [alaR, alaL] = features.alae;
  const chinY = features.chin[1];
  return {
    ...lipRegions(features, texels),
    ...eyeRegions(features, texels),
    cheeks: sparseField(texels, (t) => {
      if (t.nz < 0.2) return 0;
      return gaussian(Math.hypot(Math.abs(t.x) - 38, t.y - 2), 13) * smoothstep(0.2, 0.6, t.nz);
    }),
    nose: sparseField(texels, (t) => {
      if (t.z < 90) return 0;
      const tip = gaussian(Math.hypot(t.x - features.noseTip[0], t.y - features.noseTip[1]), 7);
      const wings = Math.max(...[alaR, alaL].map((a) => gaussian(Math.hypot(t.x - a[0] * 1.1, t.y - a[1] - 3), 4.5)));
      return Math.max(tip, wings);
    }),
    nostrils: sparseField(texels, (t) => {
      if (t.z < 95 || t.ny > -0.15) return 0;
      const ellipse = Math.min(
        ...[-1, 1].map((side) => Math.hypot((t.x - side * 7) / 5, (t.y - (features.subnasale[1] + 3)) / 3)),
      );
      return (1 - smoothstep(0.7, 1.2, ellipse)) * smoothstep(0.15, 0.5, -t.ny);
    }),
    ears: sparseField(
      texels,
      (t) => smoothstep(70, 80, Math.abs(t.x)) * smoothstep(-40, -20, t.y) * (1 - smoothstep(55, 70, t.y)),
    ),
    beard: sparseField(texels, (t) => {
      const ax = Math.abs(t.x);
      if (ax > 80 || t.y < chinY - 40) return 0;
      const top = beardTop(features, ax);
      const below = smoothstep(top + 6, top - 6, t.y);
      // Down the neck to about the Adam's apple, and not behind the jaw's angle.
      const neck = smoothstep(chinY - 40, chinY - 22, t.y);
      const inFront = smoothstep(15, 30, t.z);
      const lips = polygonSignedDistance(features.lipsOuter, t.x, t.y);
      const clearOfLips = smoothstep(0.5, 2.5, lips);
      const grain = 0.55 + 0.9 * texelHash(t.k, 1);
      return below * neck * inFront * clearOfLips * grain;
    }),
  };
}
