import { describe, expect, it } from 'vitest';
import { AUDIT_FACTORS, auditTarget } from './auditFactors';
import { FactorAuditFormatError, type FactorAuditResult, type FactorAuditRow, parseFactorAudit } from './auditRecord';
import { FACTOR_AUDIT_COLUMNS, factorAuditTsv, meetsTarget } from './auditTsv';

const row = (factor: string, value: number, accuracy?: number): FactorAuditRow => {
  const info = AUDIT_FACTORS.find((f) => f.name === factor);
  if (!info) throw new Error(factor);
  return {
    factor,
    group: info.group,
    kind: info.kind,
    metric: info.kind === 'continuous' ? 'r2' : 'auc',
    value,
    ...(accuracy === undefined ? {} : { accuracy }),
    range:
      info.kind === 'continuous'
        ? { kind: 'uniform', min: -30, max: 30, source: 'default' }
        : { kind: 'levels', levels: ['M', 'F'], source: 'default' },
    images: 96,
    effect: 12.5,
  };
};

const audit: FactorAuditResult = {
  format: 'gmf-factor-audit',
  version: 1,
  resolution: 112,
  renderScale: 4,
  background: false,
  base: 'mean',
  split: { training: 48, validation: 24, testing: 24 },
  components: 24,
  pixelSide: 56,
  seed: 42,
  createdAt: 1,
  seconds: 2,
  rows: [row('yr', 0.96), row('zl', -0.05), row('gender', 0.9, 0.95), row('ethn', 1, 0.85), row('shape1', 0.81)],
};

describe('factor audit record', () => {
  it('reads back what it wrote', () => {
    expect(parseFactorAudit(JSON.parse(JSON.stringify(audit)))).toEqual(audit);
  });

  it('names the first problem of a malformed record', () => {
    const broken = (patch: (a: Record<string, unknown> & { rows: Record<string, unknown>[] }) => void) => {
      const copy = structuredClone(audit) as unknown as Record<string, unknown> & { rows: Record<string, unknown>[] };
      patch(copy);
      return () => parseFactorAudit(copy);
    };
    const cases: [string, () => unknown, RegExp][] = [
      ['not an object', () => parseFactorAudit([1]), /not a JSON object/],
      ['another format', broken((a) => (a.format = 'csv')), /does not declare format/],
      ['a later version', broken((a) => (a.version = 2)), /version 2; this app reads version 1/],
      ['no rows', broken((a) => (a.rows = [])), /rows must be a non-empty list/],
      ['an R² above 1', broken((a) => ((a.rows[0] ?? {}).value = 1.5)), /rows\[0\]\.value 1\.5 is out of range/],
      ['a wrong kind', broken((a) => ((a.rows[0] ?? {}).kind = 'categorical')), /must be group pose, kind continuous/],
      ['a missing accuracy', broken((a) => delete (a.rows[2] ?? {}).accuracy), /rows\[2\]\.accuracy must be a finite/],
      ['a continuous accuracy', broken((a) => ((a.rows[0] ?? {}).accuracy = 0.5)), /cannot have an accuracy/],
      ['one level', broken((a) => ((a.rows[2] ?? {}).range = { kind: 'levels', levels: ['M'] })), /at least two/],
      ['a reversed range', broken((a) => ((a.rows[0] ?? {}).range = { kind: 'uniform', min: 3, max: 1 })), /min below/],
      ['a duplicate', broken((a) => a.rows.push(a.rows[0] ?? {})), /yr is listed twice/],
      ['a bad split', broken((a) => (a.split = { training: 0 })), /split\.training must be a whole number/],
    ];
    for (const [what, attempt, message] of cases) {
      expect(attempt, what).toThrow(FactorAuditFormatError);
      expect(attempt, what).toThrow(message);
    }
  });

  it("marks each row against the issue's target (none for zl)", () => {
    expect(audit.rows.map(meetsTarget)).toEqual([true, null, false, false, true]);
    expect(auditTarget('emo')).toEqual({ measure: 'accuracy', min: 0.9 });
    expect(auditTarget('gender')).toEqual({ measure: 'auc', min: 0.95 });
    expect(auditTarget('age')).toEqual({ measure: 'r2', min: 0.8 });
    expect(auditTarget('xt')).toEqual({ measure: 'r2', min: 0.95 });
    expect(auditTarget('tex10')).toEqual({ measure: 'r2', min: 0.8 });
  });

  it('writes a tab-separated table with one row per factor and empty cells where nothing applies', () => {
    const lines = factorAuditTsv(audit).trimEnd().split('\n');
    expect(lines[0]?.split('\t')).toEqual([...FACTOR_AUDIT_COLUMNS]);
    expect(lines).toHaveLength(1 + audit.rows.length);
    const cells = (i: number) => Object.fromEntries(FACTOR_AUDIT_COLUMNS.map((c, j) => [c, lines[i]?.split('\t')[j]]));
    expect(cells(1)).toMatchObject({
      factor: 'yr',
      accuracy: '',
      range: 'uniform -30..30',
      target: '0.95',
      passed: 'True',
    });
    expect(cells(2)).toMatchObject({ factor: 'zl', value: '-0.05', target_measure: '', target: '', passed: '' });
    expect(cells(3)).toMatchObject({ factor: 'gender', accuracy: '0.95', range: 'levels M, F', passed: 'False' });
  });
});
