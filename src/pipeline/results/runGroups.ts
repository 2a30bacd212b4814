/**
 * Which analyses are the same experiment trained with different seeds, and their layerwise
 * curves as mean ± sd across those seeds. Pure: the Results tab passes the analyses and the runs
 * they came from (store `runs`); no React, no storage.
 */
import { type AnalysisOptions, type AnalysisRecord, idFoldsOf } from '../analyze/records';
import type { TrainConfig } from '../train/runConfig';
import type { RunRecord } from '../train/runRecords';
import type { DecodingCurves, LayerTick } from './curves';

/**
 * What makes two runs the same experiment: every training setting but the run's name and seed.
 * Typed as a record of all the other keys, so a setting added to TrainConfig must be added here.
 */
export function runConfigKey(config: TrainConfig): string {
  const targets = [...config.targets].sort();
  const key: Record<keyof Omit<TrainConfig, 'name' | 'seed'>, unknown> = {
    datasetId: config.datasetId,
    queryName: config.queryName,
    architecture: config.architecture,
    // Head order does not change what is trained; component counts matter only for their target.
    targets,
    shapeComponents: targets.includes('shape') ? config.shapeComponents : null,
    texComponents: targets.includes('tex') ? config.texComponents : null,
    batchSize: config.batchSize,
    epochs: config.epochs,
    learningRate: config.learningRate,
    batchNormMomentum: config.batchNormMomentum,
    trainIdentities: config.trainIdentities,
    variationsPerIdentity: config.variationsPerIdentity,
    earlyStop: config.earlyStop ? { metric: config.earlyStop.metric, threshold: config.earlyStop.threshold } : null,
    data: config.data,
  };
  return JSON.stringify(key);
}

/**
 * The analysis settings that change the scores by design: not its seed (it draws the PCA
 * batches' images and the sketch, sampling noise a comparison across seeds averages over too) and
 * not the permutation or bootstrap counts (they add p-values and intervals, never move a score).
 */
export function analysisOptionsKey(options: AnalysisOptions): string {
  return JSON.stringify({
    nComponents: options.nComponents,
    nBatches: options.nBatches,
    batchSize: options.batchSize,
    maxFeatures: options.maxFeatures,
    idFolds: idFoldsOf(options),
    memoryBudgetMb: options.memoryBudgetMb ?? null,
  });
}

/**
 * The key analyses share when they are seeds of one experiment; null when the analysis has no
 * trained run to compare (imported from the original, an imported model, or its run deleted).
 */
export function seedGroupKey(analysis: AnalysisRecord, run: RunRecord | undefined): string | null {
  if (analysis.origin || !run || run.imported) return null;
  return [
    runConfigKey(run.config),
    // A saved query may be edited between runs: the text each run used is what counts.
    JSON.stringify(run.query?.text ?? null),
    analysis.datasetId,
    analysisOptionsKey(analysis.options),
  ].join('|');
}

export interface AnalysisGroup {
  /** The shared key, or the analysis id for one that is its own group. */
  readonly key: string;
  readonly members: readonly AnalysisRecord[];
  /** The training seed of each member's run, in member order (null: no stored run). */
  readonly seeds: readonly (number | null)[];
  /** For the legend: the analysis name of a single member; the runs' common name for a group. */
  readonly label: string;
}

/** A run name without the " seed N" suffix "Train N seeds" gives it. */
export const baseRunName = (name: string): string => name.replace(/\s+seed\s+-?\d+$/i, '');

function groupLabel(members: readonly AnalysisRecord[]): string {
  const first = members[0];
  if (members.length === 1 && first) return first.name;
  const names = [...new Set(members.map((m) => baseRunName(m.runName)))];
  return names.length <= 2 ? names.join(' / ') : `${names.slice(0, 2).join(' / ')} / …`;
}

/**
 * Groups analyses that share `seedGroupKey`, in the order their first member comes. Each seed
 * counts once per group: a second analysis of a run (or of another run with the same seed)
 * starts a group of its own, so "n seeds" is always n different seeds.
 */
export function groupBySeed(
  analyses: readonly AnalysisRecord[],
  runs: ReadonlyMap<string, RunRecord>,
): AnalysisGroup[] {
  const groups: { key: string; members: AnalysisRecord[]; seeds: (number | null)[] }[] = [];
  for (const analysis of analyses) {
    const run = runs.get(analysis.runId);
    const key = seedGroupKey(analysis, run);
    const seed = run && key !== null ? run.config.seed : null;
    const into = key === null ? undefined : groups.find((g) => g.key === key && !g.seeds.includes(seed));
    if (into) {
      into.members.push(analysis);
      into.seeds.push(seed);
    } else groups.push({ key: key ?? analysis.id, members: [analysis], seeds: [seed] });
  }
  return groups.map((g) => ({ ...g, label: groupLabel(g.members) }));
}

export interface SeedPoint {
  /** Mean over the seeds with a finite score at this layer; NaN when none has one. */
  readonly mean: number;
  /** Sample standard deviation (n − 1); NaN below two finite scores. */
  readonly sd: number;
  /** Seeds with a finite score here. */
  readonly n: number;
}

export interface SeedSeries {
  readonly key: string;
  readonly label: string;
  /** Aligned with SeedCurves.layers. */
  readonly points: readonly SeedPoint[];
}

export interface SeedCurves {
  readonly layers: readonly LayerTick[];
  readonly series: readonly SeedSeries[];
}

/**
 * Mean ± sd across seeds per layer × series of several analyses' curves (decodingCurves, all
 * with the same options). Layers are matched by name, series by key; a layer or series that
 * only some seeds have is summarised over those.
 */
export function seedMeanCurves(curves: readonly DecodingCurves[]): SeedCurves {
  const layerOf = new Map<string, number>();
  for (const c of curves) for (const t of c.layers) if (!layerOf.has(t.name)) layerOf.set(t.name, t.opNr);
  const layers = [...layerOf]
    .map(([name, opNr]) => ({ name, opNr }))
    .sort((a, b) => a.opNr - b.opNr || a.name.localeCompare(b.name));
  const labels = new Map<string, string>();
  for (const c of curves) for (const s of c.series) if (!labels.has(s.key)) labels.set(s.key, s.label);
  const series = [...labels].map(([key, label]) => ({
    key,
    label,
    points: layers.map((tick) => {
      const values: number[] = [];
      for (const c of curves) {
        const i = c.layers.findIndex((t) => t.name === tick.name);
        const v = c.series.find((s) => s.key === key)?.points[i]?.corr ?? NaN;
        if (Number.isFinite(v)) values.push(v);
      }
      return meanSd(values);
    }),
  }));
  return { layers, series };
}

/** Mean and sample sd (n − 1) of finite values, by two passes (no cancellation of a running sum of squares). */
export function meanSd(values: readonly number[]): SeedPoint {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN, n };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = n < 2 ? NaN : Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return { mean, sd, n };
}
