/** Email: templates in Vietnamese and English, the outbox and at-most-once sending through SES. */
export * from './errors.js';
export * from './kinds.js';
export * from './render.js';
export * from './mime.js';
export * from './outbox.js';
export * from './mailer.js';
export * from './compose.js';
export * from './send-events.js';
