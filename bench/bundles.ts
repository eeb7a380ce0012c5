/**
 * Each catalog function bundled as the CDK stack bundles it (infra/thidua-function.ts: NodejsFunction with
 * the local esbuild, ESM, minified, source map without sources, target node24, main fields module,main,
 * the createRequire banner, the AWS SDK bundled — no externals), its size, and its cold init: the import
 * of the bundle in a fresh Node.js process, as Lambda's init phase does it.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { FUNCTIONS } from '../functions/catalog.js';
import { REPO_ROOT, RUNTIME_TEMPLATE_DIRS } from '../infra/thidua-function.js';

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

/** Bundles every catalog function and measures it; `imports` fresh processes per function. */
export async function measureBundles(imports = 5): Promise<BundleFigure[]> {
  const outdir = await mkdtemp(join(tmpdir(), 'thidua-bench-bundles-'));
  try {
    const figures: BundleFigure[] = [];
    for (const spec of FUNCTIONS) {
      const dir = join(outdir, spec.name);
      const outfile = join(dir, 'index.mjs');
      await build({
        entryPoints: [join(REPO_ROOT, spec.entry)],
        bundle: true,
        platform: 'node',
        target: 'node24',
        format: 'esm',
        outfile,
        minify: true,
        sourcemap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
        logLevel: 'error',
      });
      await mkdir(join(dir, 'templates'), { recursive: true });
      for (const templates of RUNTIME_TEMPLATE_DIRS) await cp(join(REPO_ROOT, templates), join(dir, 'templates'), { recursive: true });
      const times = Array.from({ length: imports }, () => coldImportMs(outfile));
      figures.push({ name: spec.name, bytes: (await stat(outfile)).size, initMs: Math.round(median(times) * 10) / 10 });
    }
    return figures;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
