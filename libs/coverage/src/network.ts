// EB12 -> the network buckets a benefit applies to (docs/coverage-summary.md "Network"). W (not applicable) and
// an absent EB12 apply to both networks; a Y or N benefit for the same figure overrides them for
// its network. U (unknown) goes to its own bucket and never fills a network's figure.
export type NetworkKey = 'inNetwork' | 'outOfNetwork' | 'unknownNetwork';

// Shared, frozen answers: the normalizer asks once per benefit and figure, so no array is built per call.
const IN: readonly NetworkKey[] = Object.freeze(['inNetwork']);
const OUT: readonly NetworkKey[] = Object.freeze(['outOfNetwork']);
const UNKNOWN: readonly NetworkKey[] = Object.freeze(['unknownNetwork']);
const BOTH: readonly NetworkKey[] = Object.freeze(['inNetwork', 'outOfNetwork']);

export function networkBuckets(eb12: string | undefined): readonly NetworkKey[] {
  switch (eb12) {
    case 'Y':
      return IN;
    case 'N':
      return OUT;
    case 'U':
      return UNKNOWN;
    case 'W':
    case undefined:
    default:
      // W, absent, or a code outside the list: the benefit is not network-specific.
      return BOTH;
  }
}

/** True when EB12 names one network (Y/N): such a figure overrides a W / absent one. */
export function isNetworkSpecific(eb12: string | undefined): boolean {
  return eb12 === 'Y' || eb12 === 'N';
}
