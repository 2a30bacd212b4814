/** The first index where two arrays differ (by Object.is, so -0 and NaN count), or -1; 0 when their lengths differ. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}
