/** The dossier's files on S3: purposes and their limits, uploads checked before they are recorded, downloads. */
export * from './access.js';
export * from './errors.js';
export * from './files.js';
export * from './purposes.js';
