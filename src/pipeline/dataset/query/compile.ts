import type { QueryNode } from './ast';
import { QueryTypeError, QueryUnknownColumnError } from './errors';

export type ColumnType = 'number' | 'string';
/** Column name -> type; looked up with Object.hasOwn only, never through the prototype chain. */
export type QuerySchema = Readonly<Record<string, ColumnType>>;
export type QueryRow = Readonly<Record<string, unknown>>;

type Typed =
  | { type: 'number'; run: (row: QueryRow) => number }
  | { type: 'string'; run: (row: QueryRow) => string }
  | { type: 'boolean'; run: (row: QueryRow) => boolean };
type ValueType = Typed['type'];

interface FunctionSpec {
  minArgs: number;
  maxArgs: number;
  apply: (args: number[]) => number;
}
const one = (f: (x: number) => number): FunctionSpec => ({ minArgs: 1, maxArgs: 1, apply: (a) => f(a[0] ?? NaN) });
const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map([
  ['abs', one(Math.abs)],
  ['round', one(Math.round)],
  ['floor', one(Math.floor)],
  ['ceil', one(Math.ceil)],
  ['sqrt', one(Math.sqrt)],
  ['min', { minArgs: 2, maxArgs: Infinity, apply: (a: number[]) => Math.min(...a) }],
  ['max', { minArgs: 2, maxArgs: Infinity, apply: (a: number[]) => Math.max(...a) }],
]);

const NUMERIC = (row: QueryRow, name: string): number => {
  const v = Object.hasOwn(row, name) ? row[name] : undefined;
  return typeof v === 'number' ? v : NaN;
};
const TEXT = (row: QueryRow, name: string): string => {
  const v = Object.hasOwn(row, name) ? row[name] : undefined;
  return typeof v === 'string' ? v : '';
};

function typeError(message: string, node: QueryNode): QueryTypeError {
  return new QueryTypeError(`${message} (position ${node.pos})`, node.pos);
}

function asNumber(t: Typed, node: QueryNode, what: string): (row: QueryRow) => number {
  if (t.type !== 'number') throw typeError(`${what} needs a number, but got a ${t.type}`, node);
  return t.run;
}

function asBoolean(t: Typed, node: QueryNode, what: string): (row: QueryRow) => boolean {
  if (t.type !== 'boolean') {
    throw typeError(`${what} needs a condition such as age < 50, but got a ${t.type}`, node);
  }
  return t.run;
}

/** Type-checks the tree and builds closures over it (no eval); records the columns it reads. */
export class QueryCompiler {
  readonly columns = new Set<string>();

  constructor(private readonly schema: QuerySchema) {}

  condition(node: QueryNode): (row: QueryRow) => boolean {
    return asBoolean(this.compile(node), node, 'A query');
  }

  private compile(node: QueryNode): Typed {
    switch (node.kind) {
      case 'number':
        return { type: 'number', run: () => node.value };
      case 'string':
        return { type: 'string', run: () => node.value };
      case 'column':
        return this.column(node.name, node.pos);
      case 'call':
        return this.call(node.name, node.args, node);
      case 'unary': {
        const operand = this.compile(node.operand);
        if (node.op === '-') {
          const f = asNumber(operand, node, "Unary '-'");
          return { type: 'number', run: (r) => -f(r) };
        }
        const f = asBoolean(operand, node, "'not'");
        return { type: 'boolean', run: (r) => !f(r) };
      }
      case 'in':
        return this.membership(node);
      case 'binary':
        return this.binary(node);
    }
  }

  private column(name: string, pos: number): Typed {
    const type = Object.hasOwn(this.schema, name) ? this.schema[name] : undefined;
    if (type === undefined) throw new QueryUnknownColumnError(name, pos, Object.keys(this.schema));
    this.columns.add(name);
    return type === 'number' ? { type, run: (r) => NUMERIC(r, name) } : { type, run: (r) => TEXT(r, name) };
  }

  private call(name: string, argNodes: QueryNode[], node: QueryNode): Typed {
    const spec = FUNCTIONS.get(name);
    if (spec === undefined) {
      const names = [...FUNCTIONS.keys()].join(', ');
      throw typeError(`Unknown function '${name}'; available functions: ${names}`, node);
    }
    if (argNodes.length < spec.minArgs || argNodes.length > spec.maxArgs) {
      const expected = spec.maxArgs === spec.minArgs ? `${spec.minArgs}` : `at least ${spec.minArgs}`;
      throw typeError(`${name}() takes ${expected} argument(s), but got ${argNodes.length}`, node);
    }
    const args = argNodes.map((a) => asNumber(this.compile(a), a, `${name}()`));
    return { type: 'number', run: (r) => spec.apply(args.map((f) => f(r))) };
  }

  private membership(node: Extract<QueryNode, { kind: 'in' }>): Typed {
    const value = this.compile(node.value);
    if (value.type === 'boolean') throw typeError(`'in' needs a number or a string on its left`, node);
    const items = node.list.map((item) => {
      const t = this.compile(item);
      if (t.type !== value.type) {
        const expected = `List items must be ${value.type}s like the value before 'in'`;
        throw typeError(`${expected}, but got a ${t.type}`, item);
      }
      return t.run;
    });
    const get = value.run as (r: QueryRow) => number | string;
    const { negated } = node;
    const run = (r: QueryRow): boolean => {
      const v = get(r);
      return items.some((f) => f(r) === v) !== negated;
    };
    return { type: 'boolean', run };
  }

  private binary(node: Extract<QueryNode, { kind: 'binary' }>): Typed {
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    const { op } = node;
    if (op === 'and' || op === 'or') {
      const a = asBoolean(left, node.left, `'${op}'`);
      const b = asBoolean(right, node.right, `'${op}'`);
      return { type: 'boolean', run: op === 'and' ? (r) => a(r) && b(r) : (r) => a(r) || b(r) };
    }
    if (op === '==' || op === '!=') {
      requireSameType(left.type, right.type, op, node);
      const a = left.run as (r: QueryRow) => unknown;
      const b = right.run as (r: QueryRow) => unknown;
      return { type: 'boolean', run: op === '==' ? (r) => a(r) === b(r) : (r) => a(r) !== b(r) };
    }
    if (op === '<' || op === '<=' || op === '>' || op === '>=') {
      requireSameType(left.type, right.type, op, node);
      if (left.type === 'boolean') throw typeError(`'${op}' cannot order conditions`, node);
      return { type: 'boolean', run: ordering(op, left.run, right.run as typeof left.run) };
    }
    const a = asNumber(left, node.left, `'${op}'`);
    const b = asNumber(right, node.right, `'${op}'`);
    const arithmetic: Record<typeof op, (x: number, y: number) => number> = {
      '+': (x, y) => x + y,
      '-': (x, y) => x - y,
      '*': (x, y) => x * y,
      '/': (x, y) => x / y,
      '%': (x, y) => x % y,
    };
    const f = arithmetic[op];
    return { type: 'number', run: (r) => f(a(r), b(r)) };
  }
}

function requireSameType(a: ValueType, b: ValueType, op: string, node: QueryNode): void {
  if (a !== b) throw typeError(`Cannot compare a ${a} with a ${b} using '${op}'`, node);
}

type Ordered = (r: QueryRow) => number | string;
function ordering(op: '<' | '<=' | '>' | '>=', a: Ordered, b: Ordered): (r: QueryRow) => boolean {
  switch (op) {
    case '<':
      return (r) => a(r) < b(r);
    case '<=':
      return (r) => a(r) <= b(r);
    case '>':
      return (r) => a(r) > b(r);
    case '>=':
      return (r) => a(r) >= b(r);
  }
}
