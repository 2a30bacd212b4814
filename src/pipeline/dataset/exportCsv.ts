/** The dataset's table as the original's CSV, from what IndexedDB holds. */
import { datasetColumns, tableRow, toCsv, type TableRow } from './csvTable';
import { type SplitName, splitIdentities } from './splits';
import { getOwnedRecords, type WorkbenchDb } from '../../lib/storage';
import { type DatasetRecord, type ImageRecord, isImageRecord } from './records';

/** Split of each identity from the dataset's saved split (none saved: empty split column). */
export function identitySplits(record: DatasetRecord): Map<number, SplitName> {
  if (!record.split) return new Map();
  const ids = Array.from({ length: record.spec.identities }, (_, i) => i);
  return splitIdentities(ids, record.split.counts, record.split.seed);
}

/** The stored image records in table order, with their table rows (same index). */
export async function datasetImages(
  db: WorkbenchDb,
  record: DatasetRecord,
): Promise<{ images: ImageRecord[]; rows: TableRow[] }> {
  const splits = identitySplits(record);
  const images = (await getOwnedRecords(db, 'images', record.id)).filter(isImageRecord);
  images.sort((a, b) => a.identity - b.identity || a.variation - b.variation);
  const rows = images.map((image) =>
    tableRow(image.features.identity, image.features.variation, image.variation, splits.get(image.identity) ?? '', {
      binocular: record.spec.binocular,
      format: record.spec.format,
    }),
  );
  return { images, rows };
}

export async function datasetTableRows(db: WorkbenchDb, record: DatasetRecord): Promise<TableRow[]> {
  return (await datasetImages(db, record)).rows;
}

export async function datasetCsv(db: WorkbenchDb, record: DatasetRecord): Promise<string> {
  return toCsv(await datasetTableRows(db, record), datasetColumns(record.spec.binocular));
}
