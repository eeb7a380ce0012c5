/** The local Step Functions runtime stands alone: it runs any state machine and knows nothing of Thi đua's functions. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const runtimeDir = fileURLToPath(new URL('../../local/stepfunctions/', import.meta.url));

describe('the local Step Functions runtime', () => {
  it('imports nothing from functions/', () => {
    const offenders = readdirSync(runtimeDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => /from\s+['"][^'"]*\bfunctions\//.test(readFileSync(`${runtimeDir}${file}`, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
