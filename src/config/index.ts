// The config module: option types (types.ts), their defaults (defaults.ts), the rules of each section
// and `resolveConfig`, which runs them all (resolve.ts), and the script tag's data-* conversion.
export * from './types';
export * from './defaults';
export { resolveConfig } from './resolve';
export { PROBLEMS } from './problems';
export { INSTRUMENTATION_NAMES } from './instrumentations';
export { configFromDataset } from './data-attributes';
