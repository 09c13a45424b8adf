export * from './queue-names';
export * from './job-options';
export * from './queue.module';
export * from './bull-connection';
export * from './webhooks';
export * from './verification-jobs';
