export * from './transport';
export * from './core/core-envelope';
export * from './core/core-mime.transport';
export * from './create-transport';
