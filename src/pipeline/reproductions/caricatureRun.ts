/**
 * The caricature effect (Hill et al. 2019) as a stored result of an analysis: the run's model on
 * the testing images and on the same identities and variations rendered at each caricature level
 * (datasets made from the analysis' dataset settings, caricatureSpec.ts), identification by the
 * nearest veridical identity centroid per level. The record (`activations` store, owned by the
 * analysis) keeps the levels, the layer and what was scored.
 */
import { GmfError, throwIfCancelled } from '../../lib/errors';
import { getRecord, type OwnedRecord, putRecords, type WorkbenchDb } from '../../lib/storage';
import { type DatasetRecord, type ImageRecord, imageKey, isDatasetRecord, isImageRecord } from '../dataset/records';
import {
  type CaricatureLevelKind,
  type CaricatureLevelScore,
  caricatureLevelKind,
  identifyByCentroids,
  leaveOneOutRows,
  levelScore,
} from './caricature';
import { caricatureDatasetId, caricatureSpec, checkCaricatureLevels, sameCaricatureSettings } from './caricatureSpec';
import { withTopLayer } from './topLayer';

export interface CaricatureLevelResult extends CaricatureLevelScore {
  kind: CaricatureLevelKind;
  /** The images' dataset: the analysis' own at level 1, else the level's generated one. */
  datasetId: string;
  datasetName: string;
}

export interface CaricatureRecord extends OwnedRecord {
  layer: string;
  /** Testing identities scored: those with at least two testing images after the query. */
  identities: number;
  /** Testing identities left out for having one testing image (no leave-one-out centroid). */
  droppedIdentities: number[];
  /** Probes per level: the scored identities' testing images. */
  images: number;
  /** 1 / identities. */
  chance: number;
  /** Ascending scale. */
  levels: CaricatureLevelResult[];
}

export const caricatureKey = (analysisId: string): string => `${analysisId}/reproductions/caricature`;

export function isCaricatureRecord(value: unknown): value is CaricatureRecord {
  const r = value as Partial<CaricatureRecord> | undefined;
  return typeof r?.layer === 'string' && Array.isArray(r.levels) && typeof r.chance === 'number';
}

/**
 * Level `scale`'s images of the same identities and variations as `testing`, from its stored
 * dataset, which must be complete and made from `dataset`'s settings at that scale.
 */
export async function caricatureImages(
  db: WorkbenchDb,
  dataset: DatasetRecord,
  scale: number,
  testing: readonly ImageRecord[],
): Promise<{ level: DatasetRecord; images: ImageRecord[] }> {
  const id = caricatureDatasetId(dataset.id, scale);
  const level = await getRecord(db, 'datasets', id);
  if (!isDatasetRecord(level) || level.status !== 'complete')
    throw new GmfError(
      'CARICATURE_NOT_RENDERED',
      `The caricatures ×${scale} of '${dataset.name}' are ${isDatasetRecord(level) ? 'not fully rendered yet' : 'not rendered'}: run the caricature effect from Results, which renders them first.`,
    );
  if (!sameCaricatureSettings(level.spec, caricatureSpec(dataset.spec, scale)))
    throw new GmfError(
      'CARICATURE_SETTINGS',
      `'${level.name}' was not made from the settings of '${dataset.name}' scaled by ${scale}; delete it in the Dataset tab and run again.`,
    );
  const images = await Promise.all(
    testing.map(async (image) => {
      const found = await getRecord(db, 'images', imageKey(id, image.identity, image.variation));
      if (!isImageRecord(found))
        throw new GmfError(
          'CARICATURE_IMAGE_MISSING',
          `'${level.name}' has no image of identity ${image.identity}, variation ${image.variation}; delete it in the Dataset tab and run again.`,
        );
      return found;
    }),
  );
  return { level, images };
}

/** Runs the model on the veridical and caricatured testing images, scores every level and stores the record. */
export async function runCaricature(
  db: WorkbenchDb,
  analysisId: string,
  scales: readonly number[],
  signal: AbortSignal,
  progress: (stage: string, done: number, total: number) => void,
): Promise<CaricatureRecord> {
  const levels = checkCaricatureLevels(scales);
  const record = await withTopLayer(db, analysisId, signal, async (pass, { dataset, splits }) => {
    const { rows, dropped } = leaveOneOutRows(splits.testing.map((image) => image.features.identity.id));
    const testing = rows.map((r) => splits.testing[r] as ImageRecord);
    const ids = Float64Array.from(testing, (image) => image.features.identity.id);
    const identities = new Set(ids).size;
    if (identities < 2)
      throw new GmfError(
        'CARICATURE_TOO_FEW_IDENTITIES',
        `Identification needs two testing identities or more with two images each after the query; there ${identities === 1 ? 'is 1' : `are ${identities}`}.`,
      );
    // Every level's images are found before the model runs, so a missing one fails fast.
    const sources = await Promise.all(
      levels.map(async (scale) =>
        scale === 1
          ? { scale, level: dataset, images: testing }
          : { scale, ...(await caricatureImages(db, dataset, scale, testing)) },
      ),
    );
    throwIfCancelled(signal);
    const veridical = await pass.units(dataset, testing, signal, (done, total) => {
      progress('top layer: veridical images', done, total);
    });
    const results: CaricatureLevelResult[] = [];
    for (const { scale, level, images } of sources) {
      const probes =
        scale === 1
          ? veridical
          : await pass.units(level, images, signal, (done, total) => {
              progress(`top layer: caricatures ×${scale}`, done, total);
            });
      const correct = identifyByCentroids(veridical, ids, probes, signal);
      results.push({
        ...levelScore(scale, correct),
        kind: caricatureLevelKind(scale),
        datasetId: level.id,
        datasetName: level.name,
      });
    }
    return {
      key: caricatureKey(analysisId),
      owner: analysisId,
      layer: pass.layer,
      identities,
      droppedIdentities: dropped,
      images: testing.length,
      chance: 1 / identities,
      levels: results,
    } satisfies CaricatureRecord;
  });
  await putRecords(db, 'activations', [record]);
  return record;
}

export async function storedCaricature(db: WorkbenchDb, analysisId: string): Promise<CaricatureRecord | null> {
  const stored = await getRecord(db, 'activations', caricatureKey(analysisId));
  return isCaricatureRecord(stored) ? stored : null;
}
