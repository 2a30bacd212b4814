/**
 * Facts about ICT-FaceKit Light that live only in its README, not in its data files: the
 * geometry groups (vertex and polygon ranges, inclusive as the README writes them), the
 * jawline vertex lists and the narrow face area. The converter checks the groups against the
 * OBJ (ranges tile the mesh, polygons stay inside their group's vertices, one material each).
 */
import type { IctLandmarks } from '../../src/model/ict/ictFormat';

export const ICT_REPOSITORY = 'https://github.com/ICT-VGL/ICT-FaceKit';
export const ICT_LICENCE = 'MIT';

export interface SourceGroup {
  name: string;
  /** Inclusive model vertex range. */
  vertices: readonly [number, number];
  /** Inclusive polygon range. */
  polygons: readonly [number, number];
}

/**
 * The README's 17 geometry groups, with each eyeball split into sclera and iris (its "Eyeball
 * Details" table) so the two can get different materials: 19 groups in polygon order.
 * "Left" is the subject's left (+x).
 */
export const SOURCE_GROUPS: readonly SourceGroup[] = [
  { name: 'face', vertices: [0, 9408], polygons: [0, 9229] },
  { name: 'headNeck', vertices: [9409, 11247], polygons: [9230, 11143] },
  { name: 'mouthSocket', vertices: [11248, 13293], polygons: [11144, 13225] },
  { name: 'eyeSocketLeft', vertices: [13294, 13677], polygons: [13226, 13629] },
  { name: 'eyeSocketRight', vertices: [13678, 14061], polygons: [13630, 14033] },
  { name: 'gumsTongue', vertices: [14062, 17038], polygons: [14034, 17005] },
  { name: 'teeth', vertices: [17039, 21450], polygons: [17006, 21495] },
  { name: 'scleraLeft', vertices: [21451, 22220], polygons: [21496, 22295] },
  { name: 'irisLeft', vertices: [22221, 23020], polygons: [22296, 23093] },
  { name: 'scleraRight', vertices: [23021, 23790], polygons: [23094, 23893] },
  { name: 'irisRight', vertices: [23791, 24590], polygons: [23894, 24691] },
  { name: 'lacrimalFluidLeft', vertices: [24591, 24794], polygons: [24692, 24854] },
  { name: 'lacrimalFluidRight', vertices: [24795, 24998], polygons: [24855, 25017] },
  { name: 'eyeBlendLeft', vertices: [24999, 25022], polygons: [25018, 25032] },
  { name: 'eyeBlendRight', vertices: [25023, 25046], polygons: [25033, 25047] },
  { name: 'eyeOcclusionLeft', vertices: [25047, 25198], polygons: [25048, 25175] },
  { name: 'eyeOcclusionRight', vertices: [25199, 25350], polygons: [25176, 25303] },
  { name: 'eyelashesLeft', vertices: [25351, 26034], polygons: [25304, 25843] },
  { name: 'eyelashesRight', vertices: [26035, 26718], polygons: [25844, 26383] },
];

/** README, "Face Area Details": the narrow face area is vertices [0:6705]. */
export const NARROW_FACE_VERTEX_COUNT = 6706;

/** README, "Facial Landmarks": jawline substitutes and their extended supersets. */
export const JAWLINES: Readonly<Omit<IctLandmarks, 'multiPie68'>> = {
  jawlineRight: [1278, 1272, 12, 1834, 243, 781, 2199, 1447],
  jawlineLeft: [3661, 4390, 3022, 2484, 4036, 2253, 3490, 3496],
  jawlineRightExtended: [1280, 1278, 1275, 1272, 1248, 12, 820, 1834, 1902, 243, 844, 781, 1673, 2199, 801, 1447, 800],
  jawlineLeftExtended: [
    3041, 3661, 3042, 4390, 3880, 3022, 3085, 2484, 4102, 4036, 3061, 2253, 3466, 3490, 3493, 3496, 3498,
  ],
};
