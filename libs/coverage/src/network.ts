// EB12 -> the network buckets a benefit applies to (DESIGN §4 "Network"). W (not applicable) and
// an absent EB12 apply to both networks; a Y or N benefit for the same figure overrides them for
// its network. U (unknown) goes to its own bucket and never fills a network's figure.
export type NetworkKey = 'inNetwork' | 'outOfNetwork' | 'unknownNetwork';

export function networkBuckets(eb12: string | undefined): NetworkKey[] {
  switch (eb12) {
    case 'Y':
      return ['inNetwork'];
    case 'N':
      return ['outOfNetwork'];
    case 'U':
      return ['unknownNetwork'];
    case 'W':
    case undefined:
    default:
      // W, absent, or a code outside the list: the benefit is not network-specific.
      return ['inNetwork', 'outOfNetwork'];
  }
}

/** True when EB12 names one network (Y/N): such a figure overrides a W / absent one. */
export function isNetworkSpecific(eb12: string | undefined): boolean {
  return eb12 === 'Y' || eb12 === 'N';
}
