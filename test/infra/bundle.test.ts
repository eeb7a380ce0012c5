import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertTemplatesMerge, FUNCTION_BUNDLING, ThiDuaFunction } from '../../infra/thidua-function.js';

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
    new ThiDuaFunction(stack, 'Render', {
      spec: { name: 'render', entry: 'test/infra/fixtures/render.ts', description: 'Renders an email and a page', memoryMb: 128, timeoutSeconds: 3 },
      environment: {},
    });
    app.synth();
    const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
    dir = join(outdir, `asset.${(fn!.Properties.Code.S3Key as string).replace(/\.zip$/, '')}`);
  }, 60_000);

  it('is one ESM file with its source map and the templates, nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map', 'templates']);
  });

  it('copies the templates with Node, not with POSIX shell commands, so bundling works on Windows too', () => {
    const commands = FUNCTION_BUNDLING.commandHooks.afterBundling('/repo', '/out');
    expect(commands.join(' ')).not.toMatch(/\b(mkdir|cp|rm|mv)\s/);
    expect(commands.join(' ')).toContain('copy-templates.mjs');
  });

  it('renders an email and a page from the templates shipped beside it, outside the repository', () => {
    const { email, page } = invokeBundle(dir) as { email: { subject: string; html: string; text: string }; page: { body: string } };
    expect(email.subject).not.toBe('');
    expect(email.html).toContain('https://thidua.example/signin/abc');
    expect(email.html).toContain('Ban Thi đua - Khen thưởng');
    expect(email.text).toContain('https://thidua.example/signin/abc');
    expect(page.body).toContain('<h1>Liên kết đã hết hạn</h1>');
  });
});

describe('a workflow function bundled by ThiDuaFunction', () => {
  it('carries no S3 SDK: only the functions that handle dossier files bundle it', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'thidua-bundle-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Workflow');
    new ThiDuaFunction(stack, 'BeginCycle', { spec: { name: 'begin-cycle', entry: 'functions/handlers/begin-cycle.ts', description: 'Begins a cycle', memoryMb: 256, timeoutSeconds: 30 }, environment: {} });
    app.synth();
    const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
    const bundle = readFileSync(join(outdir, `asset.${(fn!.Properties.Code.S3Key as string).replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8');
    // The S3 client names its service so in every request it builds; 600 KB came with it into every bundle.
    expect(bundle).not.toContain('AmazonS3');
    expect(bundle.length).toBeLessThan(500_000);
  }, 60_000);
});

describe('a catalog function without its handler file', () => {
  it('fails synth naming the function and the file', () => {
    const stack = new Stack(new App(), 'Missing');
    const spec = { name: 'ghost', entry: 'functions/handlers/ghost.ts', description: 'Missing', memoryMb: 128, timeoutSeconds: 3 };
    expect(() => new ThiDuaFunction(stack, 'Ghost', { spec, environment: {} })).toThrow('catalog function "ghost": its handler functions/handlers/ghost.ts does not exist');
  });
});

describe('the template folders merged into a bundle', () => {
  it('refuses two folders holding the same file, naming both', () => {
    const root = mkdtempSync(join(tmpdir(), 'thidua-templates-'));
    for (const dir of ['mail/templates/html', 'web/templates/html']) {
      mkdirSync(join(root, dir), { recursive: true });
      writeFileSync(join(root, dir, 'layout.njk'), '');
    }
    expect(() => assertTemplatesMerge(['mail/templates', 'web/templates'], root)).toThrow('templates/html/layout.njk is in both mail/templates and web/templates');
  });

  it('accepts the folders of this repository', () => {
    expect(() => assertTemplatesMerge()).not.toThrow();
  });
});

describe('the functions’ imports', () => {
  it('take zod as a namespace, which lets esbuild drop the parts no function uses (a named import keeps all 440 KB)', () => {
    const files = (readdirSync(join(import.meta.dirname, '../../functions'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const named = files.filter((f) => /import\s*\{\s*z\s*\}\s*from\s*'zod'/.test(readFileSync(join(import.meta.dirname, '../../functions', f), 'utf8')));
    expect(named).toEqual([]);
  });
});
