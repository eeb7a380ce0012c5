/**
 * The read model of a cycle (its dossier, "hồ sơ"): built once from the cycle's partition and read by the
 * pages, the documents, the emails and publishing. Imports only functions/domain/ and functions/store/.
 */
export * from './conferences.js';
export * from './dossier.js';
export * from './load.js';
export * from './participation.js';
export * from './province.js';
