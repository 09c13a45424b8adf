// EB12 -> the network buckets a benefit applies to. W (not applicable) means both networks;
// U or absent says nothing, so it goes to its own bucket and never into in-network.
export type NetworkKey = 'inNetwork' | 'outOfNetwork' | 'unknownNetwork';

export function networkBuckets(eb12: string | undefined): NetworkKey[] {
  switch (eb12) {
    case 'Y':
      return ['inNetwork'];
    case 'N':
      return ['outOfNetwork'];
    case 'W':
      return ['inNetwork', 'outOfNetwork'];
    default:
      return ['unknownNetwork'];
  }
}
