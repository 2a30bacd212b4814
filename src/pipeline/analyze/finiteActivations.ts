/**
 * Activations with NaN or Infinity poison every PCA basis and decoder fitted on them (the
 * eigensolver fails much later, or the results are silently meaningless); a diverged or damaged
 * network produces them. The analysis stops at the first such layer, naming it.
 */
import { GmfError } from '../../lib/errors';

export class NonFiniteActivationsError extends GmfError {
  constructor(layer: string, count: number, total: number) {
    super(
      'ANALYSIS_NON_FINITE',
      `The activations of layer ${layer} contain ${count} of ${total} values that are NaN or Infinity, so no PCA or decoder can be fitted on them. The network's weights have likely diverged (a learning rate too high) or are damaged: retrain the run (with a lower learning rate) or analyse another one.`,
    );
  }
}

/** Throws NonFiniteActivationsError for the first layer (in `names` order) with a non-finite value. */
export function assertFiniteActivations(names: readonly string[], outputs: readonly Float32Array[]): void {
  outputs.forEach((values, i) => {
    let bad = 0;
    for (const v of values) if (!Number.isFinite(v)) bad++;
    if (bad > 0) throw new NonFiniteActivationsError(names[i] ?? `#${i}`, bad, values.length);
  });
}
