/** Reading the signature blocks of the generated documents back, as the persons who sign them see them. */
import type ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';

/** One signature block: the capacity lines above the space for the signature, then the name and title under it. */
export interface SignatureBlock {
  capacity: string[];
  name: string;
  title: string;
}

const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('').replaceAll('&amp;', '&').trim();

/**
 * Every signature block of a DOCX: each table cell that leaves the space for a signature (the paragraph
 * with 70 pt after it, functions/documents/signature-block.ts), read as its lines above and below that space.
 */
export function docxSignatureBlocks(content: Uint8Array): SignatureBlock[] {
  const xml = strFromU8(unzipSync(content)['word/document.xml']!);
  return [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].flatMap(([, cell]) => {
    const paragraphs = cell!.split('</w:p>').slice(0, -1);
    const space = paragraphs.findIndex((p) => /w:after="1400"/.test(p));
    if (space < 0) return [];
    const [name = '', title = ''] = paragraphs.slice(space + 1).map(textOf);
    return [{ capacity: paragraphs.slice(0, space).map(textOf).filter(Boolean), name, title }];
  });
}

/**
 * The score summary's signature blocks: the last six rows of its sheet, name and title last; each block is
 * a run of merged cells, which all read as the first one's value.
 */
export function xlsxSignatureBlocks(sheet: ExcelJS.Worksheet): SignatureBlock[] {
  const last = sheet.rowCount;
  const row = (r: number) => ((sheet.getRow(r).values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v))));
  const names = row(last - 1);
  const starts = names.flatMap((v, i) => (v && v !== names[i - 1] ? [i] : []));
  return starts.map((col) => ({
    capacity: [last - 5, last - 4, last - 3, last - 2].map((r) => row(r)[col] ?? '').filter(Boolean),
    name: names[col]!,
    title: row(last)[col] ?? '',
  }));
}
