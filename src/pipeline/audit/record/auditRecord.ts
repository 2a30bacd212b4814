/**
 * A factor audit's result as it is stored with a dataset (DatasetRecord.audit) and exported as
 * `factor_audit.json`: one row per factor with its measure, the range it was varied over and the
 * settings that produced it. `parseFactorAudit` checks such JSON from outside (a zip import).
 */
import { GmfError } from '../../../lib/errors';
import { type AuditFactorKind, type AuditGroup, auditFactor } from './auditFactors';

export const FACTOR_AUDIT_FORMAT = 'gmf-factor-audit';
export const FACTOR_AUDIT_VERSION = 1;

/** 'spec': the dataset's own range; 'default': the audit's documented default (for levels: every level). */
export type RangeSource = 'spec' | 'default';

export type AuditRange =
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number; readonly source: RangeSource }
  | { readonly kind: 'normal'; readonly mu: number; readonly sd: number; readonly source: RangeSource }
  | { readonly kind: 'levels'; readonly levels: readonly string[]; readonly source: RangeSource };

export interface FactorAuditRow {
  readonly factor: string;
  readonly group: AuditGroup;
  readonly kind: AuditFactorKind;
  /** R² of ridge (continuous) or rescaled one-vs-rest ROC-AUC, (AUC - 0.5) / 0.5, of LDA (categorical). */
  readonly metric: 'r2' | 'auc';
  readonly value: number;
  /** Categorical only: the LDA's accuracy on the testing images (7-way for emotion, 3-way for ethnicity). */
  readonly accuracy?: number;
  readonly range: AuditRange;
  /** Images rendered for this factor (training + validation + testing). */
  readonly images: number;
  /** Root-mean-square change of the pixels across the factor's images, in 8-bit grey levels: 0 = no effect at all. */
  readonly effect: number;
}

export interface FactorAuditResult {
  readonly format: typeof FACTOR_AUDIT_FORMAT;
  readonly version: typeof FACTOR_AUDIT_VERSION;
  /** The face model that rendered the images, when the dataset's settings name one. */
  readonly modelId?: string;
  readonly resolution: number;
  readonly renderScale: number;
  readonly background: boolean;
  /** What every factor but the audited one is fixed at: the model's mean face or the dataset's identity 0. */
  readonly base: 'mean' | 'sample';
  readonly split: { readonly training: number; readonly validation: number; readonly testing: number };
  /** PCA components kept (fitted on each factor's training images). */
  readonly components: number;
  /** The images as decoded: side × side RGB after box downsampling. */
  readonly pixelSide: number;
  readonly seed: number;
  readonly createdAt: number;
  /** Wall time of the whole audit (rendering and decoding). */
  readonly seconds: number;
  readonly rows: readonly FactorAuditRow[];
}

export class FactorAuditFormatError extends GmfError {
  constructor(readonly problem: string) {
    super('BAD_FACTOR_AUDIT', `The factor audit is malformed: ${problem}.`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(problem: string): never {
  throw new FactorAuditFormatError(problem);
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${path} must be a finite number`);
  return value;
}

function count(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    fail(`${path} must be a whole number of at least ${min}`);
  return value;
}

function source(value: unknown, path: string): RangeSource {
  if (value !== 'spec' && value !== 'default') fail(`${path}.source must be 'spec' or 'default'`);
  return value;
}

function parseRange(raw: unknown, kind: AuditFactorKind, path: string): AuditRange {
  if (!isObject(raw)) fail(`${path} must be an object`);
  if (kind === 'categorical') {
    const levels = raw.levels;
    if (
      raw.kind !== 'levels' ||
      !Array.isArray(levels) ||
      levels.length < 2 ||
      !levels.every((l) => typeof l === 'string')
    )
      fail(`${path} must list at least two levels`);
    return { kind: 'levels', levels, source: source(raw.source, path) };
  }
  if (raw.kind === 'uniform') {
    const min = finite(raw.min, `${path}.min`);
    const max = finite(raw.max, `${path}.max`);
    if (!(min < max)) fail(`${path} must have min below max`);
    return { kind: 'uniform', min, max, source: source(raw.source, path) };
  }
  if (raw.kind === 'normal') {
    const sd = finite(raw.sd, `${path}.sd`);
    if (!(sd > 0)) fail(`${path}.sd must be above 0`);
    return { kind: 'normal', mu: finite(raw.mu, `${path}.mu`), sd, source: source(raw.source, path) };
  }
  return fail(`${path}.kind must be 'uniform' or 'normal' for a continuous factor`);
}

function parseRow(raw: unknown, path: string): FactorAuditRow {
  if (!isObject(raw)) fail(`${path} must be an object`);
  const info = typeof raw.factor === 'string' ? auditFactor(raw.factor) : undefined;
  if (!info) fail(`${path}.factor '${String(raw.factor)}' is not a factor the audit measures`);
  const metric = info.kind === 'continuous' ? 'r2' : 'auc';
  if (raw.kind !== info.kind || raw.metric !== metric || raw.group !== info.group)
    fail(`${path} (${info.name}) must be group ${info.group}, kind ${info.kind}, metric ${metric}`);
  const value = finite(raw.value, `${path}.value`);
  // R² has no lower bound; a rescaled AUC lies in [-1, 1].
  if (value > 1 || (metric === 'auc' && value < -1)) fail(`${path}.value ${value} is out of range for ${metric}`);
  const row: FactorAuditRow = {
    factor: info.name,
    group: info.group,
    kind: info.kind,
    metric,
    value,
    range: parseRange(raw.range, info.kind, `${path}.range`),
    images: count(raw.images, `${path}.images`, 1),
    effect: finite(raw.effect, `${path}.effect`),
  };
  if (row.effect < 0) fail(`${path}.effect cannot be negative`);
  if (info.kind === 'categorical') {
    const accuracy = finite(raw.accuracy, `${path}.accuracy`);
    if (accuracy < 0 || accuracy > 1) fail(`${path}.accuracy must lie in 0..1`);
    return { ...row, accuracy };
  }
  if (raw.accuracy !== undefined) fail(`${path} is continuous and cannot have an accuracy`);
  return row;
}

/** Checks a factor audit from outside (JSON) field by field; throws FactorAuditFormatError naming the first problem. */
export function parseFactorAudit(raw: unknown): FactorAuditResult {
  if (!isObject(raw)) fail('it is not a JSON object');
  if (raw.format !== FACTOR_AUDIT_FORMAT) fail(`it does not declare format '${FACTOR_AUDIT_FORMAT}'`);
  if (raw.version !== FACTOR_AUDIT_VERSION)
    fail(`it has version ${String(raw.version)}; this app reads version ${FACTOR_AUDIT_VERSION}`);
  if (raw.modelId !== undefined && typeof raw.modelId !== 'string') fail('modelId must be a string');
  if (typeof raw.background !== 'boolean') fail('background must be true or false');
  if (raw.base !== 'mean' && raw.base !== 'sample') fail("base must be 'mean' or 'sample'");
  const split = isObject(raw.split) ? raw.split : fail('split must be an object');
  const rows = Array.isArray(raw.rows) && raw.rows.length > 0 ? raw.rows : fail('rows must be a non-empty list');
  const parsed = rows.map((row, i) => parseRow(row, `rows[${i}]`));
  const seen = new Set<string>();
  for (const row of parsed) {
    if (seen.has(row.factor)) fail(`factor ${row.factor} is listed twice`);
    seen.add(row.factor);
  }
  const seconds = finite(raw.seconds, 'seconds');
  if (seconds < 0) fail('seconds cannot be negative');
  return {
    format: FACTOR_AUDIT_FORMAT,
    version: FACTOR_AUDIT_VERSION,
    ...(typeof raw.modelId === 'string' ? { modelId: raw.modelId } : {}),
    resolution: count(raw.resolution, 'resolution', 1),
    renderScale: count(raw.renderScale, 'renderScale', 1),
    background: raw.background,
    base: raw.base,
    split: {
      training: count(split.training, 'split.training', 1),
      validation: count(split.validation, 'split.validation', 1),
      testing: count(split.testing, 'split.testing', 1),
    },
    components: count(raw.components, 'components', 1),
    pixelSide: count(raw.pixelSide, 'pixelSide', 1),
    seed: finite(raw.seed, 'seed'),
    createdAt: finite(raw.createdAt, 'createdAt'),
    seconds,
    rows: parsed,
  };
}
