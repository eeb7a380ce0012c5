/**
 * The project's import graph, read from the source with TypeScript's own pre-processor (no type check):
 * every relative import resolved to a file, every package import by its package name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../..');

/** One import of one file. */
export interface ImportEdge {
  /** The importing file, relative to the repository (`functions/web/api.ts`). */
  from: string;
  /** The imported file relative to the repository, or the package name (`zod`, `node:crypto`, `@aws-sdk/client-ses`). */
  to: string;
  /** Whether `to` is a package rather than a file of ours. */
  external: boolean;
}

/** Every `.ts` file under `folder` (relative to the repository), node_modules left out. */
export function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(ROOT, dir))) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
    }
  };
  walk(folder);
  return out.sort();
}

function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The imports (static, dynamic and `export … from`) of each file. */
export function importsOf(files: readonly string[]): ImportEdge[] {
  return files.flatMap((from) => {
    const info = ts.preProcessFile(readFileSync(join(ROOT, from), 'utf8'), true, true);
    return info.importedFiles.map(({ fileName }) => {
      if (!fileName.startsWith('.')) return { from, to: packageName(fileName), external: true };
      const target = relative(ROOT, resolve(ROOT, dirname(from), fileName)).replace(/\.js$/, '.ts');
      return { from, to: target, external: false };
    });
  });
}

/** The strongly connected components of more than one node (import cycles), by Tarjan's algorithm. */
export function cyclesOf(edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
