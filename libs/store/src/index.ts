export * from './verification-record';
export * from './record-cipher';
export * from './redis-connection';
export * from './verification.store';
export * from './verification-events';
export * from './store.module';
