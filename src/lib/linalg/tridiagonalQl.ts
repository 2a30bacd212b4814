/**
 * The implicit QL algorithm on a symmetric tridiagonal matrix (EISPACK / JAMA tql2), with each
 * sweep's rotations handed out to be applied at once (applySweep) or recorded for a few vectors
 * later (RotationLog).
 */
import { GmfError } from '../errors';

export class EigenError extends GmfError {
  constructor(message: string) {
    super('EIGEN', `Symmetric eigendecomposition: ${message}`);
  }
}

const MAX_QL_ITERATIONS = 60;

export type Sweep = (l: number, m: number, c: Float64Array, s: Float64Array) => void;

/**
 * tql2 on the tridiagonal (d, e) as tred2 leaves it. Each QL sweep's rotations, i = m-1 down to
 * l on rows (i, i+1) with cosine c[i] and sine s[i], are handed to `sweep`.
 */
export function tridiagonalQl(d: Float64Array, e: Float64Array, n: number, sweep: Sweep): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i] ?? 0;
  e[n - 1] = 0;
  const cs = new Float64Array(n);
  const sn = new Float64Array(n);
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l] ?? 0) + Math.abs(e[l] ?? 0));
    let m = l;
    while (m < n - 1 && Math.abs(e[m] ?? 0) > eps * tst1) m++;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > MAX_QL_ITERATIONS) throw new EigenError(`QL iteration did not converge for eigenvalue ${l}`);
        let g = d[l] ?? 0;
        const el = e[l] ?? 0;
        let p = ((d[l + 1] ?? 0) - g) / (2 * el);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = el / (p + r);
        d[l + 1] = el * (p + r);
        const dl1 = d[l + 1] ?? 0;
        let h = g - (d[l] ?? 0);
        for (let i = l + 2; i < n; i++) d[i] = (d[i] ?? 0) - h;
        f += h;
        p = d[m] ?? 0;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1] ?? 0;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          const ei = e[i] ?? 0;
          const di = d[i] ?? 0;
          g = c * ei;
          h = c * p;
          r = Math.hypot(p, ei);
          e[i + 1] = s * r;
          s = ei / r;
          c = p / r;
          p = c * di - s * g;
          d[i + 1] = h + s * (c * g + s * di);
          cs[i] = c;
          sn[i] = s;
        }
        sweep(l, m, cs, sn);
        p = (-s * s2 * c3 * el1 * (e[l] ?? 0)) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l] ?? 0) > eps * tst1);
    }
    d[l] = (d[l] ?? 0) + f;
    e[l] = 0;
  }
}

/**
 * The sweep's rotations on the columns of v (rows × n): for i = m-1 down to l, in every row,
 * x[i+1] ← s·x[i] + c·x[i+1] and x[i] ← c·x[i] - s·x[i+1]. Entry i+1 is final once rotation i is
 * done, so each row is walked once carrying x[i]'s running value; four rows at a time.
 */
export function applySweep(
  v: Float64Array,
  rows: number,
  n: number,
  l: number,
  m: number,
  c: Float64Array,
  s: Float64Array,
): void {
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const o0 = r * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    let h0 = v[o0 + m] ?? 0;
    let h1 = v[o1 + m] ?? 0;
    let h2 = v[o2 + m] ?? 0;
    let h3 = v[o3 + m] ?? 0;
    for (let i = m - 1; i >= l; i--) {
      const ci = c[i] ?? 0;
      const si = s[i] ?? 0;
      let x = v[o0 + i] ?? 0;
      v[o0 + i + 1] = si * x + ci * h0;
      h0 = ci * x - si * h0;
      x = v[o1 + i] ?? 0;
      v[o1 + i + 1] = si * x + ci * h1;
      h1 = ci * x - si * h1;
      x = v[o2 + i] ?? 0;
      v[o2 + i + 1] = si * x + ci * h2;
      h2 = ci * x - si * h2;
      x = v[o3 + i] ?? 0;
      v[o3 + i + 1] = si * x + ci * h3;
      h3 = ci * x - si * h3;
    }
    v[o0 + l] = h0;
    v[o1 + l] = h1;
    v[o2 + l] = h2;
    v[o3 + l] = h3;
  }
  for (; r < rows; r++) {
    const o = r * n;
    let h = v[o + m] ?? 0;
    for (let i = m - 1; i >= l; i--) {
      const ci = c[i] ?? 0;
      const si = s[i] ?? 0;
      const x = v[o + i] ?? 0;
      v[o + i + 1] = si * x + ci * h;
      h = ci * x - si * h;
    }
    v[o + l] = h;
  }
}

/** Every QL rotation in order, to be replayed on a few vectors afterwards. */
export class RotationLog {
  private sweeps: number[] = [];
  private c: Float64Array;
  private s: Float64Array;
  private size = 0;

  /** QL takes about one rotation per entry of the matrix: start there to grow rarely. */
  constructor(n: number) {
    this.c = new Float64Array(Math.max(16, n * n));
    this.s = new Float64Array(Math.max(16, n * n));
  }

  record(l: number, m: number, c: Float64Array, s: Float64Array): void {
    const count = m - l;
    if (this.size + count > this.c.length) {
      const capacity = Math.max(2 * this.c.length, this.size + count);
      const grow = (old: Float64Array): Float64Array => {
        const next = new Float64Array(capacity);
        next.set(old.subarray(0, this.size));
        return next;
      };
      this.c = grow(this.c);
      this.s = grow(this.s);
    }
    // Stored in the order applied: i = m-1 down to l.
    for (let i = m - 1; i >= l; i--) {
      this.c[this.size] = c[i] ?? 0;
      this.s[this.size] = s[i] ?? 0;
      this.size++;
    }
    this.sweeps.push(l, m);
  }

  /**
   * Each row x of z (rows × n) ← xᵀ G_R ⋯ G_1: the rotations transposed, last one first. Row r
   * starts as the unit vector at positions[r] (ascending) and is zero outside a growing window,
   * so rotations outside the window of a group of four rows are skipped.
   */
  replayTransposed(z: Float64Array, n: number, positions: readonly number[]): void {
    const rows = positions.length;
    for (let r = 0; r < rows; r += 4) {
      const count = Math.min(4, rows - r);
      let lo = positions[r] ?? 0;
      let hi = positions[r + count - 1] ?? 0;
      let at = this.size;
      for (let q = this.sweeps.length - 2; q >= 0; q -= 2) {
        const l = this.sweeps[q] ?? 0;
        const m = this.sweeps[q + 1] ?? 0;
        at -= m - l;
        if (m < lo || l > hi) continue;
        // Rotations below the window's bottom act on zeros; the carry then fills up to m.
        const from = Math.max(l, lo - 1);
        lo = Math.min(lo, from);
        hi = Math.max(hi, m);
        // This sweep's rotations are stored i = m-1 … l: rotation i sits at at + (m - 1 - i).
        const base = at + m - 1;
        if (count === 4) this.undoSweep4(z, r * n, n, from, m, base);
        else for (let j = 0; j < count; j++) this.undoSweep(z, (r + j) * n, from, m, base);
      }
    }
  }

  /** Rotations i = from … m-1 transposed on one row, carrying x[i] up. */
  private undoSweep(z: Float64Array, o: number, from: number, m: number, base: number): void {
    let h = z[o + from] ?? 0;
    for (let i = from; i < m; i++) {
      const ci = this.c[base - i] ?? 0;
      const si = this.s[base - i] ?? 0;
      const b = z[o + i + 1] ?? 0;
      z[o + i] = ci * h + si * b;
      h = ci * b - si * h;
    }
    z[o + m] = h;
  }

  private undoSweep4(z: Float64Array, o0: number, n: number, from: number, m: number, base: number): void {
    const c = this.c;
    const s = this.s;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    let h0 = z[o0 + from] ?? 0;
    let h1 = z[o1 + from] ?? 0;
    let h2 = z[o2 + from] ?? 0;
    let h3 = z[o3 + from] ?? 0;
    for (let i = from; i < m; i++) {
      const ci = c[base - i] ?? 0;
      const si = s[base - i] ?? 0;
      let b = z[o0 + i + 1] ?? 0;
      z[o0 + i] = ci * h0 + si * b;
      h0 = ci * b - si * h0;
      b = z[o1 + i + 1] ?? 0;
      z[o1 + i] = ci * h1 + si * b;
      h1 = ci * b - si * h1;
      b = z[o2 + i + 1] ?? 0;
      z[o2 + i] = ci * h2 + si * b;
      h2 = ci * b - si * h2;
      b = z[o3 + i + 1] ?? 0;
      z[o3 + i] = ci * h3 + si * b;
      h3 = ci * b - si * h3;
    }
    z[o0 + m] = h0;
    z[o1 + m] = h1;
    z[o2 + m] = h2;
    z[o3 + m] = h3;
  }
}
