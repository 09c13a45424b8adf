export * from './transitions';
export * from './events';
export * from './reduce';
export * from './effects';
export * from './derive-summary';
export * from './lifecycle';
export * from './deadline';
