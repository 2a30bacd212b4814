import { COMPARISON_OPS, type BinaryOp, type QueryNode } from './ast';
import { QuerySyntaxError } from './errors';
import { tokenize, type Token } from './tokenize';

/** Longest query text accepted, in characters. */
export const MAX_QUERY_LENGTH = 2000;
/** Deepest nesting of parentheses, unary operators, calls and lists accepted. */
export const MAX_QUERY_DEPTH = 64;

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the query';
  if (t.kind === 'string') return `the string ${JSON.stringify(t.text)}`;
  return `'${t.text}'`;
}

/** Recursive-descent parser; precedence low to high: or, and, not, comparison, + -, * / %, unary -. */
class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): QueryNode {
    const node = this.parseOr();
    const t = this.peek();
    if (t.kind !== 'eof') throw this.unexpected(t);
    return node;
  }

  private peek(offset = 0): Token {
    const last = this.tokens[this.tokens.length - 1];
    const t = this.tokens[this.index + offset] ?? last;
    if (t === undefined) throw new Error('tokenize() always ends with an eof token');
    return t;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.index += 1;
    return t;
  }

  private isOp(op: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'op' && t.op === op;
  }

  private enter(pos: number): void {
    this.depth += 1;
    if (this.depth > MAX_QUERY_DEPTH) {
      throw new QuerySyntaxError(`Query nests deeper than ${MAX_QUERY_DEPTH} levels at position ${pos}`, pos);
    }
  }

  private leave(): void {
    this.depth -= 1;
  }

  private unexpected(t: Token): QuerySyntaxError {
    if (t.op === ')') return new QuerySyntaxError(`Unmatched ')' at position ${t.pos}`, t.pos);
    if (t.op === '[') {
      return new QuerySyntaxError(
        `Indexing with '[' is not supported (position ${t.pos}); lists only follow 'in'`,
        t.pos,
      );
    }
    if (COMPARISON_OPS.has(t.op)) {
      return new QuerySyntaxError(`Comparisons cannot be chained (position ${t.pos}); combine them with 'and'`, t.pos);
    }
    return new QuerySyntaxError(
      `Unexpected ${describe(t)} at position ${t.pos}; expected an operator such as 'and'`,
      t.pos,
    );
  }

  private expect(op: string, message: (t: Token) => string): Token {
    const t = this.peek();
    if (!this.isOp(op)) throw new QuerySyntaxError(message(t), t.pos);
    return this.next();
  }

  private binaryLevel(ops: readonly string[], operand: () => QueryNode): QueryNode {
    let left = operand();
    while (ops.some((op) => this.isOp(op))) {
      const t = this.next();
      left = { kind: 'binary', op: t.op as BinaryOp, left, right: operand(), pos: t.pos };
    }
    return left;
  }

  private parseOr(): QueryNode {
    return this.binaryLevel(['or'], () => this.parseAnd());
  }

  private parseAnd(): QueryNode {
    return this.binaryLevel(['and'], () => this.parseNot());
  }

  private parseNot(): QueryNode {
    if (!this.isOp('not')) return this.parseComparison();
    const t = this.next();
    this.enter(t.pos);
    const operand = this.parseNot();
    this.leave();
    return { kind: 'unary', op: 'not', operand, pos: t.pos };
  }

  private parseComparison(): QueryNode {
    const left = this.parseAdditive();
    const t = this.peek();
    if (t.kind === 'op' && COMPARISON_OPS.has(t.op)) {
      this.next();
      const right = this.parseAdditive();
      return { kind: 'binary', op: t.op as BinaryOp, left, right, pos: t.pos };
    }
    const negated = this.isOp('not') && this.isOp('in', 1);
    if (!negated && !this.isOp('in')) return left;
    if (negated) this.next();
    this.next();
    return { kind: 'in', negated, value: left, list: this.parseList(), pos: t.pos };
  }

  private parseList(): QueryNode[] {
    const open = this.expect('[', (t) => `Expected a list like ["a", "b"] after 'in' at position ${t.pos}`);
    this.enter(open.pos);
    const items = this.parseItems(']');
    this.leave();
    return items;
  }

  /** Comma-separated values up to the closing `close` (an empty list is allowed). */
  private parseItems(close: string): QueryNode[] {
    const items: QueryNode[] = [];
    while (!this.isOp(close)) {
      if (items.length > 0) {
        this.expect(',', (t) => `Expected ',' or '${close}' at position ${t.pos}, found ${describe(t)}`);
      }
      items.push(this.parseAdditive());
    }
    this.next();
    return items;
  }

  private parseAdditive(): QueryNode {
    return this.binaryLevel(['+', '-'], () => this.parseMultiplicative());
  }

  private parseMultiplicative(): QueryNode {
    return this.binaryLevel(['*', '/', '%'], () => this.parseUnary());
  }

  private parseUnary(): QueryNode {
    if (!this.isOp('-')) return this.parsePrimary();
    const t = this.next();
    this.enter(t.pos);
    const operand = this.parseUnary();
    this.leave();
    return { kind: 'unary', op: '-', operand, pos: t.pos };
  }

  private parsePrimary(): QueryNode {
    const t = this.peek();
    if (t.kind === 'number' || t.kind === 'string' || t.kind === 'ident') this.next();
    if (t.kind === 'number') return { kind: 'number', value: t.value, pos: t.pos };
    if (t.kind === 'string') return { kind: 'string', value: t.text, pos: t.pos };
    if (t.kind === 'ident') {
      if (!this.isOp('(')) return { kind: 'column', name: t.text, pos: t.pos };
      const open = this.next();
      this.enter(open.pos);
      const args = this.parseItems(')');
      this.leave();
      return { kind: 'call', name: t.text, args, pos: t.pos };
    }
    if (this.isOp('(')) {
      const open = this.next();
      this.enter(open.pos);
      const inner = this.parseOr();
      this.leave();
      this.expect(
        ')',
        (c) => `Missing ')' to close '(' from position ${open.pos}; found ${describe(c)} at position ${c.pos}`,
      );
      return inner;
    }
    const previous = this.tokens[this.index - 1];
    const after = previous === undefined ? '' : ` after '${previous.text}'`;
    const found = t.kind === 'eof' ? '' : `, found ${describe(t)}`;
    throw new QuerySyntaxError(`Expected a value${after} at position ${t.pos}${found}`, t.pos);
  }
}

/** Parses query text into a syntax tree; throws QuerySyntaxError with a position. */
export function parseQueryText(text: string): QueryNode {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(
      `Query is ${text.length} characters long; the limit is ${MAX_QUERY_LENGTH}`,
      MAX_QUERY_LENGTH,
    );
  }
  return new Parser(tokenize(text)).parse();
}
