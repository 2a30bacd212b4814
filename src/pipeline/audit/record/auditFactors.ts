/**
 * The factors a factor audit measures, in the order it reports them (pose, translation, light,
 * expression, demographics, shape, texture), and the targets the issue sets for the scan-based
 * model at 112 px without background (issue 11 §3).
 */
export const AUDIT_GROUPS = ['pose', 'translation', 'light', 'expression', 'demographics', 'shape', 'texture'] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export type AuditFactorKind = 'continuous' | 'categorical';

/** Leading identity components audited one by one (shape, and texture band 0). */
export const AUDITED_COMPONENTS = 10;

export interface AuditFactorInfo {
  /** As in the dataset's table where it has a column ('yr', 'emo'); 'shape3' / 'tex3' for components (1-based). */
  readonly name: string;
  readonly group: AuditGroup;
  readonly kind: AuditFactorKind;
  readonly label: string;
}

const factor = (name: string, group: AuditGroup, kind: AuditFactorKind, label: string): AuditFactorInfo => ({
  name,
  group,
  kind,
  label,
});

const components = (prefix: 'shape' | 'tex', group: AuditGroup, label: string): AuditFactorInfo[] =>
  Array.from({ length: AUDITED_COMPONENTS }, (_, i) =>
    factor(`${prefix}${i + 1}`, group, 'continuous', `${label} component ${i + 1}`),
  );

/** Every factor an audit can measure, in report order. */
export const AUDIT_FACTORS: readonly AuditFactorInfo[] = [
  factor('xr', 'pose', 'continuous', 'rotation x (pitch)'),
  factor('yr', 'pose', 'continuous', 'rotation y (yaw)'),
  factor('zr', 'pose', 'continuous', 'rotation z (roll)'),
  factor('xt', 'translation', 'continuous', 'translation x'),
  factor('yt', 'translation', 'continuous', 'translation y'),
  factor('zt', 'translation', 'continuous', 'translation z'),
  factor('xl', 'light', 'continuous', 'light rotation x'),
  factor('yl', 'light', 'continuous', 'light rotation y'),
  factor('zl', 'light', 'continuous', 'light rotation z'),
  factor('emo', 'expression', 'categorical', 'emotion'),
  factor('gender', 'demographics', 'categorical', 'gender'),
  factor('ethn', 'demographics', 'categorical', 'ethnicity'),
  factor('age', 'demographics', 'continuous', 'age'),
  ...components('shape', 'shape', 'shape'),
  ...components('tex', 'texture', 'texture (band 0)'),
];

const BY_NAME = new Map(AUDIT_FACTORS.map((f) => [f.name, f]));

export function auditFactor(name: string): AuditFactorInfo | undefined {
  return BY_NAME.get(name);
}

/** 1-based component of 'shape3' / 'tex3', or null for other factors. */
export function auditedComponent(name: string): { of: 'shape' | 'tex'; index: number } | null {
  const match = /^(shape|tex)(\d+)$/.exec(name);
  if (!match) return null;
  return { of: match[1] === 'shape' ? 'shape' : 'tex', index: Number(match[2]) };
}

export type AuditMeasure = 'r2' | 'auc' | 'accuracy';

export interface AuditTarget {
  readonly measure: AuditMeasure;
  readonly min: number;
}

/**
 * The targets. Categorical AUCs are rescaled, (AUC - 0.5) / 0.5, as everywhere in the
 * decoder; zl has none: it turns the light about the axis the light sits on (no effect by design).
 */
export function auditTarget(name: string): AuditTarget | null {
  const info = auditFactor(name);
  if (!info || name === 'zl') return null;
  switch (info.group) {
    case 'pose':
    case 'translation':
    case 'light':
      return { measure: 'r2', min: 0.95 };
    case 'expression':
      return { measure: 'accuracy', min: 0.9 };
    case 'demographics':
      if (name === 'gender') return { measure: 'auc', min: 0.95 };
      if (name === 'ethn') return { measure: 'accuracy', min: 0.9 };
      return { measure: 'r2', min: 0.8 };
    case 'shape':
    case 'texture':
      return { measure: 'r2', min: 0.8 };
  }
}
