/**
 * Turns generated parameters and the perception model's answers into the reported measures,
 * each next to its goal (issue 11 §4).
 */
import type { Emotion, Gender } from '../../src/model/gmf/generatorSpec';
import { cosineSimilarity, identityPairSimilarities, mean, median, pearson, rocAuc } from './metrics';
import type { GeneratedImage, Perception } from './types';

interface Measure {
  value: number | null;
  goal: string;
  met: boolean;
}

function measure(value: number | null, atLeast: number): Measure {
  return { value: round(value), goal: `>= ${atLeast}`, met: value !== null && value >= atLeast };
}

export const GOALS = { detection: 0.95, emotion: 0.7, gender: 0.9, ageR: 0.5, identityAuc: 0.95 } as const;

/** Our emotion names -> human's (its emotion model's seven classes). */
const HUMAN_EMOTION: Record<Emotion, string> = {
  happy: 'happy',
  surprise: 'surprise',
  fear: 'fear',
  disgust: 'disgust',
  anger: 'angry',
  sad: 'sad',
  neutral: 'neutral',
};
const HUMAN_GENDER: Record<Gender, string> = { M: 'male', F: 'female' };

export function round(value: number | null | undefined, digits = 3): number | null {
  return value === null || value === undefined ? null : Number(value.toFixed(digits));
}

function fraction(hits: number, n: number): number | null {
  return n === 0 ? null : hits / n;
}

export function topEmotion(p: Perception): string | undefined {
  return p.emotions?.[0]?.emotion;
}

export function emotionAgrees(image: GeneratedImage, p: Perception): boolean {
  return topEmotion(p) === HUMAN_EMOTION[image.emo];
}

export function genderAgrees(image: GeneratedImage, p: Perception): boolean {
  return p.gender === HUMAN_GENDER[image.gender];
}

/** Every measure over one dataset; agreement and correlation are over the images with a face found. */
export function summariseDataset(images: readonly GeneratedImage[], perceptions: readonly Perception[]) {
  const pairs = images.map((image, i) => ({ image, p: perceptions[i] })).filter((x) => x.p !== undefined);
  const found = pairs.filter((x): x is { image: GeneratedImage; p: Perception } => x.p?.detected === true);
  const confusion: Record<string, Record<string, number>> = {};
  for (const { image, p } of found) {
    const row = (confusion[HUMAN_EMOTION[image.emo]] ??= {});
    const predicted = topEmotion(p) ?? 'none';
    row[predicted] = (row[predicted] ?? 0) + 1;
  }
  const aged = found.filter((x) => x.p.age !== undefined);
  const agePredicted = aged.map((x) => x.p.age ?? 0);
  const ageGenerated = aged.map((x) => x.image.age);
  const described = found.flatMap(({ image, p }) =>
    p.embedding ? [{ identity: image.identity, embedding: p.embedding }] : [],
  );
  const { same, different } = identityPairSimilarities(described);
  const angled = found.filter((x) => x.p.angles !== undefined);
  const angle = (key: 'yaw' | 'pitch' | 'roll') => angled.map((x) => x.p.angles?.[key] ?? 0);
  const numbers = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);
  return {
    images: images.length,
    detection: {
      rate: measure(fraction(found.length, images.length), GOALS.detection),
      detected: found.length,
      /** The detector's (blazeface) confidence. */
      medianScore: round(median(found.map((x) => x.p.boxScore))),
      /** human's overall face score (detector and mesh). */
      medianFaceScore: round(median(found.map((x) => x.p.score))),
    },
    emotion: {
      agreement: measure(
        fraction(found.filter((x) => emotionAgrees(x.image, x.p)).length, found.length),
        GOALS.emotion,
      ),
      chance: round(1 / 7),
      n: found.length,
      /** generated (human's names) -> predicted top emotion -> count */
      confusion,
    },
    gender: {
      agreement: measure(fraction(found.filter((x) => genderAgrees(x.image, x.p)).length, found.length), GOALS.gender),
      n: found.length,
      medianScore: round(median(numbers(found.map((x) => x.p.genderScore)))),
    },
    age: {
      pearsonR: measure(pearson(ageGenerated, agePredicted), GOALS.ageR),
      n: aged.length,
      meanGenerated: round(mean(ageGenerated), 1),
      meanPredicted: round(mean(agePredicted), 1),
      meanAbsoluteError: round(mean(aged.map((x) => Math.abs((x.p.age ?? 0) - x.image.age))), 1),
    },
    identity: {
      auc: measure(rocAuc(same, different), GOALS.identityAuc),
      described: described.length,
      samePairs: same.length,
      differentPairs: different.length,
      medianSimilaritySame: round(median(same)),
      medianSimilarityDifferent: round(median(different)),
    },
    /** Pearson r of the model's head angles with the generated rotations (signs follow each convention). */
    pose: {
      n: angled.length,
      yawVsYr: round(
        pearson(
          angled.map((x) => x.image.yr),
          angle('yaw'),
        ),
      ),
      pitchVsXr: round(
        pearson(
          angled.map((x) => x.image.xr),
          angle('pitch'),
        ),
      ),
      rollVsZr: round(
        pearson(
          angled.map((x) => x.image.zr),
          angle('roll'),
        ),
      ),
    },
    /** human's anti-spoofing ("a real face, not a picture") and liveness confidences, no goal. */
    realness: {
      medianAntispoof: round(median(numbers(found.map((x) => x.p.real)))),
      medianLiveness: round(median(numbers(found.map((x) => x.p.live)))),
    },
    medianFaceWidth: round(median(found.map((x) => x.p.box?.[2] ?? 0))),
    perceptionMsPerImage: round(mean(pairs.map((x) => x.p?.ms ?? 0)), 1),
  };
}

export type DatasetSummary = ReturnType<typeof summariseDataset>;

/** One control image's answers, in the same terms. */
export function summariseControl(p: Perception, reference?: Perception) {
  return {
    detected: p.detected,
    score: round(p.boxScore),
    faceScore: round(p.score),
    gender: p.gender ?? null,
    genderScore: round(p.genderScore),
    age: round(p.age, 1),
    emotion: topEmotion(p) ?? null,
    emotionScore: round(p.emotions?.[0]?.score),
    antispoof: round(p.real),
    liveness: round(p.live),
    faceWidth: round(p.box?.[2]),
    ...(reference?.embedding && p.embedding
      ? { descriptorSimilarityToOriginal: round(cosineSimilarity(reference.embedding, p.embedding)) }
      : {}),
  };
}

/** Per image: what was generated and what the model said (no descriptors), for a closer look. */
export function imageRows(model: string, images: readonly GeneratedImage[], perceptions: readonly Perception[]) {
  return images.map((g, i) => {
    const p = perceptions[i];
    return {
      model,
      identity: g.identity,
      variation: g.variation,
      gender: g.gender,
      ethn: g.ethn,
      age: g.age,
      emo: g.emo,
      xr: g.xr,
      yr: g.yr,
      zr: g.zr,
      detected: p?.detected ?? false,
      score: round(p?.boxScore),
      predictedGender: p?.gender ?? null,
      genderScore: round(p?.genderScore),
      predictedAge: round(p?.age, 1),
      predictedEmotion: p ? (topEmotion(p) ?? null) : null,
      emotionScore: round(p?.emotions?.[0]?.score),
      yaw: round(p?.angles?.yaw),
      pitch: round(p?.angles?.pitch),
      roll: round(p?.angles?.roll),
    };
  });
}
