/** Reading the generated documents back as a person (or LibreOffice) would see them. */
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';

/** The text of a DOCX body: one line per paragraph (table cells included), entities decoded. */
export function docxText(content: Uint8Array): string {
  const xml = strFromU8(unzipSync(content)['word/document.xml']!);
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
