export * from './recheck-jobs';
