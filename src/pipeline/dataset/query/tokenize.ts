import { QuerySyntaxError } from './errors';

export type TokenKind = 'number' | 'string' | 'ident' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Normalised operator for 'op' tokens (`&&` -> and, `||` -> or, `!` -> not); '' otherwise. */
  op: string;
  /** The source text (for strings: the decoded value). */
  text: string;
  /** The value of a number token; NaN otherwise. */
  value: number;
  pos: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in']);
const TWO_CHAR: ReadonlyMap<string, string> = new Map([
  ['==', '=='],
  ['!=', '!='],
  ['<=', '<='],
  ['>=', '>='],
  ['&&', 'and'],
  ['||', 'or'],
]);
const ONE_CHAR: ReadonlyMap<string, string> = new Map(
  ['(', ')', '[', ']', ',', '+', '-', '*', '/', '%', '<', '>'].map((c) => [c, c]),
).set('!', 'not');
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\\', '\\'],
  ['"', '"'],
  ["'", "'"],
  ['n', '\n'],
  ['t', '\t'],
]);
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const WORD_CHAR = /[A-Za-z0-9_.]/;

function token(kind: TokenKind, text: string, pos: number, op = '', value = NaN): Token {
  return { kind, op, text, value, pos };
}

function matchAt(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(text)?.[0];
}

/** Reads a quoted string starting at `start`; returns the token and the offset after it. */
function readString(text: string, start: number): [Token, number] {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === quote) return [token('string', value, start), i + 1];
    if (c === '\\') {
      const escaped = ESCAPES.get(text[i + 1] ?? '');
      if (escaped === undefined) {
        throw new QuerySyntaxError(`Unknown escape '\\${text[i + 1] ?? ''}' at position ${i}`, i);
      }
      value += escaped;
      i += 2;
    } else {
      value += c ?? '';
      i += 1;
    }
  }
  throw new QuerySyntaxError(`Unterminated string starting at position ${start}`, start);
}

function unexpectedCharacter(c: string, pos: number): QuerySyntaxError {
  const hints: Record<string, string> = {
    '=': `Single '=' at position ${pos}: use == to compare`,
    '&': `Single '&' at position ${pos}: use 'and' (or &&)`,
    '|': `Single '|' at position ${pos}: use 'or' (or ||)`,
    '.': `Property access with '.' is not supported (position ${pos})`,
  };
  const message = Object.hasOwn(hints, c) ? hints[c] : undefined;
  return new QuerySyntaxError(message ?? `Unexpected character '${c}' at position ${pos}`, pos);
}

/** Splits query text into tokens, ending with one 'eof' token at text.length. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '"' || c === "'") {
      const [t, next] = readString(text, i);
      tokens.push(t);
      i = next;
      continue;
    }
    const num = matchAt(NUMBER, text, i);
    if (num !== undefined) {
      const after = text[i + num.length] ?? '';
      if (WORD_CHAR.test(after)) {
        throw new QuerySyntaxError(`Invalid number '${num}${after}' at position ${i}`, i);
      }
      tokens.push(token('number', num, i, '', Number(num)));
      i += num.length;
      continue;
    }
    const ident = matchAt(IDENT, text, i);
    if (ident !== undefined) {
      tokens.push(KEYWORDS.has(ident) ? token('op', ident, i, ident) : token('ident', ident, i));
      i += ident.length;
      continue;
    }
    const pair = text.slice(i, i + 2);
    const op = TWO_CHAR.get(pair) ?? ONE_CHAR.get(c);
    if (op === undefined) throw unexpectedCharacter(c, i);
    const source = TWO_CHAR.has(pair) ? pair : c;
    tokens.push(token('op', source, i, op));
    i += source.length;
  }
  tokens.push(token('eof', '', text.length));
  return tokens;
}
