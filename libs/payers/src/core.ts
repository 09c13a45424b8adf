// The payer directory without its Nest module, for programs that must start fast (the bvs CLI).
export * from './payer-entry';
export * from './payer-directory.data';
export * from './payer-directory';
