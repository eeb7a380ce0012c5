/** The hash-chained audit trail. */
export * from './canonical-json.js';
export * from './trail.js';
