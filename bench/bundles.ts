/**
 * Each catalog function bundled by CDK itself — a {@link ThiDuaFunction} per function in a throwaway stack,
 * synthesized, so the bench cannot drift from the stack's bundling options — its size, and its cold init:
 * the import of the bundle in a fresh Node.js process, as Lambda's init phase does it.
 *
 * The bundles leave the AWS SDK (`@aws-sdk/*`, `@smithy/*`) to the nodejs24.x runtime. Here the repository's
 * node_modules stand in for the runtime's: each bundle's folder gets a `node_modules` link to them, so the
 * import loads the SDK from disk, unbundled, as Lambda does.
 *
 * `tsx bench/bundles.ts` (Node 24: `npm run bench:bundles`) measures and prints only this table.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTIONS } from '../functions/catalog.js';
import { REPO_ROOT, ThiDuaFunction } from '../infra/thidua-function.js';

export interface BundleFigure {
  name: string;
  /** index.mjs, without its source map. */
  bytes: number;
  /** Median of the import times in fresh processes. */
  initMs: number;
}

/** Imports the bundle in a new process and prints how long the import took. */
function coldImportMs(file: string): number {
  const script = `const began = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - began);`;
  const env = { ...process.env, AWS_REGION: 'ap-southeast-1', TABLE_NAME: 'thidua', POWERTOOLS_SERVICE_NAME: 'thidua', NODE_OPTIONS: '' };
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: tmpdir(), env, encoding: 'utf8' }).trim());
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Bundles every catalog function as the stack does, in one synth: the folder of each function's asset. */
function bundleAsTheStackDoes(outdir: string): Map<string, string> {
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bundles');
  const logicalIds = new Map<string, string>();
  for (const spec of FUNCTIONS) {
    const fn = new ThiDuaFunction(stack, `F${logicalIds.size}`, { spec, environment: {} });
    logicalIds.set(spec.name, stack.getLogicalId(fn.function.node.defaultChild as never));
  }
  app.synth();
  const resources = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  return new Map(
    [...logicalIds].map(([name, id]) => [name, join(outdir, `asset.${(resources[id]!.Properties.Code.S3Key as string).replace(/\.zip$/, '')}`)]),
  );
}

/** Bundles every catalog function and measures it; `imports` fresh processes per function. */
export async function measureBundles(imports = 5): Promise<BundleFigure[]> {
  const outdir = await mkdtemp(join(tmpdir(), 'thidua-bench-bundles-'));
  try {
    const figures: BundleFigure[] = [];
    for (const [name, dir] of bundleAsTheStackDoes(outdir)) {
      // The runtime provides the AWS SDK; the repository's node_modules stand in for it.
      await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const outfile = join(dir, 'index.mjs');
      const times = Array.from({ length: imports }, () => coldImportMs(outfile));
      figures.push({ name, bytes: (await stat(outfile)).size, initMs: Math.round(median(times) * 10) / 10 });
    }
    return figures;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const n = (value: number) => value.toLocaleString('en-US');
  console.log('| function | bytes | init ms |\n|---|---:|---:|');
  for (const b of await measureBundles()) console.log(`| ${b.name} | ${n(b.bytes)} | ${b.initMs} |`);
}
