import { GmfError } from '../../../lib/errors';

/** The query text is not well formed; `position` is the 0-based offset of the problem. */
export class QuerySyntaxError extends GmfError {
  readonly position: number;

  constructor(message: string, position: number) {
    super('QUERY_SYNTAX', message);
    this.position = position;
  }
}

/** The query names a column the table does not have. */
export class QueryUnknownColumnError extends GmfError {
  readonly position: number;
  readonly column: string;
  readonly suggestion: string | undefined;

  constructor(column: string, position: number, validColumns: readonly string[]) {
    const suggestion = nearestName(column, validColumns);
    const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
    super('QUERY_UNKNOWN_COLUMN', `Unknown column '${column}'.${hint} Valid columns: ${validColumns.join(', ')}.`);
    this.position = position;
    this.column = column;
    this.suggestion = suggestion;
  }
}

/** The query mixes types (string vs number), calls an unknown function or uses a wrong arity. */
export class QueryTypeError extends GmfError {
  readonly position: number;

  constructor(message: string, position: number) {
    super('QUERY_TYPE', message);
    this.position = position;
  }
}

/** Levenshtein distance (case-insensitive); names are short, so the O(n*m) table is fine. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (s[i - 1] === t[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/** The closest candidate within a third of the name's length (at least one edit), if any. */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 3));
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance || (distance === bestDistance && best === undefined)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
