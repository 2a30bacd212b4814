/** What a generated dataset stores in IndexedDB (stores `datasets` and `images`). */
import type { ItemRecord, OwnedRecord } from '../../lib/storage';
import type { FactorAuditResult } from '../audit/record/auditRecord';
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { IdentityParams, VariationParams } from '../../model/gmf/sampling';
import type { SplitCounts } from './splits';

export type DatasetStatus = 'generating' | 'paused' | 'complete';

export interface DatasetRecord extends ItemRecord {
  spec: GeneratorSpec;
  status: DatasetStatus;
  /** Identity split (disjoint identities per split), reproducible from counts and seed. */
  split?: { counts: SplitCounts; seed: number };
  /** Named queries over the table, reused by training, compression and extraction. */
  queries?: Record<string, string>;
  /** The last factor audit of the dataset's settings (pipeline/audit), exported in its zip. */
  audit?: FactorAuditResult;
  /** Why the last generation stopped (its status stays 'generating': starting again continues it). */
  error?: string;
}

export function isDatasetRecord(value: unknown): value is DatasetRecord {
  const r = value as Partial<DatasetRecord> | undefined;
  return (
    typeof r?.id === 'string' &&
    typeof r.spec === 'object' &&
    (r.status === 'generating' || r.status === 'complete' || r.status === 'paused')
  );
}

/** One variation of one identity: its encoded image(s) and its feature record. */
export interface ImageRecord extends OwnedRecord {
  identity: number;
  variation: number;
  /** Encoded images: centre, plus left and right when binocular. */
  centre: Blob;
  left?: Blob;
  right?: Blob;
  /** The original's features: identity (shape/tex raw and scaled) and variation parameters. */
  features: {
    identity: Omit<IdentityParams, 'shape' | 'tex'> & { shape: Float32Array; tex: Float32Array[] };
    variation: VariationParams;
  };
}

/** Keys sort by identity then variation, so one identity's images are one key range. */
export function imageKey(datasetId: string, identity: number, variation: number): string {
  return `${identityKeyPrefix(datasetId, identity)}${String(variation).padStart(4, '0')}`;
}

export function identityKeyPrefix(datasetId: string, identity: number): string {
  return `${datasetId}/${String(identity).padStart(6, '0')}/`;
}

export function isImageRecord(value: unknown): value is ImageRecord {
  const r = value as Partial<ImageRecord> | null;
  return (
    typeof r?.key === 'string' &&
    typeof r.identity === 'number' &&
    typeof r.variation === 'number' &&
    r.centre instanceof Blob
  );
}
