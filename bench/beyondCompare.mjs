// The views beyond decoding in `npm run bench:analysis`: our timings (browser) next to the NumPy
// peer's (bench/beyondPeer.py), and the largest differences of the numbers that do not depend on
// a random stream (both sides use the same folds and RDM samples, passed in the header).
// Bootstrap intervals, permutation nulls and p-values come from different generators: they are
// reported side by side as a sanity check, never as differences.

const KINDS = ['psychophysics', 'tuning', 'symmetry', 'geometry'];

/** JSON turns NaN into null: read null back as NaN. */
const num = (v) => (v === null || v === undefined ? NaN : v);
/** Largest |a - b| over aligned values; NaN on one side only counts as Infinity, on both as agreement. */
function maxDiff(a, b) {
  let worst = 0;
  const xs = a.flat(Infinity);
  const ys = b.flat(Infinity);
  if (xs.length !== ys.length) return Infinity;
  xs.forEach((x, i) => {
    const [p, q] = [num(x), num(ys[i])];
    if (Number.isNaN(p) && Number.isNaN(q)) return;
    worst = Math.max(worst, Number.isNaN(p) || Number.isNaN(q) ? Infinity : Math.abs(p - q));
  });
  return worst;
}
/** Pairs of rows with the same key; throws when the two sides report different rows. */
function paired(ours, peer, key, what) {
  const theirs = new Map(peer.map((r) => [key(r), r]));
  if (theirs.size !== ours.length) throw new Error(`${what}: browser has ${ours.length} rows, NumPy ${theirs.size}`);
  return ours.map((r) => {
    const p = theirs.get(key(r));
    if (p === undefined) throw new Error(`${what}: NumPy has no row ${key(r)}`);
    return [r, p];
  });
}
const worstOf = (pairs, f) => Math.max(0, ...pairs.map(([a, b]) => maxDiff([f(a)], [f(b)])));
const mean = (xs) => xs.reduce((s, v) => s + v, 0) / xs.length;
const round = (v, digits = 3) => Number(v.toFixed(digits));

function psychophysics(ours, peer) {
  const curves = paired(ours.curves, peer.curves, (r) => `${r.layer}/${r.factor}`, 'error curves');
  const confusions = paired(ours.confusions, peer.confusions, (r) => `${r.layer}/${r.factor}`, 'confusions');
  const width = (cs) =>
    mean(cs.flatMap((c) => c.ci_high.map((h, b) => num(h) - num(c.ci_low[b])).filter(Number.isFinite)));
  return {
    curves: curves.length,
    confusion_matrices: confusions.length,
    max_abs_difference: {
      bin_edges: worstOf(curves, (c) => c.edges),
      bin_counts: worstOf(curves, (c) => c.n),
      mean_abs_error: worstOf(curves, (c) => c.mean_abs_error),
      mean_error: worstOf(curves, (c) => c.mean_error),
      confusion_counts: worstOf(confusions, (c) => c.counts),
    },
    rng_dependent: { mean_ci_width_browser: width(ours.curves), mean_ci_width_numpy: width(peer.curves) },
  };
}

function tuning(ours, peer) {
  const parts = paired(ours.partitions, peer.partitions, (r) => r.layer, 'variance partitions');
  for (const [a, b] of parts)
    if (a.factors.join() !== b.factors.join()) throw new Error(`design factors differ: ${a.factors} vs ${b.factors}`);
  const inv = paired(ours.invariance, peer.invariance, (r) => r.layer, 'invariance');
  return {
    design_factors: parts[0]?.[0].factors ?? [],
    max_abs_difference: {
      full_r2: worstOf(parts, (p) => p.full),
      unique_r2: worstOf(parts, (p) => p.unique),
      alone_r2: worstOf(parts, (p) => p.alone),
      across_view_accuracy: worstOf(inv, (r) => [r.neg_to_pos, r.pos_to_neg]),
      within_view_accuracy: worstOf(inv, (r) => r.within),
    },
  };
}

function symmetry(ours, peer) {
  const rows = paired(ours.rows, peer.rows, (r) => r.layer, 'symmetry');
  return {
    identities: [ours.identities, peer.identities],
    max_abs_difference: {
      view_centres: maxDiff([ours.views], [peer.views]),
      index: worstOf(rows, (r) => r.index),
      sem: worstOf(rows, (r) => r.sem),
      mean_rdm: worstOf(rows, (r) => r.rdm),
    },
    rng_dependent: {
      null_mean_browser_numpy: rows.map(([a, b]) => [round(a.null_mean), round(b.null_mean)]),
      p_value_browser_numpy: rows.map(([a, b]) => [round(a.p_value), round(b.p_value)]),
    },
  };
}

function geometry(ours, peer) {
  const rsa = paired(ours.rsa, peer.rsa, (r) => `${r.layer}/${r.factor}`, 'RSA');
  const agree = rsa.filter(([a, b]) => num(a.p_value) < 0.05 === num(b.p_value) < 0.05).length;
  return {
    rsa_tests: rsa.length,
    same_samples: maxDiff([ours.samples], [peer.samples]) === 0,
    max_abs_difference: { rsa_rho: worstOf(rsa, (r) => r.rho), cka: maxDiff([ours.cka], [peer.cka]) },
    rng_dependent: { rsa_tests_agreeing_on_p_below_0_05: `${agree} of ${rsa.length}` },
  };
}

/** A few numbers per layer that show the planted structure (what the views are for). */
function byLayer(s) {
  const rho = (layer, factor) => s.geometry.rsa.find((r) => r.layer === layer && r.factor === factor)?.rho;
  return Object.fromEntries(
    s.geometry.layers.map((layer) => {
      const part = s.tuning.partitions.find((p) => p.layer === layer);
      const inv = s.tuning.invariance.find((r) => r.layer === layer);
      const sym = s.symmetry.rows.find((r) => r.layer === layer);
      const r3 = (v) => (v === undefined ? null : round(num(v)));
      return [
        layer,
        {
          full_r2: r3(part?.full),
          id_across_views: r3(inv?.neg_to_pos === undefined ? undefined : (inv.neg_to_pos + inv.pos_to_neg) / 2),
          id_within_view: r3(inv?.within),
          symmetry_index: r3(sym?.index),
          symmetry_p: r3(sym?.p_value),
          rsa_rho_yr: r3(rho(layer, 'yr')),
          rsa_rho_id: r3(rho(layer, 'id')),
        },
      ];
    }),
  );
}

/** The `beyond` section of the benchmark's JSON from both sides' `{ ms, summary }`. */
export function compareBeyond(ours, peer, options) {
  const compare = { psychophysics, tuning, symmetry, geometry };
  const views = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      {
        browser_ms: Math.round(ours.ms[kind]),
        numpy_ms: Math.round(peer.ms[kind]),
        numpy_over_browser: round(peer.ms[kind] / ours.ms[kind], 2),
        ...compare[kind](ours.summary[kind], peer.summary[kind]),
      },
    ]),
  );
  const total = (ms) => KINDS.reduce((s, k) => s + ms[k], 0);
  return {
    options,
    views,
    all_views: {
      browser_ms: Math.round(total(ours.ms)),
      numpy_ms: Math.round(total(peer.ms)),
      numpy_over_browser: round(total(peer.ms) / total(ours.ms), 2),
    },
    by_layer_browser: byLayer(ours.summary),
  };
}
