import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_OPTIONS } from '../analyze/options';
import type { AnalysisRecord, ResultRow } from '../analyze/records';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../train/runConfig';
import type { RunRecord } from '../train/runRecords';
import { decodingCurves } from './curves';
import { baseRunName, groupBySeed, meanSd, runConfigKey, seedGroupKey, seedMeanCurves } from './runGroups';

const config = (patch: Partial<TrainConfig> = {}): TrainConfig => ({
  ...DEFAULT_TRAIN_CONFIG,
  datasetId: 'd1',
  targets: ['id', 'yr'],
  ...patch,
});

function run(id: string, patch: Partial<TrainConfig> = {}, extra: Partial<RunRecord> = {}): RunRecord {
  const c = config(patch);
  return {
    id,
    name: c.name,
    createdAt: 0,
    config: c,
    status: 'complete',
    targets: [],
    query: null,
    images: { training: 0, validation: 0 },
    history: [],
    summary: [],
    backend: 'cpu',
    ...extra,
  };
}

function row(factor: string, layername: string, opNr: number, corr: number): ResultRow {
  return {
    corr,
    factor,
    feature_nr: 1,
    layername,
    layer: layername.slice(5, 7),
    operation: layername.split('_')[1] ?? '',
    op_nr: opNr,
    p_value: NaN,
    ci_low: NaN,
    ci_high: NaN,
  };
}

function analysis(id: string, r: RunRecord | null, perf: ResultRow[] = [], extra: Partial<AnalysisRecord> = {}) {
  return {
    id,
    name: `${r?.name ?? id} analysis`,
    createdAt: 0,
    runId: r?.id ?? `missing-${id}`,
    runName: r?.name ?? id,
    datasetId: r?.config.datasetId ?? 'd1',
    query: null,
    options: { ...DEFAULT_ANALYSIS_OPTIONS },
    status: 'complete',
    stage: 'done',
    layers: [],
    samples: { training: 0, validation: 0, testing: 0 },
    decomposed: [],
    decodedLayers: [],
    perf,
    skipped: [],
    ...extra,
  } satisfies AnalysisRecord;
}

describe('runConfigKey', () => {
  it('ignores the name, the seed and the order of targets', () => {
    const base = runConfigKey(config());
    expect(runConfigKey(config({ name: 'other', seed: 7 }))).toBe(base);
    expect(runConfigKey(config({ targets: ['yr', 'id'] }))).toBe(base);
    // Shape components only count when shape is a target.
    expect(runConfigKey(config({ shapeComponents: 3 }))).toBe(base);
  });

  it('tells apart every setting that changes training', () => {
    const base = runConfigKey(config());
    const changes: Partial<TrainConfig>[] = [
      { datasetId: 'd2' },
      { queryName: 'q' },
      { architecture: 'VGG16' },
      { targets: ['id'] },
      { batchSize: 32 },
      { epochs: 11 },
      { learningRate: 1e-4 },
      { batchNormMomentum: 0.9 },
      { trainIdentities: 10 },
      { variationsPerIdentity: 2 },
      { earlyStop: { metric: 'val_loss', threshold: 1 } },
      { data: 'streamed' },
    ];
    for (const change of changes) expect(runConfigKey(config(change)), JSON.stringify(change)).not.toBe(base);
    expect(runConfigKey(config({ targets: ['shape'], shapeComponents: 3 }))).not.toBe(
      runConfigKey(config({ targets: ['shape'], shapeComponents: 4 })),
    );
  });
});

describe('groupBySeed', () => {
  const s1 = run('r1', { name: 'net seed 1', seed: 1 });
  const s2 = run('r2', { name: 'net seed 2', seed: 2 });
  const s3 = run('r3', { name: 'net seed 3', seed: 3 });
  const alex = run('r4', { name: 'alex', architecture: 'VGG16', seed: 1 });
  const imported = run('r5', { name: 'imp', seed: 1 }, { imported: true });
  const runs = new Map([s1, s2, s3, alex, imported].map((r) => [r.id, r]));

  it('puts seeds of one config together, in the order their first member comes', () => {
    const groups = groupBySeed(
      [analysis('a1', s1), analysis('a4', alex), analysis('a2', s2), analysis('a3', s3)],
      runs,
    );
    expect(groups.map((g) => g.members.map((m) => m.id))).toEqual([['a1', 'a2', 'a3'], ['a4']]);
    expect(groups[0]?.seeds).toEqual([1, 2, 3]);
    expect(groups[0]?.label).toBe('net');
    expect(groups[1]?.label).toBe('alex analysis');
  });

  it('keeps imported, orphaned and differently analysed analyses apart, and counts each seed once', () => {
    const groups = groupBySeed(
      [
        analysis('a1', s1),
        analysis('again', s1),
        analysis('orig', s2, [], { origin: { kind: 'original-perf', file: 'x_perf.tsv' } }),
        analysis('imp', imported),
        analysis('orphan', null),
        analysis('pcs', s2, [], { options: { ...DEFAULT_ANALYSIS_OPTIONS, nComponents: 3 } }),
        // Permutations and the analysis seed do not move scores: still seed 2 of a1's group.
        analysis('a2', s2, [], { options: { ...DEFAULT_ANALYSIS_OPTIONS, permutations: 9, seed: 5 } }),
      ],
      runs,
    );
    expect(groups.map((g) => g.members.map((m) => m.id))).toEqual([
      ['a1', 'a2'],
      ['again'],
      ['orig'],
      ['imp'],
      ['orphan'],
      ['pcs'],
    ]);
    expect(seedGroupKey(analysis('orphan', null), undefined)).toBeNull();
  });

  it('names a group by the runs without their seed suffix', () => {
    expect(baseRunName('faces run seed 12')).toBe('faces run');
    expect(baseRunName('seedless')).toBe('seedless');
    const other = run('r6', { name: 'renamed', seed: 4 });
    const [group] = groupBySeed(
      [analysis('a1', s1), analysis('a6', other)],
      new Map([s1, other].map((r) => [r.id, r])),
    );
    expect(group?.label).toBe('net / renamed');
  });
});

describe('seedMeanCurves', () => {
  const L0 = 'layer00_input';
  const L1 = 'layer01_conv';
  const curvesOf = (perf: ResultRow[], averageAxes = false) => decodingCurves(perf, [], { averageAxes });

  it('gives mean and sample sd per layer x factor (hand computation)', () => {
    const seeds = [
      curvesOf([row('age', L0, 0, 0.2), row('age', L1, 1, 0.5), row('id', L1, 1, 0.1)]),
      curvesOf([row('age', L0, 0, 0.4), row('age', L1, 1, 0.5), row('id', L1, 1, NaN)]),
      curvesOf([row('age', L0, 0, 0.9), row('age', L1, 1, 0.8)]),
    ];
    const c = seedMeanCurves(seeds);
    expect(c.layers).toEqual([
      { name: L0, opNr: 0 },
      { name: L1, opNr: 1 },
    ]);
    const age = c.series.find((s) => s.key === 'age')?.points ?? [];
    // layer 0: mean (0.2 + 0.4 + 0.9) / 3 = 0.5; sd sqrt((0.09 + 0.01 + 0.16) / 2) = sqrt(0.13)
    expect(age[0]?.mean).toBeCloseTo(0.5, 14);
    expect(age[0]?.sd).toBeCloseTo(0.36055512754639896, 14);
    expect(age[0]?.n).toBe(3);
    // layer 1: mean 0.6; sd sqrt((0.01 + 0.01 + 0.04) / 2) = sqrt(0.03)
    expect(age[1]?.mean).toBeCloseTo(0.6, 14);
    expect(age[1]?.sd).toBeCloseTo(0.17320508075688773, 14);
    // id: one seed scored it (NaN and absent left out): its value, no sd; nothing at layer 0.
    const id = c.series.find((s) => s.key === 'id')?.points ?? [];
    expect(id[1]).toEqual({ mean: 0.1, sd: NaN, n: 1 });
    expect(id[0]).toEqual({ mean: NaN, sd: NaN, n: 0 });
  });

  it('averages per-seed axis means when axes are averaged', () => {
    const seeds = [
      curvesOf([row('xr', L0, 0, 0.2), row('yr', L0, 0, 0.4)], true),
      curvesOf([row('xr', L0, 0, 0.6), row('yr', L0, 0, 1.0)], true),
    ];
    const rotation = seedMeanCurves(seeds).series.find((s) => s.key === 'rotation')?.points[0];
    // seed means 0.3 and 0.8: mean 0.55, sd |0.8 − 0.3| / sqrt(2)
    expect(rotation?.mean).toBeCloseTo(0.55, 14);
    expect(rotation?.sd).toBeCloseTo(0.5 / Math.SQRT2, 14);
  });

  it('matches layers by name when the seeds list them differently', () => {
    const c = seedMeanCurves([
      curvesOf([row('age', L1, 1, 0.3)]),
      curvesOf([row('age', L0, 0, 0.1), row('age', L1, 1, 0.5)]),
    ]);
    const age = c.series[0]?.points ?? [];
    expect(age.map((p) => p.n)).toEqual([1, 2]);
    expect(age[1]?.mean).toBeCloseTo(0.4, 14);
  });

  it('meanSd of nothing is NaN; of one value has no sd', () => {
    expect(meanSd([])).toEqual({ mean: NaN, sd: NaN, n: 0 });
    expect(meanSd([2])).toEqual({ mean: 2, sd: NaN, n: 1 });
    expect(meanSd([1, 3]).sd).toBeCloseTo(Math.SQRT2, 15);
  });
});
