/**
 * `npm run build:asl`: writes workflows/cycle.asl.json from its description in workflows/cycle.ts. The
 * output is committed because CDK and the local stack load the file itself, without running TypeScript.
 */
import { writeFileSync } from 'node:fs';
import { render } from './asl.js';
import { CYCLE_ASL_FILE, cycle } from './cycle.js';

writeFileSync(CYCLE_ASL_FILE, render(cycle));
console.log(`wrote ${CYCLE_ASL_FILE}`);
