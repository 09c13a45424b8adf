// Subset comparison for expected.json files: every key the expectation names must match; arrays
// must match in length and order; `null` expects null or absent. Returns the mismatching paths.
export function subsetMismatches(actual: unknown, expected: unknown, path = '$'): string[] {
  if (expected === null) return actual === null || actual === undefined ? [] : [`${path}: expected null/absent, got ${JSON.stringify(actual)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} items, got ${actual.length}: ${JSON.stringify(actual)}`];
    return expected.flatMap((e, i) => subsetMismatches(actual[i], e, `${path}[${i}]`));
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`${path}: expected object, got ${JSON.stringify(actual)}`];
    const a = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).flatMap(([k, v]) => subsetMismatches(a[k], v, `${path}.${k}`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** Reads a dotted path ("levelsOfCare.IOP.inNetwork.limits.0"). */
export function valueAt(root: unknown, dotted: string): unknown {
  let cur: unknown = root;
  for (const key of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
