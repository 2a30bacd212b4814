/**
 * Feature records -> target arrays, one row-major [n, units] Float32Array per head, ready for
 * tf.tensor2d or to be transferred from a worker. Categorical targets are one-hot; angles
 * stay in degrees (the angle loss converts); translations stay in millimetres.
 */
import { GmfError } from '../../../lib/errors';
import { type FeatureRecord, type TargetSpec, categoryOf } from './targetSpecs';

export interface EncodedTarget {
  name: TargetSpec['name'];
  rows: number;
  units: number;
  /** Row-major, rows x units. */
  values: Float32Array;
}

/** The first `components` coefficients (stored "scaled", coefficient x component SD). */
function shapeRow(record: FeatureRecord, components: number, out: Float32Array, offset: number): void {
  out.set(record.identity.shapeScaled.subarray(0, components), offset);
}

/**
 * The first `components` of every band, component-major as the original flattened its
 * (bands x components) array after transposing it: unit c * bands + b is component c of band b.
 */
function texRow(record: FeatureRecord, components: number, out: Float32Array, offset: number): void {
  const bands = record.identity.texScaled;
  bands.forEach((band, b) => {
    for (let c = 0; c < components; c++) out[offset + c * bands.length + b] = band[c] ?? 0;
  });
}

function checkRecord(spec: TargetSpec, record: FeatureRecord, index: number): void {
  if (spec.kind !== 'coefficients') return;
  const stored = spec.name === 'shape' ? [record.identity.shapeScaled] : record.identity.texScaled;
  const bands = spec.name === 'shape' ? 1 : spec.units / spec.components;
  if (stored.length !== bands || stored.some((band) => band.length < spec.components)) {
    throw new GmfError(
      'TARGET_RECORD_SHAPE',
      `Image ${index} stores fewer ${spec.name} coefficients than the ${spec.components} the model predicts.`,
    );
  }
}

export function encodeTarget(spec: TargetSpec, records: readonly FeatureRecord[]): EncodedTarget {
  const values = new Float32Array(records.length * spec.units);
  const lookup = spec.kind === 'categorical' ? new Map(spec.classes.map((label, i) => [label, i])) : null;
  records.forEach((record, i) => {
    checkRecord(spec, record, i);
    const offset = i * spec.units;
    switch (spec.kind) {
      case 'categorical': {
        const label = categoryOf(spec.name, record);
        const index = lookup?.get(label);
        if (index === undefined) {
          throw new GmfError(
            'TARGET_UNKNOWN_CLASS',
            `Image ${i} has ${spec.name} ${label}, which is not among the ${spec.units} classes the model was built for.`,
          );
        }
        values[offset + index] = 1;
        break;
      }
      case 'coefficients':
        if (spec.name === 'shape') shapeRow(record, spec.components, values, offset);
        else texRow(record, spec.components, values, offset);
        break;
      case 'translation':
      case 'angle':
        values[offset] = record.variation[spec.name];
        break;
    }
  });
  return { name: spec.name, rows: records.length, units: spec.units, values };
}

/** One encoded array per spec, in the specs' (= the model's outputs') order. */
export function encodeTargets(specs: readonly TargetSpec[], records: readonly FeatureRecord[]): EncodedTarget[] {
  return specs.map((spec) => encodeTarget(spec, records));
}
