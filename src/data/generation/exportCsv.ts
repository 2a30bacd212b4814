/** The dataset's table as the original's CSV, from what IndexedDB holds. */
import { datasetColumns, tableRow, toCsv, type TableRow } from '../table/csvTable';
import { type SplitName, splitIdentities } from '../table/splits';
import { getOwnedRecords, type WorkbenchDb } from '../storage';
import { type DatasetRecord, isImageRecord } from './datasetRecords';

/** Split of each identity from the dataset's saved split (none saved: empty split column). */
export function identitySplits(record: DatasetRecord): Map<number, SplitName> {
  if (!record.split) return new Map();
  const ids = Array.from({ length: record.spec.identities }, (_, i) => i);
  return splitIdentities(ids, record.split.counts, record.split.seed);
}

export async function datasetTableRows(db: WorkbenchDb, record: DatasetRecord): Promise<TableRow[]> {
  const splits = identitySplits(record);
  const images = (await getOwnedRecords(db, 'images', record.id)).filter(isImageRecord);
  images.sort((a, b) => a.identity - b.identity || a.variation - b.variation);
  return images.map((image) =>
    tableRow(image.features.identity, image.features.variation, image.variation, splits.get(image.identity) ?? '', {
      binocular: record.spec.binocular,
      format: record.spec.format,
    }),
  );
}

export async function datasetCsv(db: WorkbenchDb, record: DatasetRecord): Promise<string> {
  return toCsv(await datasetTableRows(db, record), datasetColumns(record.spec.binocular));
}
