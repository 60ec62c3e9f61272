export * from './errors.js';
export * from './session.js';
export type * from './sdk-shape.js';
export * from './context.js';
