// The configuration without its Nest module, for programs that must start fast (the bvs CLI).
export * from './app-config';
export * from './load-config';
export * from './boot-failure';
export * from './process-flags';
