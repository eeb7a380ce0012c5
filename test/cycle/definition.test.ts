/** The state machine's JSON is generated from its description; the committed file must be the output. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { render } from '../../workflows/asl.js';
import { CYCLE_ASL_FILE, cycle } from '../../workflows/cycle.js';

describe('workflows/cycle.asl.json', () => {
  it('is what npm run build:asl writes from workflows/cycle.ts', () => {
    expect(readFileSync(CYCLE_ASL_FILE, 'utf8'), 'stale: run npm run build:asl and commit the JSON').toBe(render(cycle));
  });
});
