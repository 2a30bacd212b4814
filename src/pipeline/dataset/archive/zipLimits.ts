/**
 * How many entries a dataset zip may hold and how big each may unpack to, from its manifest
 * (its first entry): so a hostile or broken zip is refused before its entries are inflated, not
 * after (issue 14: a 1 GiB zero-filled entry was inflated for two minutes before its refusal).
 */
import { GENERIC_ZIP_LIMITS, type ZipLimits } from '../../../lib/formats/zipStream';
import type { GeneratorSpec } from '../../../model/gmf/generatorSpec';
import { FACTOR_AUDIT_JSON, FACTOR_AUDIT_TSV } from './auditFiles';
import { MANIFEST_FILE } from './manifest';

/** The manifest is settings, a split and saved queries: kilobytes. */
const MANIFEST_BYTES = 4 << 20;
/** A factor audit is a few rows per factor. */
const AUDIT_BYTES = 16 << 20;
/** Anything else is refused by the importer; read no more of it than of a manifest. */
const OTHER_BYTES = 64 << 10;
/** Headroom for file headers (PNG chunks, JPEG tables, HDF5 superblock and object headers). */
const HEADER_BYTES = 64 << 10;
/** A table row: paths and about twenty numbers. */
const CSV_ROW_BYTES = 2048;

/** Bytes an image of `spec` can take at most: 4 channels of every pixel, stored uncompressed, plus headroom. */
export function maxImageBytes(spec: Pick<GeneratorSpec, 'resolution'>): number {
  return Math.ceil(spec.resolution * spec.resolution * 4 * 1.1) + HEADER_BYTES;
}

/** Limits for one dataset zip's entries (names relative to the zip, `{dataset}/…`); `spec` is set once the manifest is read. */
export class DatasetZipLimits implements ZipLimits {
  spec: GeneratorSpec | null = null;

  /** Images (1 or 3 per record), a features.h5 per record, a folder per identity, the root, manifest, table and audit. */
  get maxEntries(): number {
    const spec = this.spec;
    if (!spec) return GENERIC_ZIP_LIMITS.maxEntries;
    const records = spec.identities * spec.variationsPerIdentity;
    return records * ((spec.binocular ? 3 : 1) + 1) + spec.identities + 1 + 4;
  }

  maxEntryBytes(name: string): number {
    const file = name.slice(name.lastIndexOf('/') + 1);
    const spec = this.spec;
    if (file === MANIFEST_FILE) return MANIFEST_BYTES;
    if (!spec) return GENERIC_ZIP_LIMITS.maxEntryBytes(name);
    if (/_image(left|right)?\.(png|jpg)$/.test(file)) return maxImageBytes(spec);
    // Raw and scaled coefficients as float32 or float64, with headroom for the HDF5 structure.
    if (file.endsWith('_features.h5'))
      return 16 * (spec.shapeComponents + 5 * spec.textureComponents) + 4 * HEADER_BYTES;
    if (file.endsWith('.csv')) return spec.identities * spec.variationsPerIdentity * CSV_ROW_BYTES + HEADER_BYTES;
    if (file === FACTOR_AUDIT_JSON || file === FACTOR_AUDIT_TSV) return AUDIT_BYTES;
    return OTHER_BYTES;
  }
}
