/**
 * Names researchers give things (datasets, runs, analyses, saved queries): one rule everywhere,
 * in forms and where records enter from files. A name is shown in lists, tables, file names and
 * plot legends, so it has a length limit (a 10,000-character name made the page 84,648 px wide),
 * no control characters, and it is unique among its kind (two datasets called "faces" cannot be
 * told apart in a select).
 */

/** The longest name accepted: long enough for a descriptive name, short enough for a table cell. */
export const MAX_NAME_LENGTH = 80;

/** Why `name` cannot be used as a new `what` (e.g. 'dataset'), or null when it can. */
export function nameIssue(name: string, what: string, taken: readonly string[] = []): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return `Give the ${what} a name.`;
  if (trimmed.length > MAX_NAME_LENGTH) {
    return `A ${what} name has at most ${MAX_NAME_LENGTH} characters (this one has ${trimmed.length}): it is shown in lists, legends and file names.`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed))
    return `A ${what} name cannot contain control characters (tabs, line breaks).`;
  if (taken.some((t) => t.trim() === trimmed)) {
    return `There is already a ${what} called '${trimmed}': choose another name, e.g. '${uniqueName(trimmed, taken)}'.`;
  }
  return null;
}

/** `name`, or `name (2)`, `name (3)`, … : the first not in `taken` (for imports, which must not refuse a clash). */
export function uniqueName(name: string, taken: readonly string[]): string {
  const base = name.trim().slice(0, MAX_NAME_LENGTH);
  const used = new Set(taken.map((t) => t.trim()));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}
