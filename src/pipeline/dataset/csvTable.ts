import type { ImageFormat } from '../../model/gmf/generatorSpec';
import type { IdentityParams, VariationParams } from '../../model/gmf/sampling';
import type { SplitName } from './splits';

/** One row of the dataset table: column name → value (numbers stay numbers until written). */
export type TableRow = Record<string, string | number>;

const PARAM_COLUMNS = [
  'xr',
  'yr',
  'zr',
  'xt',
  'yt',
  'zt',
  'xl',
  'yl',
  'zl',
  'emo',
  'gender',
  'ethn',
  'age',
  'bg',
  'id',
  'split',
] as const;

/** The original's columns, in its order; binocular images add left and right paths around the centre one. */
export function datasetColumns(binocular: boolean): string[] {
  const images = binocular ? ['image_path_left', 'image_path', 'image_path_right'] : ['image_path'];
  return [...images, 'feature_path', ...PARAM_COLUMNS];
}

/** The per-identity folder of the original on-disk layout. */
export function identityFolder(identity: Pick<IdentityParams, 'id' | 'gender' | 'ethn' | 'age'>): string {
  return `id-${identity.id}_gender-${identity.gender}_ethn-${identity.ethn}_age-${identity.age}`;
}

export interface TableRowOptions {
  binocular: boolean;
  format: ImageFormat;
}

/** The table row of variation `variationIndex` of `identity`, paths relative to the dataset root. */
export function tableRow(
  identity: Pick<IdentityParams, 'id' | 'gender' | 'ethn' | 'age'>,
  variation: VariationParams,
  variationIndex: number,
  /** Empty while the dataset has no saved split. */
  split: SplitName | '',
  options: TableRowOptions,
): TableRow {
  const folder = identityFolder(identity);
  const file = (suffix: string): string => `${folder}/${variationIndex}_${suffix}`;
  const row: TableRow = {};
  if (options.binocular) row.image_path_left = file(`imageleft.${options.format}`);
  row.image_path = file(`image.${options.format}`);
  if (options.binocular) row.image_path_right = file(`imageright.${options.format}`);
  row.feature_path = file('features.h5');
  const { xr, yr, zr, xt, yt, zt, xl, yl, zl, emo, bg } = variation;
  const { id, gender, ethn, age } = identity;
  Object.assign(row, { xr, yr, zr, xt, yt, zt, xl, yl, zl, emo, gender, ethn, age, bg, id, split });
  return row;
}

export { CsvFormatError, parseCsv, toCsv } from '../../lib/formats/csv';
