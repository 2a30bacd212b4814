import { QueryCompiler, type QueryRow, type QuerySchema } from './compile';
import { parseQueryText } from './parse';
export { QuerySyntaxError, QueryTypeError, QueryUnknownColumnError } from './errors';
export { MAX_QUERY_DEPTH, MAX_QUERY_LENGTH } from './parse';
export type { QueryRow, QuerySchema } from './compile';
/** A parsed, type-checked query, ready to test rows. */
export interface CompiledQuery {
  readonly text: string;
  /** Columns the query reads, in order of first use. */
  readonly columns: readonly string[];
  test(row: QueryRow): boolean;
}
/** The columns of the dataset table (DESIGN.md section 1, step 2) and their types. */
export const DATASET_QUERY_SCHEMA: QuerySchema = Object.freeze({
  xr: 'number',
  yr: 'number',
  zr: 'number',
  xt: 'number',
  yt: 'number',
  zt: 'number',
  xl: 'number',
  yl: 'number',
  zl: 'number',
  age: 'number',
  bg: 'number',
  id: 'number',
  emo: 'string',
  gender: 'string',
  ethn: 'string',
  split: 'string',
  image_path: 'string',
  feature_path: 'string',
});
/**
 * Parses and type-checks `text` against `columns`; an empty query matches every row.
 * Throws QuerySyntaxError, QueryUnknownColumnError or QueryTypeError.
 */
export function parseQuery(text: string, columns: QuerySchema): CompiledQuery {
  if (text.trim() === '') return { text, columns: [], test: () => true };
  const compiler = new QueryCompiler(columns);
  const test = compiler.condition(parseQueryText(text));
  return { text, columns: [...compiler.columns], test };
}
/** How many rows the query matches (the live count under the query box). */
export function countMatches(query: CompiledQuery, rows: Iterable<QueryRow>): number {
  let count = 0;
  for (const row of rows) if (query.test(row)) count += 1;
  return count;
}
