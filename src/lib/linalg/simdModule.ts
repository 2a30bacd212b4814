/**
 * The instructions of the SIMD kernels (simdKernels.ts describes what each computes). Every
 * function takes byte offsets into the imported memory; the *4 kernels walk four rows `stride`
 * bytes apart over an even number of positions, two at a time in f64x2 lanes.
 */
import {
  ADD,
  F64,
  F64X2_ADD,
  F64X2_MUL,
  F64X2_SPLAT,
  F64X2_SUB,
  F64X2_ZERO,
  F64_ADD,
  GE_S,
  I32,
  LT_S,
  MUL,
  SHL,
  V128,
  assembleModule,
  block,
  brIf,
  get,
  i32,
  lane,
  load128,
  loop,
  set,
  store128,
  storeF64,
  tee,
  type FunctionSpec,
} from './simdAssembler';

/** The module: dots, symv4, rank2x4, dot4 and axpy4, importing env.memory. */
export function kernelModule(): Uint8Array<ArrayBuffer> {
  return assembleModule([dotsSpec(), symv4Spec(), rank2x4Spec(), dot4Spec(), axpy4Spec()]);
}

/** Sums the two lanes of v128 local `v` and stores the double at [address + offset]. */
const storeLaneSum = (address: number[], v: number, offset: number): number[] => [...address, ...get(v), ...lane(0), ...get(v), ...lane(1), ...F64_ADD, ...storeF64(offset)];

/** The 4 × 2 register-blocked product: eight f64x2 accumulators over t two at a time. */
function dotsSpec(): FunctionSpec {
  const [A, A_ROWS, B, B_ROWS, K, OUT, SYM] = [0, 1, 2, 3, 4, 5, 6];
  const [I, J, T, A0, B0, ROW_BYTES, ADDR, OUT_AT] = [7, 8, 9, 10, 11, 12, 13, 14];
  const acc = (r: number, c: number): number => 15 + 2 * r + c;
  const [Y0, Y1, X] = [23, 24, 25];
  const inner: number[][] = [get(B0), get(T), ADD, tee(ADDR), load128(), set(Y0), get(ADDR), get(ROW_BYTES), ADD, load128(), set(Y1)];
  for (let r = 0; r < 4; r++) {
    // ADDR walks down the four rows of a at column t.
    inner.push(r === 0 ? [...get(A0), ...get(T), ...ADD] : [...get(ADDR), ...get(ROW_BYTES), ...ADD], tee(ADDR), load128(), set(X));
    for (let c = 0; c < 2; c++) inner.push(get(acc(r, c)), get(X), get(c === 0 ? Y0 : Y1), F64X2_MUL, F64X2_ADD, set(acc(r, c)));
  }
  inner.push(get(T), i32(16), ADD, tee(T), get(ROW_BYTES), LT_S, brIf(0));
  const pair: number[][] = [get(B), get(J), get(ROW_BYTES), MUL, ADD, set(B0)];
  for (let r = 0; r < 4; r++) for (let c = 0; c < 2; c++) pair.push(F64X2_ZERO, set(acc(r, c)));
  pair.push(i32(0), set(T), loop(...inner));
  // out[(i + r) · bRows + j + c] = lane 0 + lane 1.
  pair.push(get(OUT), get(I), get(B_ROWS), MUL, get(J), ADD, i32(3), SHL, ADD, set(OUT_AT));
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 2; c++) pair.push(storeLaneSum(get(OUT_AT), acc(r, c), 8 * c));
    if (r < 3) pair.push(get(OUT_AT), get(B_ROWS), i32(3), SHL, ADD, set(OUT_AT));
  }
  pair.push(get(J), i32(2), ADD, tee(J), get(B_ROWS), LT_S, brIf(0));
  const rows: number[][] = [get(A), get(I), get(ROW_BYTES), MUL, ADD, set(A0)];
  rows.push(get(SYM), get(I), MUL, set(J), block(get(J), get(B_ROWS), GE_S, brIf(0), loop(...pair)));
  rows.push(get(I), i32(4), ADD, tee(I), get(A_ROWS), LT_S, brIf(0));
  return {
    name: 'dots',
    params: [I32, I32, I32, I32, I32, I32, I32],
    locals: [
      [8, I32],
      [11, V128],
    ],
    body: [get(K), i32(3), SHL, set(ROW_BYTES), i32(0), set(I), block(get(I), get(A_ROWS), GE_S, brIf(0), loop(...rows))],
  };
}

/** A loop over byte offsets O = 0, 16, … < count·8 (count even) around `body`. */
function pairLoop(count: number, o: number, len: number, body: number[][]): number[][] {
  return [get(count), i32(3), SHL, set(len), i32(0), set(o), block(get(o), get(len), GE_S, brIf(0), loop(...body, get(o), i32(16), ADD, tee(o), get(len), LT_S, brIf(0)))];
}

/** Leaves row r's address at offset O on the stack (and in ADDR): row + O, then + stride (bytes) per row. */
const rowAddress = (r: number, row: number, stride: number, o: number, addr: number): number[] =>
  r === 0 ? [...get(row), ...get(o), ...ADD, ...tee(addr)] : [...get(addr), ...get(stride), ...ADD, ...tee(addr)];

function symv4Spec(): FunctionSpec {
  const [ROW, STRIDE, D, E, COUNT] = [0, 1, 2, 3, 4];
  const f = (r: number): number => 5 + r;
  const OUT = 9;
  const [O, LEN, ADDR] = [10, 11, 12];
  const ff = (r: number): number => 13 + r;
  const g = (r: number): number => 17 + r;
  const [DK, EK, V] = [21, 22, 23];
  const body: number[][] = [get(D), get(O), ADD, load128(), set(DK), get(E), get(O), ADD, load128(), set(EK)];
  for (let r = 0; r < 4; r++) {
    body.push(rowAddress(r, ROW, STRIDE, O, ADDR), load128(), set(V));
    body.push(get(g(r)), get(V), get(DK), F64X2_MUL, F64X2_ADD, set(g(r)));
    body.push(get(EK), get(V), get(ff(r)), F64X2_MUL, F64X2_ADD, set(EK));
  }
  body.push(get(E), get(O), ADD, get(EK), store128());
  const setup: number[][] = [];
  for (let r = 0; r < 4; r++) setup.push(get(f(r)), F64X2_SPLAT, set(ff(r)), F64X2_ZERO, set(g(r)));
  const finish: number[][] = [];
  for (let r = 0; r < 4; r++) finish.push(storeLaneSum(get(OUT), g(r), 8 * r));
  return {
    name: 'symv4',
    params: [I32, I32, I32, I32, I32, F64, F64, F64, F64, I32],
    locals: [
      [3, I32],
      [11, V128],
    ],
    body: [...setup, ...pairLoop(COUNT, O, LEN, body), ...finish],
  };
}

function rank2x4Spec(): FunctionSpec {
  const [ROW, STRIDE, D, E, COUNT] = [0, 1, 2, 3, 4];
  const f = (r: number): number => 5 + r;
  const g = (r: number): number => 9 + r;
  const [O, LEN, ADDR] = [13, 14, 15];
  const ff = (r: number): number => 16 + r;
  const gg = (r: number): number => 20 + r;
  const [DK, EK] = [24, 25];
  const body: number[][] = [get(E), get(O), ADD, load128(), set(EK), get(D), get(O), ADD, load128(), set(DK)];
  for (let r = 0; r < 4; r++) {
    body.push(rowAddress(r, ROW, STRIDE, O, ADDR), get(ADDR), load128());
    body.push(get(ff(r)), get(EK), F64X2_MUL, get(gg(r)), get(DK), F64X2_MUL, F64X2_ADD, F64X2_SUB, store128());
  }
  const setup: number[][] = [];
  for (let r = 0; r < 4; r++) setup.push(get(f(r)), F64X2_SPLAT, set(ff(r)), get(g(r)), F64X2_SPLAT, set(gg(r)));
  return {
    name: 'rank2x4',
    params: [I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64],
    locals: [
      [3, I32],
      [10, V128],
    ],
    body: [...setup, ...pairLoop(COUNT, O, LEN, body)],
  };
}

function dot4Spec(): FunctionSpec {
  const [U, ROW, STRIDE, COUNT, OUT] = [0, 1, 2, 3, 4];
  const [O, LEN, ADDR] = [5, 6, 7];
  const g = (r: number): number => 8 + r;
  const UK = 12;
  const body: number[][] = [get(U), get(O), ADD, load128(), set(UK)];
  for (let r = 0; r < 4; r++) body.push(get(g(r)), get(UK), rowAddress(r, ROW, STRIDE, O, ADDR), load128(), F64X2_MUL, F64X2_ADD, set(g(r)));
  const setup: number[][] = [];
  for (let r = 0; r < 4; r++) setup.push(F64X2_ZERO, set(g(r)));
  const finish: number[][] = [];
  for (let r = 0; r < 4; r++) finish.push(storeLaneSum(get(OUT), g(r), 8 * r));
  return {
    name: 'dot4',
    params: [I32, I32, I32, I32, I32],
    locals: [
      [3, I32],
      [5, V128],
    ],
    body: [...setup, ...pairLoop(COUNT, O, LEN, body), ...finish],
  };
}

function axpy4Spec(): FunctionSpec {
  const [W, ROW, STRIDE, COUNT] = [0, 1, 2, 3];
  const g = (r: number): number => 4 + r;
  const [O, LEN, ADDR] = [8, 9, 10];
  const gg = (r: number): number => 11 + r;
  const WK = 15;
  const body: number[][] = [get(W), get(O), ADD, load128(), set(WK)];
  for (let r = 0; r < 4; r++) body.push(rowAddress(r, ROW, STRIDE, O, ADDR), get(ADDR), load128(), get(gg(r)), get(WK), F64X2_MUL, F64X2_SUB, store128());
  const setup: number[][] = [];
  for (let r = 0; r < 4; r++) setup.push(get(g(r)), F64X2_SPLAT, set(gg(r)));
  return {
    name: 'axpy4',
    params: [I32, I32, I32, I32, F64, F64, F64, F64],
    locals: [
      [3, I32],
      [5, V128],
    ],
    body: [...setup, ...pairLoop(COUNT, O, LEN, body)],
  };
}
