/**
 * Training targets (DESIGN.md section 1 step 3): which head, loss, metric and loss weight each
 * generative factor gets, and the fixed class vocabularies / output sizes of one dataset.
 */
import type { ImageRecord } from '../../dataset/records';
import { GmfError } from '../../../lib/errors';
import { EMOTIONS, ETHNICITIES, GENDERS, TEXTURE_BANDS } from '../../../model/gmf/generatorSpec';
import type { HeadSpec } from '../architectures/buildModel';

/** The features record of one image, as the generator stores it. */
export type FeatureRecord = ImageRecord['features'];

export const CATEGORICAL_TARGETS = ['id', 'gender', 'ethn', 'emo', 'bg'] as const;
export const COEFFICIENT_TARGETS = ['shape', 'tex'] as const;
export const TRANSLATION_TARGETS = ['xt', 'yt', 'zt'] as const;
export const ANGLE_TARGETS = ['xr', 'yr', 'zr', 'xl', 'yl'] as const;
export const TARGET_NAMES = [
  ...CATEGORICAL_TARGETS,
  ...COEFFICIENT_TARGETS,
  ...TRANSLATION_TARGETS,
  ...ANGLE_TARGETS,
] as const;

export type CategoricalTargetName = (typeof CATEGORICAL_TARGETS)[number];
export type CoefficientTargetName = (typeof COEFFICIENT_TARGETS)[number];
export type TranslationTargetName = (typeof TRANSLATION_TARGETS)[number];
export type AngleTargetName = (typeof ANGLE_TARGETS)[number];
export type TargetName = (typeof TARGET_NAMES)[number];

export type LossName = 'categoricalCrossentropy' | 'meanSquaredError' | 'angle';
export type MetricName = 'accuracy' | 'cosineSimilarity' | 'meanAbsoluteError' | 'angularError';

/** Short names for history columns and the UI, e.g. `id_acc`, `xr_angle_err` (here, not with the
 * metrics themselves: forms and checks use them without loading tfjs). */
export const METRIC_LABELS: Readonly<Record<MetricName, string>> = {
  accuracy: 'acc',
  cosineSimilarity: 'cosine',
  meanAbsoluteError: 'mae',
  angularError: 'angle_err',
};

interface TargetBase extends HeadSpec {
  name: TargetName;
  loss: LossName;
  metric: MetricName;
  /** Factor of this head's loss in the summed training loss. */
  lossWeight: number;
}

export interface CategoricalTarget extends TargetBase {
  kind: 'categorical';
  name: CategoricalTargetName;
  activation: 'softmax';
  /** Class labels in output-unit order; units = classes.length. */
  classes: readonly string[];
}

export interface CoefficientTarget extends TargetBase {
  kind: 'coefficients';
  name: CoefficientTargetName;
  activation: 'linear';
  /** Leading components used (per band for tex); units = components (x bands for tex). */
  components: number;
}

export interface ScalarTarget extends TargetBase {
  kind: 'translation' | 'angle';
  name: TranslationTargetName | AngleTargetName;
  activation: 'linear';
}

export type TargetSpec = CategoricalTarget | CoefficientTarget | ScalarTarget;

export interface TargetRequest {
  targets: readonly TargetName[];
  /** Leading shape components to predict; default min(100, stored). */
  shapeComponents?: number;
  /** Leading texture components per band; default min(100, stored). */
  texComponents?: number;
}

/** The original's defaults: 100 shape and 100 texture components (DESIGN.md section 6). */
export const DEFAULT_TARGET_COMPONENTS = 100;
/** Millimetres are large numbers next to the other losses; the original weighted them 0.001. */
export const TRANSLATION_LOSS_WEIGHT = 0.001;

export class TargetError extends GmfError {}

function includes<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** The label a record has for a categorical target, as vocabulary text. */
export function categoryOf(name: CategoricalTargetName, record: FeatureRecord): string {
  switch (name) {
    case 'id':
      return String(record.identity.id);
    case 'gender':
      return record.identity.gender;
    case 'ethn':
      return record.identity.ethn;
    case 'emo':
      return record.variation.emo;
    case 'bg':
      return String(record.variation.bg);
  }
}

const TARGET_LABELS: Record<CategoricalTargetName, string> = {
  id: 'identity',
  gender: 'gender',
  ethn: 'ethnicity',
  emo: 'emotion',
  bg: 'background',
};

/** Classes present in the records, in a fixed order: the generator's lists, numbers ascending. */
function vocabulary(name: CategoricalTargetName, records: readonly FeatureRecord[]): string[] {
  const present = new Set(records.map((r) => categoryOf(name, r)));
  const canonical: readonly string[] | null =
    name === 'gender' ? GENDERS : name === 'ethn' ? ETHNICITIES : name === 'emo' ? EMOTIONS : null;
  const classes =
    canonical === null ? [...present].sort((a, b) => Number(a) - Number(b)) : canonical.filter((c) => present.has(c));
  if (classes.length < 2) {
    throw new TargetError(
      'TARGET_ONE_CLASS',
      `Every image has ${TARGET_LABELS[name]} ${classes[0] ?? '?'}, so ${name} cannot be a training target; it needs two classes or more.`,
    );
  }
  return classes;
}

function components(name: CoefficientTargetName, requested: number | undefined, stored: number): number {
  const value = requested ?? Math.min(DEFAULT_TARGET_COMPONENTS, stored);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TargetError(
      'TARGET_COMPONENTS',
      `The number of ${name} components must be a whole number of 1 or more, got ${value}.`,
    );
  }
  if (value > stored) {
    throw new TargetError(
      'TARGET_COMPONENTS',
      `This dataset stores ${stored} ${name} components${name === 'tex' ? ' per band' : ''}; ${value} were asked for.`,
    );
  }
  return value;
}

/**
 * One spec per requested target, sized from the records: pass every record the model will
 * train and validate on, so both encode with the same vocabulary (the original fitted its
 * lookup on training + validation together). Heads follow the order of `request.targets`.
 */
export function buildTargetSpecs(request: TargetRequest, records: readonly FeatureRecord[]): TargetSpec[] {
  const first = records[0];
  if (first === undefined)
    throw new TargetError('TARGET_NO_RECORDS', 'There are no images to take the training targets from.');
  if (request.targets.length === 0) throw new TargetError('TARGET_NONE', 'Choose at least one training target.');
  const seen = new Set<TargetName>();
  return request.targets.map((name): TargetSpec => {
    if (seen.has(name)) throw new TargetError('TARGET_TWICE', `Target ${name} is listed twice.`);
    seen.add(name);
    if (includes(CATEGORICAL_TARGETS, name)) {
      const classes = vocabulary(name, records);
      return {
        kind: 'categorical',
        name,
        classes,
        units: classes.length,
        activation: 'softmax',
        loss: 'categoricalCrossentropy',
        metric: 'accuracy',
        lossWeight: 1,
      };
    }
    if (includes(COEFFICIENT_TARGETS, name)) {
      const stored = name === 'shape' ? first.identity.shapeScaled.length : (first.identity.texScaled[0]?.length ?? 0);
      const n = components(name, name === 'shape' ? request.shapeComponents : request.texComponents, stored);
      const units = name === 'shape' ? n : n * TEXTURE_BANDS;
      return {
        kind: 'coefficients',
        name,
        components: n,
        units,
        activation: 'linear',
        loss: 'meanSquaredError',
        metric: 'cosineSimilarity',
        lossWeight: 1,
      };
    }
    if (includes(TRANSLATION_TARGETS, name)) {
      return {
        kind: 'translation',
        name,
        units: 1,
        activation: 'linear',
        loss: 'meanSquaredError',
        metric: 'meanAbsoluteError',
        lossWeight: TRANSLATION_LOSS_WEIGHT,
      };
    }
    return {
      kind: 'angle',
      name,
      units: 1,
      activation: 'linear',
      loss: 'angle',
      metric: 'angularError',
      lossWeight: 1,
    };
  });
}
