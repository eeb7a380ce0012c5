/**
 * The order test files start in: the longest first, so that the run does not end with one worker on a long
 * file and the other idle. Vitest orders by the last run's durations, kept in node_modules/.vite, and a
 * clean checkout (CI) has none: it then starts the largest files first, and a short file that plays three
 * yearly cycles would start near the end. Here a file's duration is the last run's when vitest kept it,
 * else the one in durations.json (milliseconds, from a whole run on CI's two cores; refresh it with
 * `npx tsx test/support/durations.ts <vitest log>`), else unknown, which goes first.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const recorded = JSON.parse(readFileSync(new URL('./durations.json', import.meta.url), 'utf8')) as Record<string, number>;

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const duration = (file: TestSpecification): number => {
      const path = relative(root, file.moduleId);
      return this.ctx.cache.getFileTestResults(`${file.project.name}:${path}`)?.duration ?? recorded[path] ?? Number.POSITIVE_INFINITY;
    };
    return [...files].sort((a, b) => duration(b) - duration(a));
  }
}
