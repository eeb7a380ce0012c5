import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ThiDuaFunction } from '../../infra/thidua-function.js';

/** Runs the bundle's handler in a fresh Node.js process, as Lambda would load it. */
function invokeBundle(dir: string): unknown {
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)}); console.log(JSON.stringify(await handler({}, {})));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: tmpdir(), encoding: 'utf8' }));
}

describe('a function bundled by ThiDuaFunction', () => {
  let dir: string;

  beforeAll(() => {
    const outdir = mkdtempSync(join(tmpdir(), 'thidua-bundle-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundle');
    new ThiDuaFunction(stack, 'RenderEmail', {
      spec: { name: 'render-email', entry: 'test/infra/fixtures/render-email.ts', description: 'Renders one email', memoryMb: 128, timeoutSeconds: 3 },
      environment: {},
    });
    app.synth();
    const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
    dir = join(outdir, `asset.${(fn!.Properties.Code.S3Key as string).replace(/\.zip$/, '')}`);
  }, 60_000);

  it('is one ESM file with its source map and the mail templates, nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map', 'templates']);
  });

  it('renders an email from the templates shipped beside it, outside the repository', () => {
    const email = invokeBundle(dir) as { subject: string; html: string; text: string };
    expect(email.subject).not.toBe('');
    expect(email.html).toContain('https://thidua.example/signin/abc');
    expect(email.html).toContain('Ban Thi đua - Khen thưởng');
    expect(email.text).toContain('https://thidua.example/signin/abc');
  });
});

describe('a catalog function without its handler file', () => {
  it('fails synth naming the function and the file', () => {
    const stack = new Stack(new App(), 'Missing');
    const spec = { name: 'ghost', entry: 'functions/handlers/ghost.ts', description: 'Missing', memoryMb: 128, timeoutSeconds: 3 };
    expect(() => new ThiDuaFunction(stack, 'Ghost', { spec, environment: {} })).toThrow('catalog function "ghost": its handler functions/handlers/ghost.ts does not exist');
  });
});
