/**
 * Demographic shape targets — DESIGNED BY HAND. Each row asks a demographic direction to change
 * one measure (anthropometry.ts) by `mm`; demographicDirections.ts finds the direction in ICT's
 * identity space that does so. Values are rounded design values in the direction and of about
 * the size the cited studies report for soft-tissue landmarks (means of young adults unless
 * said); "hand-set" rows follow a study's qualitative finding with a magnitude we chose. The
 * table in README.md repeats these rows with the full references.
 */
import type { MeasureName } from './anthropometry';

export interface DemographicTarget {
  measure: MeasureName;
  /** Change of the measure in mm. */
  mm: number;
  /** Where the number comes from (README.md has the full references). */
  source: string;
}

const FARKAS_1994 = 'Farkas 1994, North American Caucasians 18-25 y';
const FARKAS_2005 = 'Farkas et al. 2005, international study (Asian vs North American white)';
const PORTER = 'Porter & Olson 2001; Porter 2004 (African American vs North American white)';
const ICD_REVIEW = 'pooled inter-canthal review 2022 (PMC9029890): African 38.5, Asian 36.4, white 31.4';

/** Male minus female. */
export const GENDER_TARGETS: readonly DemographicTarget[] = [
  { measure: 'faceWidth', mm: 7, source: `${FARKAS_1994}: zy-zy ≈ 137 vs 130` },
  { measure: 'jawWidth', mm: 6, source: `${FARKAS_1994}: go-go ≈ 97 vs 91` },
  { measure: 'headWidth', mm: 6, source: `${FARKAS_1994}: eu-eu ≈ 151 vs 145` },
  { measure: 'faceHeight', mm: 9, source: `${FARKAS_1994}: n-gn ≈ 121 vs 112` },
  { measure: 'noseHeight', mm: 4, source: `${FARKAS_1994}: n-sn ≈ 55 vs 51` },
  { measure: 'noseWidth', mm: 3.5, source: `${FARKAS_1994}: al-al ≈ 35 vs 31.5` },
  { measure: 'mouthWidth', mm: 3, source: `${FARKAS_1994}: ch-ch ≈ 53 vs 50` },
  { measure: 'biocular', mm: 3, source: `${FARKAS_1994}: ex-ex ≈ 91 vs 88` },
  { measure: 'intercanthal', mm: 1.5, source: `${FARKAS_1994}: en-en ≈ 33 vs 32` },
  { measure: 'upperLipHeight', mm: 1.5, source: `${FARKAS_1994}: sn-sto ≈ 22 vs 20` },
  { measure: 'chinHeight', mm: 3.5, source: `${FARKAS_1994}: sto-gn, the rest of n-gn` },
  { measure: 'upperVermilion', mm: 0, source: `${FARKAS_1994}: ls-sto about equal, so relatively fuller in women` },
  { measure: 'lowerVermilion', mm: 0, source: `${FARKAS_1994}: sto-li about equal` },
  {
    measure: 'glabellaProjection',
    mm: 4,
    source: 'hand-set; Toma et al. 2008, Bruce et al. 1993: stronger brow ridge',
  },
  { measure: 'browProjection', mm: 2.5, source: 'hand-set; Toma et al. 2008: stronger brow ridge' },
  { measure: 'browHeight', mm: -3, source: 'hand-set; Campbell et al. 1999: brows sit higher above the eyes in women' },
  { measure: 'noseProjection', mm: 2, source: 'hand-set; Toma et al. 2008: more prominent nose' },
  { measure: 'chinProjection', mm: 2.5, source: 'hand-set; Toma et al. 2008: more prominent chin' },
];

/** Age 75 minus age 25 (the direction is scaled by (age - 25) / 50). */
export const AGE_TARGETS: readonly DemographicTarget[] = [
  {
    measure: 'noseHeight',
    mm: 3,
    source: 'Zankl et al. 2002; Sforza et al. 2011: the nose lengthens through adulthood',
  },
  { measure: 'noseTipHeight', mm: -2.5, source: 'hand-set; Sforza et al. 2011: the nasal tip droops' },
  { measure: 'earLengthR', mm: 8, source: 'Heathcote 1995: ears lengthen ≈ 0.22 mm a year (hand-set below 11 mm)' },
  { measure: 'earLengthL', mm: 8, source: 'Heathcote 1995 (as above)' },
  { measure: 'upperLipHeight', mm: 2.5, source: 'Sforza et al. 2010; Iblher et al. 2008: the upper lip lengthens' },
  { measure: 'upperVermilion', mm: -1.5, source: 'Sforza et al. 2010; Iblher et al. 2008: the vermilion thins' },
  { measure: 'lowerVermilion', mm: -1.5, source: 'Sforza et al. 2010 (as above)' },
  { measure: 'mouthCornerHeight', mm: -2, source: 'hand-set; Coleman & Grover 2006: mouth corners turn down' },
  { measure: 'jowlHeight', mm: -5.5, source: 'hand-set; Coleman & Grover 2006, Mendelson & Wong 2012: jowls' },
  { measure: 'jowlWidth', mm: 5, source: 'hand-set; Coleman & Grover 2006: jowls widen the lower face' },
  { measure: 'malarHeight', mm: -4, source: 'hand-set; Gosain et al. 2005: the malar fat pad descends' },
  { measure: 'lateralBrowHeight', mm: -3, source: 'hand-set; Coleman & Grover 2006: the lateral brow falls' },
  { measure: 'palpebralHeight', mm: -2, source: 'van den Bosch et al. 1999: the lid opening narrows with age' },
];

/** Each group minus North American whites (WC); directions are centred over the three groups. */
export const ETHNICITY_TARGETS: Readonly<Record<'EA' | 'BA', readonly DemographicTarget[]>> = {
  EA: [
    { measure: 'faceWidth', mm: 5, source: `${FARKAS_2005}: wider face` },
    { measure: 'jawWidth', mm: 3, source: `${FARKAS_2005}: wider lower face` },
    { measure: 'intercanthal', mm: 3, source: `${FARKAS_2005}; ${ICD_REVIEW} (hand-set smaller)` },
    { measure: 'noseWidth', mm: 3, source: `${FARKAS_2005}; Le et al. 2002: wider nose` },
    { measure: 'nasalRootProjection', mm: -4, source: 'hand-set; Farkas et al. 2005, Le et al. 2002: low nasal root' },
    { measure: 'noseProjection', mm: -2.5, source: 'hand-set; Le et al. 2002: less nasal tip protrusion' },
    { measure: 'glabellaProjection', mm: -2, source: 'hand-set: flatter brow ridge and profile' },
  ],
  BA: [
    { measure: 'noseWidth', mm: 7, source: `${PORTER}: al-al ≈ 39-44 vs 31-35` },
    { measure: 'mouthWidth', mm: 4, source: `${PORTER}: wider mouth` },
    { measure: 'upperVermilion', mm: 2.5, source: `${PORTER}: fuller upper lip` },
    { measure: 'lowerVermilion', mm: 2.5, source: `${PORTER}: fuller lower lip` },
    { measure: 'lipProjection', mm: 3, source: `hand-set; ${PORTER}: lip protrusion (bimaxillary)` },
    { measure: 'noseProjection', mm: -2, source: `${PORTER}: less nasal tip protrusion` },
    { measure: 'nasalRootProjection', mm: -2, source: 'hand-set: lower nasal root' },
    { measure: 'intercanthal', mm: 3, source: `${PORTER}; ${ICD_REVIEW} (hand-set smaller)` },
  ],
};
