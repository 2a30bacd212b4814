/**
 * Browser side of the views' benchmark: each of the four views of src/pipeline/beyond timed on
 * the benchmark's testing data, and what Node compares with the NumPy peer (bench/beyondPeer.py)
 * as plain JSON (the RDMs themselves stay here: RSA's rho already depends on every entry).
 */
import { type BeyondOptions, BEYOND_KINDS, type BeyondKind, type TestingData } from '../../src/pipeline/beyond/records';
import { geometryOf } from '../../src/pipeline/geometry/geometry';
import { psychophysicsOf } from '../../src/pipeline/psychophysics/psychophysics';
import { symmetryOf } from '../../src/pipeline/symmetry/mirrorSymmetry';
import { tuningOf } from '../../src/pipeline/tuning/tuning';

/** The views' numbers as the peer reports them too (same keys as bench/beyondPeer.py). */
export interface BeyondSummary {
  psychophysics: {
    curves: {
      layer: string;
      factor: string;
      edges: number[];
      n: number[];
      mean_abs_error: number[];
      mean_error: number[];
      ci_low: number[];
      ci_high: number[];
    }[];
    confusions: { layer: string; factor: string; counts: number[][] }[];
  };
  tuning: {
    partitions: { layer: string; factors: string[]; full: number; unique: number[]; alone: number[] }[];
    invariance: { layer: string; neg_to_pos: number; pos_to_neg: number; within: number; chance: number }[];
    invariance_skipped: string | null;
  };
  symmetry: {
    views: number[];
    identities: number;
    rows: { layer: string; index: number; sem: number; null_mean: number; p_value: number; rdm: number[] }[];
  };
  geometry: {
    samples: number[];
    rsa: { layer: string; factor: string; rho: number; p_value: number }[];
    layers: string[];
    cka: number[];
  };
}

export interface BeyondTimings {
  /** Milliseconds per view, each computed once on the same data. */
  ms: Record<BeyondKind, number>;
  summary: BeyondSummary;
}

/** Times psychophysicsOf, tuningOf, symmetryOf and geometryOf (runBeyond's order) with `options`. */
export function runBeyondViews(data: TestingData, options: BeyondOptions): BeyondTimings {
  const ms = Object.fromEntries(BEYOND_KINDS.map((k) => [k, NaN])) as Record<BeyondKind, number>;
  const timed = <T>(kind: BeyondKind, f: () => T): T => {
    const t = performance.now();
    const out = f();
    ms[kind] = performance.now() - t;
    return out;
  };
  const psychophysics = timed('psychophysics', () => psychophysicsOf(data, options));
  const tuning = timed('tuning', () => tuningOf(data, options.seed));
  const symmetry = timed('symmetry', () => symmetryOf(data, options));
  const geometry = timed('geometry', () => geometryOf(data, options));
  return {
    ms,
    summary: {
      psychophysics: {
        curves: psychophysics.curves.map((c) => ({
          layer: c.layer,
          factor: c.factor,
          edges: c.edges,
          n: c.n,
          mean_abs_error: c.meanAbsError,
          mean_error: c.meanError,
          ci_low: c.ciLow,
          ci_high: c.ciHigh,
        })),
        confusions: psychophysics.confusions.map(({ layer, factor, counts }) => ({ layer, factor, counts })),
      },
      tuning: {
        partitions: tuning.partitions.map(({ layer, factors, full, unique, alone }) => ({
          layer,
          factors,
          full,
          unique,
          alone,
        })),
        invariance: tuning.invariance.map((r) => ({
          layer: r.layer,
          neg_to_pos: r.negToPos,
          pos_to_neg: r.posToNeg,
          within: r.within,
          chance: r.chance,
        })),
        invariance_skipped: tuning.invarianceSkipped ?? null,
      },
      symmetry: {
        views: symmetry.views,
        identities: symmetry.identities,
        rows: symmetry.rows.map((r) => ({
          layer: r.layer,
          index: r.index,
          sem: r.sem,
          null_mean: r.nullMean,
          p_value: r.pValue,
          rdm: r.rdm,
        })),
      },
      geometry: {
        samples: geometry.samples,
        rsa: geometry.rsa.map((r) => ({ layer: r.layer, factor: r.factor, rho: r.rho, p_value: r.pValue })),
        layers: geometry.layers,
        cka: geometry.cka,
      },
    },
  };
}
