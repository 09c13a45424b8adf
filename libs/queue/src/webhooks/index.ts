export * from './webhook-jobs';
export * from './webhook-notifier';
export * from './webhook-signature';
export * from './callback-policy';
