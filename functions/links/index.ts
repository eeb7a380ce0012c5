/** Emailed links: opaque ids mapped server-side, resolved for GET, consumed once for POST. */
export * from './errors.js';
export * from './link.js';
export * from './links.js';
