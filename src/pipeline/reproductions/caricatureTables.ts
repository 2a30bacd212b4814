/**
 * The caricature effect as a long TSV (one row per level), header first, for
 * pandas.read_csv(sep='\t'): NaN (no probes) as an empty field, numbers as the shortest text that
 * reads back as the same double.
 */
import { GmfError } from '../../lib/errors';
import type { CaricatureRecord } from './caricatureRun';

export const CARICATURE_COLUMNS = [
  'layer',
  'scale',
  'kind',
  'probes',
  'correct',
  'accuracy',
  'ci_low',
  'ci_high',
  'chance',
  'identities',
  'dataset',
] as const;

function field(value: string | number): string {
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  if (/[\t\r\n]/.test(value))
    throw new GmfError('TSV_FIELD', `'${value}' contains a tab or line break and cannot go into a TSV field.`);
  return value;
}

/** `{stem}_caricature.tsv`: accuracy with its 95 % Wilson interval per level; `dataset` names the images' dataset. */
export function caricatureTsv(record: Pick<CaricatureRecord, 'layer' | 'levels' | 'chance' | 'identities'>): string {
  const lines = record.levels.map((l) =>
    [
      record.layer,
      l.scale,
      l.kind,
      l.probes,
      l.correct,
      l.accuracy,
      l.ciLow,
      l.ciHigh,
      record.chance,
      record.identities,
      l.datasetName,
    ]
      .map(field)
      .join('\t'),
  );
  return [CARICATURE_COLUMNS.join('\t'), ...lines].join('\n') + '\n';
}
