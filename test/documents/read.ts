/** Reading the generated documents back as a person (or LibreOffice) would see them. */
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';

const run = promisify(execFile);

/** The text of a DOCX body: one line per paragraph (table cells included), entities decoded. */
export function docxText(content: Uint8Array): string {
  return paragraphsText(strFromU8(unzipSync(content)['word/document.xml']!));
}

/** The text of each table cell of a DOCX, one line per paragraph. */
export function docxCells(content: Uint8Array): string[] {
  const xml = strFromU8(unzipSync(content)['word/document.xml']!);
  return [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, cell]) => paragraphsText(cell!));
}

function paragraphsText(xml: string): string {
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

export async function readXlsx(content: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(content) as unknown as ArrayBuffer);
  return workbook;
}

/** The values of a sheet's row, by 1-based column. */
export function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return (sheet.getRow(row).values as unknown[]).slice(1);
}

/** Whether a command is on the PATH. */
export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/**
 * Converts the files in `dir` to PDF with LibreOffice, as a reader opening them would see them, and returns
 * the PDFs' paths. Its own profile, so that conversions running at the same time do not share LibreOffice's lock.
 */
export async function convertToPdf(dir: string, files: string[]): Promise<string[]> {
  await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files.map((f) => join(dir, f))], { timeout: 120_000 });
  return files.map((f) => join(dir, f.replace(/\.(xlsx|docx)$/, '.pdf')));
}

/** The text of a PDF as pdftotext reads it, or of one of its pages (from 1). */
export async function pdfText(path: string, page?: number): Promise<string> {
  const { stdout } = await run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), path, '-']);
  return stdout;
}

/** How many pages a PDF has. */
export async function pdfPages(path: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [path]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
}

/**
 * How many times `phrase` stands in a PDF's text unbroken: its words separated by any white space (a line
 * may wrap between words), each word whole on one line. pdftotext puts a space, never a line break, inside
 * a word where the fallback font sets a Vietnamese letter apart ("T ỷ lệ"); a word broken at the end of a
 * line ("Khôn" / "g đạt") is split by a line break.
 */
export function countUnbroken(pdf: string, phrase: string): number {
  const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = (w: string) => [...w].map(escape).join(' ?');
  const pattern = phrase.split(/\s+/).filter(Boolean).map(word).join('\\s+');
  return [...pdf.normalize('NFC').matchAll(new RegExp(`(?<=^|\\s)${pattern}(?=\\s|$)`, 'gu'))].length;
}
