/**
 * A synthetic decomposed set as one binary blob plus a JSON header, for a Python peer
 * (bench/analysisPeer.py) to run scikit-learn on exactly the same numbers:
 * `numpy.frombuffer(blob, dtype, count, offset).reshape(shape)` for every array described.
 * `peerDecodeInput` reads the blob back, so the browser can decode the very bytes the peer reads
 * (regenerating is not enough: Math.log/cos may differ in the last bit between V8 builds).
 */
import type { DecodeLayerInput, FactorInput, Splits } from '../../src/pipeline/decode/decodeLayer';
import { type Matrix, createMatrix } from '../../src/lib/linalg/matrix';
import {
  SPLITS,
  SYNTHETIC_FACTORS,
  type SplitName,
  type SyntheticDecomposition,
  syntheticFactorValues,
} from './synthetic';

export interface ArrayDescription {
  readonly dtype: 'float32' | 'float64' | 'int32';
  /** Byte offset into the blob (a multiple of 8). */
  readonly offset: number;
  readonly shape: readonly number[];
}

export interface PeerHeader {
  /** Factor names in the order rows are reported, with their kind. */
  readonly factors: readonly { readonly name: string; readonly kind: 'continuous' | 'categorical' | 'identity' }[];
  readonly layers: readonly { readonly name: string; readonly features: Record<string, ArrayDescription> }[];
  /** Per split, per factor name. */
  readonly values: Record<string, Record<string, ArrayDescription>>;
  /** Optional matrix for the incremental PCA comparison. */
  readonly ipca?: { readonly data: ArrayDescription; readonly nComponents: number; readonly batchSize: number };
}

type Typed = Float32Array | Float64Array | Int32Array;

class BlobBuilder {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  add(array: Typed, shape: readonly number[]): ArrayDescription {
    const offset = this.size;
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    this.parts.push(bytes);
    this.size += bytes.byteLength;
    const pad = (8 - (this.size % 8)) % 8;
    if (pad > 0) {
      this.parts.push(new Uint8Array(pad));
      this.size += pad;
    }
    const dtype = array instanceof Float32Array ? 'float32' : array instanceof Float64Array ? 'float64' : 'int32';
    return { dtype, offset, shape };
  }

  build(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  }
}

export function exportForPeer(
  set: SyntheticDecomposition,
  ipca?: { data: Float32Array; rows: number; cols: number; nComponents: number; batchSize: number },
): { header: PeerHeader; blob: Uint8Array } {
  const blob = new BlobBuilder();
  const c = set.spec.components;
  const layers = set.layers.map((layer) => ({
    name: layer.name,
    features: Object.fromEntries(
      SPLITS.map((split) => [split, blob.add(layer.features[split], [set.factors[split].n, c])]),
    ),
  }));
  const values = Object.fromEntries(
    SPLITS.map((split) => {
      const entries = SYNTHETIC_FACTORS.map(({ name }): [string, ArrayDescription] => {
        const v = syntheticFactorValues(set, split, name);
        const n = set.factors[split].n;
        return [
          name,
          'codes' in v
            ? blob.add(v.codes, [n])
            : blob.add(v.values, name === 'shape' || name === 'tex' ? [n, v.cols] : [n]),
        ];
      });
      return [split, Object.fromEntries(entries)];
    }),
  );
  const header: PeerHeader = {
    factors: SYNTHETIC_FACTORS,
    layers,
    values,
    ...(ipca === undefined
      ? {}
      : {
          ipca: {
            data: blob.add(ipca.data, [ipca.rows, ipca.cols]),
            nComponents: ipca.nComponents,
            batchSize: ipca.batchSize,
          },
        }),
  };
  return { header, blob: blob.build() };
}

/** FNV-1a (32-bit) of the bytes, hex: a cheap check that two engines built the same blob. */
export function blobChecksum(blob: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const byte of blob) h = Math.imul(h ^ byte, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A typed view of one described array inside the blob (offsets are 8-aligned). */
export function peerArray(blob: Uint8Array, desc: ArrayDescription): Float32Array | Float64Array | Int32Array {
  const count = desc.shape.reduce((a, b) => a * b, 1);
  const bytes = blob.slice(desc.offset, desc.offset + count * (desc.dtype === 'float64' ? 8 : 4));
  if (desc.dtype === 'float32') return new Float32Array(bytes.buffer);
  if (desc.dtype === 'float64') return new Float64Array(bytes.buffer);
  return new Int32Array(bytes.buffer);
}

/** decodeLayer's input for one layer, read back from an exported blob (what the peer reads). */
export function peerDecodeInput(header: PeerHeader, blob: Uint8Array, layerIndex: number): DecodeLayerInput {
  const layer = header.layers[layerIndex];
  if (layer === undefined) throw new RangeError(`No layer ${layerIndex} in a blob of ${header.layers.length}.`);
  const described = (table: Record<string, ArrayDescription> | undefined, name: string): ArrayDescription => {
    const desc = table?.[name];
    if (desc === undefined) throw new RangeError(`The blob does not describe ${name}.`);
    return desc;
  };
  const matrix = (desc: ArrayDescription): Matrix =>
    createMatrix(desc.shape[0] ?? 0, desc.shape[1] ?? 1, peerArray(blob, desc));
  const per = <T>(f: (split: SplitName) => T): Splits<T> => ({
    training: f('training'),
    validation: f('validation'),
    testing: f('testing'),
  });
  const factors = header.factors.map(({ name, kind }): FactorInput => {
    if (kind === 'identity') return { name, data: { kind } };
    if (kind === 'categorical')
      return { name, data: { kind, labels: per((split) => peerArray(blob, described(header.values[split], name))) } };
    return { name, data: { kind, values: per((split) => matrix(described(header.values[split], name))) } };
  });
  return {
    layerName: layer.name,
    opNr: layerIndex,
    features: per((split) => matrix(described(layer.features, split))),
    testIds: peerArray(blob, described(header.values.testing, 'id')),
    factors,
  };
}
