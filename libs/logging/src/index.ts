export * from './redaction';
export * from './logger-options';
export * from './logging.module';
export * from './request-id';
export * from './boot-logger';
export * from './request-log';
