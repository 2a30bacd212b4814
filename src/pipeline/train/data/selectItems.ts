/**
 * Which stored images a run trains and validates on: the dataset's split, its saved query (so
 * no later step silently falls back to all data), the identity / variation limits, and the
 * id-target holdout (targets/itemOrder.ts).
 */
import { identitySplits } from '../../dataset/exportCsv';
import type { DatasetRecord, ImageRecord } from '../../dataset/records';
import { DATASET_QUERY_SCHEMA, parseQuery } from '../../dataset/query';
import { tableRow } from '../../dataset/csvTable';
import type { SplitName } from '../../dataset/splits';
import { GmfError } from '../../../lib/errors';
import { noSplitMessage } from '../noSplit';
import type { TrainConfig } from '../runConfig';
import { trainValidationItems } from '../targets';

export interface RunItems {
  training: ImageRecord[];
  validation: ImageRecord[];
  /** The query actually applied (its text is stored with the run). */
  query: { name: string; text: string } | null;
}

/** Images of `splits` that pass the dataset's saved query `queryName` (null: all). */
export function queriedImages(
  dataset: DatasetRecord,
  images: readonly ImageRecord[],
  queryName: string | null,
  splits: readonly SplitName[],
): { images: { image: ImageRecord; split: SplitName }[]; query: { name: string; text: string } | null } {
  if (queryName === null) return { images: imagesMatching(dataset, images, '', splits), query: null };
  const text = dataset.queries?.[queryName];
  if (text === undefined)
    throw new GmfError('RUN_NO_QUERY', `Dataset '${dataset.name}' has no saved query '${queryName}'.`);
  return { images: imagesMatching(dataset, images, text, splits), query: { name: queryName, text } };
}

/**
 * Images of `splits` whose table row passes `queryText` (empty: all), with their split, in
 * (identity, variation) order. Later steps pass the text a run saved, so they use what it used.
 */
export function imagesMatching(
  dataset: DatasetRecord,
  images: readonly ImageRecord[],
  queryText: string,
  splits: readonly SplitName[],
): { image: ImageRecord; split: SplitName }[] {
  const splitOf = identitySplits(dataset);
  if (splitOf.size === 0) throw new GmfError('RUN_NO_SPLIT', noSplitMessage(dataset.name));
  const compiled = parseQuery(queryText, DATASET_QUERY_SCHEMA);
  const out: { image: ImageRecord; split: SplitName }[] = [];
  for (const image of images) {
    const split = splitOf.get(image.identity);
    if (split === undefined || !splits.includes(split)) continue;
    const row = tableRow(image.features.identity, image.features.variation, image.variation, split, dataset.spec);
    if (compiled.test(row)) out.push({ image, split });
  }
  return out.sort((a, b) => a.image.identity - b.image.identity || a.image.variation - b.image.variation);
}

export function selectRunItems(dataset: DatasetRecord, images: readonly ImageRecord[], config: TrainConfig): RunItems {
  const { images: chosen, query } = queriedImages(dataset, images, config.queryName, ['training', 'validation']);
  // Limits: the first n training identities (by id) and the first k variations of each.
  const trainingIds = [...new Set(chosen.filter((c) => c.split === 'training').map((c) => c.image.identity))].sort(
    (a, b) => a - b,
  );
  const keptIds = new Set(config.trainIdentities === null ? trainingIds : trainingIds.slice(0, config.trainIdentities));
  const maxVariation = config.variationsPerIdentity ?? Infinity;
  const items = chosen
    .filter((c) => (c.split !== 'training' || keptIds.has(c.image.identity)) && c.image.variation < maxVariation)
    .sort((a, b) => a.image.identity - b.image.identity || a.image.variation - b.image.variation);
  const split = trainValidationItems(
    items.map((c) => ({ identity: c.image.identity, split: c.split })),
    config.targets,
    config.seed,
  );
  const pick = (indices: number[]) => indices.flatMap((i) => (items[i] ? [items[i].image] : []));
  const result = { training: pick(split.training), validation: pick(split.validation), query };
  if (result.training.length === 0)
    throw new GmfError(
      'RUN_NO_TRAINING_IMAGES',
      `No training images are left after the split${query ? ` and the query '${query.name}'` : ''}.`,
    );
  if (result.validation.length === 0)
    throw new GmfError(
      'RUN_NO_VALIDATION_IMAGES',
      `No validation images are left after the split${query ? ` and the query '${query.name}'` : ''}.`,
    );
  return result;
}
