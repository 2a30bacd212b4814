/**
 * A minimal WebAssembly assembler: just the encodings simdKernels.ts uses (core spec 1.0 plus
 * 128-bit SIMD), so the kernels are written here as instructions instead of shipped as a binary.
 * Each helper returns the bytes of one instruction; `fn` lays out a function body.
 */

export function uleb(v: number): number[] {
  const out: number[] = [];
  let x = v >>> 0;
  do {
    let byte = x & 0x7f;
    x >>>= 7;
    if (x !== 0) byte |= 0x80;
    out.push(byte);
  } while (x !== 0);
  return out;
}

function sleb(v: number): number[] {
  const out: number[] = [];
  let x = v | 0;
  for (;;) {
    const byte = x & 0x7f;
    x >>= 7;
    if ((x === 0 && (byte & 0x40) === 0) || (x === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

export const get = (local: number): number[] => [0x20, ...uleb(local)];
export const set = (local: number): number[] => [0x21, ...uleb(local)];
export const tee = (local: number): number[] => [0x22, ...uleb(local)];
export const i32 = (v: number): number[] => [0x41, ...sleb(v)];
export const ADD = [0x6a];
export const SUB = [0x6b];
export const MUL = [0x6c];
export const SHL = [0x74];
export const LT_S = [0x48];
export const GE_S = [0x4e];
export const F64_ADD = [0xa0];
export const storeF64 = (offset = 0): number[] => [0x39, 3, ...uleb(offset)];
const simd = (op: number, ...immediates: number[]): number[] => [0xfd, ...uleb(op), ...immediates];
/** v128.load / v128.store (alignment hint 8 bytes; any alignment works). */
export const load128 = (offset = 0): number[] => simd(0x00, 3, ...uleb(offset));
export const store128 = (offset = 0): number[] => simd(0x0b, 3, ...uleb(offset));
export const F64X2_SPLAT = simd(0x14);
export const F64X2_ZERO = [0x44, 0, 0, 0, 0, 0, 0, 0, 0, ...F64X2_SPLAT];
export const F64X2_ADD = simd(0xf0);
export const F64X2_SUB = simd(0xf1);
export const F64X2_MUL = simd(0xf2);
export const lane = (i: number): number[] => simd(0x21, i);
export const block = (...body: number[][]): number[] => [0x02, 0x40, ...body.flat(), 0x0b];
export const loop = (...body: number[][]): number[] => [0x03, 0x40, ...body.flat(), 0x0b];
export const brIf = (depth: number): number[] => [0x0d, ...uleb(depth)];

export interface FunctionSpec {
  readonly name: string;
  readonly params: readonly number[];
  /** Extra locals by type, numbered after the params in this order. */
  readonly locals: readonly (readonly [count: number, type: number])[];
  readonly body: readonly number[][];
}

/** A module importing its memory as env.memory and exporting every function by name. */
export function assembleModule(functions: readonly FunctionSpec[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...vec([])]);
  const codes = functions.map((f) => {
    const code = [...vec(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body.flat(), 0x0b];
    return [...uleb(code.length), ...code];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(codes)),
  ]);
}
