/**
 * The data layer: one DynamoDB table (docs/data-model.md). Every function takes the {@link Store}
 * context and explicit time; writes are conditional and raise the typed errors of ./errors.js.
 */
export * from './client.js';
export * from './errors.js';
export * from './items.js';
export * from './reads.js';
export * from './records.js';
export * from './table-schema.js';
export * from './blocs.js';
export * from './cycles.js';
export * from './cycle-view.js';
export * from './tasks.js';
export * from './forms.js';
export * from './ballots.js';
export * from './results.js';
export * from './approvals.js';
export * from './files.js';
export * from './links.js';
export * from './sessions.js';
export * from './outbox.js';
export * from './rate-limits.js';
export * from './province.js';
export * from './history.js';
