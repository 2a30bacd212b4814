/** Syntax tree of a query; every node keeps the 0-based offset of its source for errors. */
export type BinaryOp = 'or' | 'and' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export type QueryNode =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'column'; name: string; pos: number }
  | { kind: 'call'; name: string; args: QueryNode[]; pos: number }
  | { kind: 'unary'; op: '-' | 'not'; operand: QueryNode; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: QueryNode; right: QueryNode; pos: number }
  | { kind: 'in'; negated: boolean; value: QueryNode; list: QueryNode[]; pos: number };

export const COMPARISON_OPS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);
