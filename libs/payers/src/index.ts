export * from './payer-entry';
export * from './payer-directory.data';
export * from './payer-directory';
export * from './payers.module';
export * from './not-accepted';
