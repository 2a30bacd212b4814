/**
 * Reads the original pipeline's `{model}_perf.tsv` (deep-gmf scripts/analyze_model.py, pandas'
 * to_csv(sep='\t', index=False)): the seven columns corr, factor, feature_nr, layername, layer,
 * operation, op_nr in any order; p_value, ci_low and ci_high (our perf_inference.tsv) are read
 * when present. Every field is checked; a bad file raises an OriginalFileError naming the line.
 */
import type { ResultRow } from '../../analyze/records';
import { INFERENCE_COLUMNS, PERF_TSV_COLUMNS } from '../tables';
import { OriginalFileError } from './readDecomposed';

/** pandas writes NaN as an empty field (and reads "nan", "NaN" as NaN too). */
const NAN_TEXT = new Set(['', 'nan', 'NaN']);

export function readPerfTsv(text: string, file: string): ResultRow[] {
  const fail = (problem: string) => new OriginalFileError(file, problem);
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const [header, ...body] = lines;
  const columns = (header ?? '').split('\t');
  const missing = PERF_TSV_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    throw fail(
      `its first line has no column ${missing.join(', ')} (a perf.tsv has the tab-separated columns ${PERF_TSV_COLUMNS.join(', ')})`,
    );
  if (body.length === 0) throw fail('it has no rows below its header');
  const index = new Map(columns.map((c, i) => [c, i]));
  const opNrs = new Map<string, number>();
  return body.map((line, i) => {
    const lineNr = i + 2;
    const fields = line.split('\t');
    if (fields.length !== columns.length)
      throw fail(`line ${lineNr} has ${fields.length} fields where the header has ${columns.length}`);
    const field = (c: string): string => fields[index.get(c) ?? -1] ?? '';
    const text = (c: string): string => {
      const v = field(c);
      if (v === '') throw fail(`line ${lineNr} has an empty ${c}`);
      return v;
    };
    const number = (c: string, optional: boolean): number => {
      const v = field(c);
      if (optional && (!index.has(c) || NAN_TEXT.has(v))) return NaN;
      const parsed = v.trim() === '' ? NaN : Number(v);
      if (!Number.isFinite(parsed)) throw fail(`line ${lineNr}: ${c} '${v}' is not a finite number`);
      return parsed;
    };
    const whole = (c: string, min: number): number => {
      const v = number(c, false);
      if (!Number.isSafeInteger(v) || v < min)
        throw fail(`line ${lineNr}: ${c} '${field(c)}' is not a whole number ≥ ${min}`);
      return v;
    };
    const layername = text('layername');
    const opNr = whole('op_nr', 0);
    const seen = opNrs.get(layername);
    if (seen !== undefined && seen !== opNr)
      throw fail(`line ${lineNr}: layer ${layername} has op_nr ${opNr} here and ${seen} above`);
    opNrs.set(layername, opNr);
    const [pValue, ciLow, ciHigh] = INFERENCE_COLUMNS.map((c) => number(c, true));
    return {
      corr: number('corr', false),
      factor: text('factor'),
      feature_nr: whole('feature_nr', 1),
      layername,
      layer: field('layer'),
      operation: field('operation'),
      op_nr: opNr,
      p_value: pValue ?? NaN,
      ci_low: ciLow ?? NaN,
      ci_high: ciHigh ?? NaN,
    };
  });
}
