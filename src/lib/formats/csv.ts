import { GmfError } from '../errors';

/** A CSV file is not one this workbench wrote (bad quoting or a row of the wrong width). */
export class CsvFormatError extends GmfError {
  readonly line: number;

  constructor(line: number, problem: string) {
    super('CSV_FORMAT', `CSV line ${line}: ${problem}`);
    this.line = line;
  }
}

function formatField(value: string | number): string {
  // String(n) is the shortest text that parses back to the same double.
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text: header first, `\n` line endings, fields quoted only where needed. Missing values are empty. */
export function toCsv(rows: readonly Record<string, string | number>[], columns: readonly string[]): string {
  const lines = [columns.map(formatField).join(',')];
  for (const row of rows) lines.push(columns.map((c) => formatField(row[c] ?? '')).join(','));
  return lines.join('\n') + '\n';
}

interface RawRecord {
  line: number;
  fields: string[];
}

/** Splits text into records of fields, keeping each record's first line number. */
function readRecords(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  let line = 1;
  let fields: string[] = [];
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field = '';
    if (text[i] === '"') {
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvFormatError(quoteLine, 'a quoted field is never closed.');
        const ch = text.charAt(i);
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (ch === '\n') line++;
        field += ch;
        i++;
      }
      const after = text[i];
      if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
        throw new CsvFormatError(line, 'unexpected text after a closing quote.');
      }
    } else {
      const start = i;
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') throw new CsvFormatError(line, 'a quote inside an unquoted field.');
        i++;
      }
      field = text.slice(start, i);
    }
    fields.push(field);
    if (text[i] === ',') {
      i++;
      if (i === n) fields.push('');
      continue;
    }
    if (text[i] === '\r') {
      if (text[i + 1] !== '\n') throw new CsvFormatError(line, 'a carriage return outside quotes.');
      i++;
    }
    // End of record: newline or end of text.
    records.push({ line: recordLine, fields });
    fields = [];
    if (i < n) {
      i++;
      line++;
    }
    recordLine = line;
  }
  return records;
}

/** Strict parser for the CSV this module writes; every row must have as many fields as the header. */
export function parseCsv(text: string): { columns: string[]; rows: Record<string, string>[] } {
  const [header, ...body] = readRecords(text);
  if (header === undefined) throw new CsvFormatError(1, 'the file is empty; a header row is expected.');
  const columns = header.fields;
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new CsvFormatError(header.line, `the column "${c}" appears twice.`);
    seen.add(c);
  }
  const rows = body.map((record) => {
    if (record.fields.length !== columns.length) {
      throw new CsvFormatError(record.line, `${record.fields.length} fields where the header has ${columns.length}.`);
    }
    const row: Record<string, string> = {};
    columns.forEach((c, k) => {
      row[c] = record.fields[k] ?? '';
    });
    return row;
  });
  return { columns, rows };
}
