/**
 * The views beyond decoding in the export files: one group per view under `beyond/` in the
 * results HDF5, and every view's tables as TSV files (one zip, `{run}_views.zip`).
 */
import type { Group } from 'h5wasm';
import { writeGeometryH5 } from '../geometry/h5';
import { ckaTsv, rsaTsv } from '../geometry/tables';
import { writePsychophysicsH5 } from '../psychophysics/h5';
import { confusionTsv, errorCurvesTsv } from '../psychophysics/tables';
import { writeSymmetryH5 } from '../symmetry/h5';
import { symmetryTsv } from '../symmetry/tables';
import { writeTuningH5 } from '../tuning/h5';
import { invarianceTsv, variancePartitionTsv } from '../tuning/tables';
import type { BeyondResult, BeyondState } from '../beyond/records';

/** `beyond/{kind}` groups, with attrs `not_applicable_{kind}` for the views this analysis could not support. */
export function writeBeyondH5(group: Group, results: readonly BeyondResult[], state: BeyondState | undefined): void {
  for (const result of results) {
    const g = group.create_group(result.kind);
    if (result.kind === 'psychophysics') writePsychophysicsH5(g, result);
    else if (result.kind === 'tuning') writeTuningH5(g, result);
    else if (result.kind === 'symmetry') writeSymmetryH5(g, result);
    else writeGeometryH5(g, result);
  }
  for (const { kind, reason } of state?.notApplicable ?? [])
    group.create_attribute(`not_applicable_${kind}`, reason, null, 'S');
  if (state) {
    const { bins, bootstraps, permutations, views, rdmSamples, seed } = state.options;
    const attrs = { bins, bootstraps, permutations, views, rdm_samples: rdmSamples, seed };
    for (const [name, value] of Object.entries(attrs)) group.create_attribute(name, value, null, '<q');
  }
}

/** File name suffix → TSV text, for every table of the stored views. */
export function beyondTsvFiles(results: readonly BeyondResult[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const result of results) {
    if (result.kind === 'psychophysics') {
      files.error_curves = errorCurvesTsv(result);
      files.confusion = confusionTsv(result);
    } else if (result.kind === 'tuning') {
      files.variance = variancePartitionTsv(result);
      files.invariance = invarianceTsv(result);
    } else if (result.kind === 'symmetry') files.symmetry = symmetryTsv(result);
    else {
      files.rsa = rsaTsv(result);
      files.cka = ckaTsv(result);
    }
  }
  return files;
}
