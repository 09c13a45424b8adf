export * from './redaction';
export * from './logger-options';
export * from './logging.module';
