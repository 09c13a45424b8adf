export * from './app-config';
export * from './load-config';
export * from './config.module';
export * from './boot-failure';
export * from './boot-warnings';
export * from './process-flags';
export * from './center-config';
