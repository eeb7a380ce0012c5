import { describe, expect, it } from 'vitest';
import { cyclesOf, importsOf, sourceFiles, type ImportEdge } from './import-graph.js';

/**
 * The layering of the code base (README, "Layout"), kept by a test: each rule lists the imports that break
 * it, so a failure names the file and what it imported.
 */
const edges = importsOf(['functions', 'local', 'infra', 'bench'].flatMap(sourceFiles));
const ours = edges.filter((edge) => !edge.external);
const under = (folder: string) => (path: string) => path === folder || path.startsWith(`${folder}/`);
const show = (found: ImportEdge[]) => found.map(({ from, to }) => `${from} → ${to}`);

/** The folder an import rule speaks of: `functions/web`, `local/stepfunctions`, `infra`. */
function folderOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'functions' || (parts[0] === 'local' && parts[1] === 'stepfunctions')) return parts.length > 2 ? parts.slice(0, 2).join('/') : path;
  return parts[0]!;
}

describe('the import rules', () => {
  it('keeps the domain core free of I/O: it imports only itself, zod and node:crypto', () => {
    const allowed = new Set(['zod', 'node:crypto']);
    const found = edges.filter((e) => under('functions/domain')(e.from) && (e.external ? !allowed.has(e.to) : !under('functions/domain')(e.to)));
    expect(show(found)).toEqual([]);
  });

  it('keeps the local Step Functions runtime independent of the product: it imports nothing from functions/ or the rest of local/', () => {
    const found = ours.filter((e) => under('local/stepfunctions')(e.from) && !under('local/stepfunctions')(e.to));
    expect(show(found)).toEqual([]);
  });

  it('keeps functions/ deployable alone: it imports nothing from local/, test/ or bench/', () => {
    const found = ours.filter((e) => under('functions')(e.from) && ['local', 'test', 'bench'].some((folder) => under(folder)(e.to)));
    expect(show(found)).toEqual([]);
  });

  it('keeps the documents on the read model: documents/ imports only domain/ and dossier/ of ours', () => {
    const found = ours.filter((e) => under('functions/documents')(e.from) && !['functions/documents', 'functions/domain', 'functions/dossier'].some((folder) => under(folder)(e.to)));
    expect(show(found)).toEqual([]);
  });

  /** The README's layout table: what each area of functions/ may import of ours (besides itself). */
  const AREA_IMPORTS: Record<string, string[]> = {
    store: ['domain'],
    links: ['store', 'audit'],
    mail: ['store', 'domain', 'shared'],
    audit: ['store'],
    cycle: ['domain', 'store', 'links', 'mail', 'audit', 'dossier', 'documents', 'shared'],
    dossier: ['domain', 'store'],
    files: ['domain', 'store', 'links', 'audit', 'shared'],
    shared: [],
  };
  it.each(Object.entries(AREA_IMPORTS))('keeps functions/%s to the areas the layout table allows it', (area, allowed) => {
    const folders = [area, ...allowed].map((folder) => `functions/${folder}`);
    // deps.ts is the composition root: it builds the store, the mailer and the clients every function shares.
    const found = ours.filter((e) => under(`functions/${area}`)(e.from) && e.from !== 'functions/shared/deps.ts' && !folders.some((folder) => under(folder)(e.to)));
    expect(show(found)).toEqual([]);
  });

  it('keeps the state machine description self-contained: workflows/ imports only itself and node:', () => {
    const found = importsOf(sourceFiles('workflows')).filter((e) => (e.external ? !e.to.startsWith('node:') : !under('workflows')(e.to)));
    expect(show(found)).toEqual([]);
  });

  it('keeps the CDK app off the local stack', () => {
    expect(show(ours.filter((e) => under('infra')(e.from) && under('local')(e.to)))).toEqual([]);
  });

  it('lets only handlers import a handler file', () => {
    const found = ours.filter((e) => under('functions/handlers')(e.to) && under('functions')(e.from) && !under('functions/handlers')(e.from));
    expect(show(found)).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(cyclesOf(ours)).toEqual([]);
  });

  it('has no import cycle between the folders of functions/ (the dependencies, built in functions/shared/deps.ts, wire them all)', () => {
    const compositionRoot = 'functions/shared/deps.ts';
    const folderEdges = ours
      .filter((e) => under('functions')(e.from) && under('functions')(e.to) && e.from !== compositionRoot)
      .map((e) => ({ from: folderOf(e.from), to: folderOf(e.to) }))
      .filter((e) => e.from !== e.to);
    expect(cyclesOf(folderEdges)).toEqual([]);
  });
});
