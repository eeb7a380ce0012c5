import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs one of the project's CLIs as `npm run` does, without starting anything it would start. */
const run = (cli: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('the command lines of npm run demo and npm run sfn-local', () => {
  it('prints the demo\'s usage for --help and exits 0', () => {
    const result = run('local/simulate/cli.ts', '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('usage: npm run demo -- [options]');
    expect(result.stdout).toContain('--vote meeting|online');
  });

  it('answers an unknown option of the demo with one line and the usage, exit code 2, no stack trace', () => {
    const result = run('local/simulate/cli.ts', '--bogus');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--bogus'");
    expect(result.stderr).toContain('usage: npm run demo');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers an option of the local runtime given no value with the usage, exit code 2', () => {
    const result = run('local/stepfunctions/cli.ts', '--port');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: npm run sfn-local');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
