// Copies the folders the handlers read at run time into a function's bundle: `node copy-templates.mjs
// <bundle dir> <folder>…`. Plain Node, so bundling works the same under bash, PowerShell or cmd.exe (the
// CDK runs command hooks in the platform's shell; `mkdir -p` and `cp -R` exist only in a POSIX one).
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [outputDir, ...folders] = process.argv.slice(2);
if (!outputDir || folders.length === 0) {
  console.error('usage: node copy-templates.mjs <bundle dir> <folder>…');
  process.exit(2);
}
const target = join(outputDir, 'templates');
mkdirSync(target, { recursive: true });
for (const folder of folders) cpSync(folder, target, { recursive: true });
