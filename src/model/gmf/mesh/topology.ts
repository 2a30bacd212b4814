/** Mesh topology helpers: boundary edges and the loops they form. */

export type Edge = [number, number];

/** Edges used by exactly one triangle (the mesh's holes and outline), oriented as in that triangle. */
export function boundaryEdges(indices: Uint32Array): Edge[] {
  const seen = new Map<string, { edge: Edge; count: number }>();
  for (let t = 0; t + 2 < indices.length; t += 3) {
    const tri = [indices[t] ?? 0, indices[t + 1] ?? 0, indices[t + 2] ?? 0];
    for (let k = 0; k < 3; k++) {
      const a = tri[k] ?? 0;
      const b = tri[(k + 1) % 3] ?? 0;
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      const entry = seen.get(key);
      if (entry) entry.count++;
      else seen.set(key, { edge: [a, b], count: 1 });
    }
  }
  return [...seen.values()].filter((e) => e.count === 1).map((e) => e.edge);
}

/** Chains boundary edges into closed loops of vertex indices. Throws if they do not close. */
export function boundaryLoops(edges: readonly Edge[]): number[][] {
  const next = new Map<number, number[]>();
  for (const [a, b] of edges) next.set(a, [...(next.get(a) ?? []), b]);
  const used = new Set<string>();
  const loops: number[][] = [];
  for (const [start, end] of edges) {
    if (used.has(`${start},${end}`)) continue;
    const loop = [start];
    let from = start;
    let to = end;
    for (;;) {
      used.add(`${from},${to}`);
      if (to === start) break;
      loop.push(to);
      const candidates = (next.get(to) ?? []).filter((n) => !used.has(`${to},${n}`));
      const step = candidates[0];
      if (step === undefined) throw new Error(`boundary does not close: stuck at vertex ${to}`);
      from = to;
      to = step;
    }
    loops.push(loop);
  }
  return loops;
}
