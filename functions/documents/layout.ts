/**
 * The Vietnamese administrative layout shared by the bloc's DOCX documents (Nghị định 30/2020/NĐ-CP for
 * state bodies, Hướng dẫn 36-HD/VPTW for Party agencies): the header block with the issuing body on the
 * left and the national motto (or the Party header) on the right, the document number, the place and date
 * line, a centred title, numbered sections in Times New Roman 13–14 on A4 and tables (signature-block.ts
 * closes the documents).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type FileChild,
} from 'docx';
import { VIETNAM_UTC_OFFSET_MS } from '../domain/index.js';
import { xmlText } from './xml-text.js';

export const FONT = 'Times New Roman';
/** Half-points, as docx counts font sizes. */
const pt = (points: number) => points * 2;
/** A4 portrait: 210 × 297 mm; margins of NĐ 30/2020: top and bottom 20 mm, left 30 mm, right 15 mm. */
const PAGE = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 };
const TEXT_MM = PAGE.width - PAGE.left - PAGE.right;
/** The text width in twips, for table column widths. */
export const TEXT_WIDTH = convertMillimetersToTwip(TEXT_MM);

export type HeaderStyle = 'party' | 'state';

/** What the header block needs: who issues the document, its number and where and when. */
export interface Letterhead {
  style: HeaderStyle;
  /** The body above the issuer ("cơ quan chủ quản"), e.g. the bloc. */
  parent: string;
  /** The issuing body ("cơ quan ban hành"), e.g. the leader unit. */
  issuer: string;
  /** Kind code of the document: TTr (tờ trình), BB (biên bản). */
  kind: string;
  /** Short code of the issuer after the kind, e.g. "KTĐ" (khối thi đua). */
  issuerCode: string;
  province: string;
  /** The instant the document is dated; without one (a draft) the date is left blank for the office to fill in. */
  at?: string | undefined;
}

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}

/** A run of text; every text of the DOCX documents passes here, less what XML cannot carry. */
export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text: xmlText(text),
    font: FONT,
    size: pt(style.size ?? 14),
    ...(style.bold ? { bold: true } : {}),
    ...(style.italics ? { italics: true } : {}),
    ...(style.underline ? { underline: {} } : {}),
  });
}

/** A centred line of text. */
export function centred(text: string, style: RunStyle = {}, after = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, before: 0 }, children: [run(text, style)] });
}

/** The short horizontal rule under a header line or a title: an empty paragraph with a bottom border. */
export function rule(widthMm: number, availableMm: number, after = 120): Paragraph {
  const inset = convertMillimetersToTwip(Math.max(0, (availableMm - widthMm) / 2));
  return new Paragraph({
    indent: { left: inset, right: inset },
    spacing: { before: 0, after, line: 120, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 4 })],
  });
}

/**
 * "Đắk Lắk, ngày 05 tháng 01 năm 2027": day below 10 and months 1 and 2 take a leading zero (NĐ 30/2020).
 * Without an instant (a draft) the date is left blank: the office dates the document when it issues it.
 */
export function placeAndDate(province: string, at?: string): string {
  if (at === undefined) return `${province}, ngày      tháng      năm        `;
  const local = new Date(Date.parse(at) + VIETNAM_UTC_OFFSET_MS);
  const day = local.getUTCDate();
  const month = local.getUTCMonth() + 1;
  const dd = String(day).padStart(2, '0');
  const mm = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `${province}, ngày ${dd} tháng ${mm} năm ${local.getUTCFullYear()}`;
}

/** The document number left blank for the office to fill in when it issues it. */
export function documentNumber(style: HeaderStyle, kind: string, issuerCode: string): string {
  return style === 'party' ? `Số        -${kind}/${issuerCode}` : `Số:        /${kind}-${issuerCode}`;
}

/**
 * A borderless layout table (header block, signature block): one row of cells sharing the text width, and
 * above it, when given, a row across the whole width (`lead`, the closing sentence of the signature block).
 * Rows never split; fixed widths, so that no office program redistributes them.
 */
export function layoutTable(columns: Array<{ share: number; children: Paragraph[] }>, lead?: Paragraph[]): Table {
  const cell = (width: number, children: Paragraph[], span?: number) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: TableBorders.NONE,
      // The lead row's text lines up with the body's paragraphs: no cell margin.
      ...(span ? { columnSpan: span, margins: { left: 0, right: 0 } } : {}),
      children,
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: columns.map((c) => Math.round(TEXT_WIDTH * c.share)),
    borders: TableBorders.NONE,
    rows: [
      ...(lead ? [new TableRow({ cantSplit: true, children: [cell(TEXT_WIDTH, lead, columns.length)] })] : []),
      new TableRow({ cantSplit: true, children: columns.map((c) => cell(Math.round(TEXT_WIDTH * c.share), c.children)) }),
    ],
  });
}

/** The header block: issuer and number on the left; motto (or Party header) and place/date on the right. */
export function letterhead(head: Letterhead): Table {
  const leftShare = 0.42;
  const leftMm = TEXT_MM * leftShare;
  const rightMm = TEXT_MM - leftMm;
  const left = [
    centred(head.parent.toUpperCase(), { size: 13 }),
    centred(head.issuer.toUpperCase(), { size: 13, bold: true }),
    head.style === 'party' ? centred('*', { size: 13 }, 60) : rule(25, leftMm, 60),
    centred(documentNumber(head.style, head.kind, head.issuerCode), { size: 13 }),
  ];
  const right =
    head.style === 'party'
      ? [centred('ĐẢNG CỘNG SẢN VIỆT NAM', { size: 15, bold: true }), rule(62, rightMm, 200)]
      : [centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }), centred('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true }), rule(58, rightMm, 200)];
  right.push(centred(placeAndDate(head.province, head.at), { size: 14, italics: true }));
  return layoutTable([
    { share: leftShare, children: left },
    { share: 1 - leftShare, children: right },
  ]);
}

/** The document's title: its kind in capitals, its subject below, a short rule under both. */
export function title(kind: string, subject: string[]): Paragraph[] {
  return [
    centred('', {}, 120),
    centred(kind, { bold: true, size: 14 }),
    ...subject.map((line) => centred(line, { bold: true, size: 14 })),
    rule(40, TEXT_MM, 240),
  ];
}

/** A body paragraph: justified, first line indented 1 cm, 6 pt after. */
export function para(children: string | TextRun[], options: { indent?: boolean; align?: 'left' | 'justified' | 'center'; keepNext?: boolean } = {}): Paragraph {
  const align = options.align === 'left' ? AlignmentType.LEFT : options.align === 'center' ? AlignmentType.CENTER : AlignmentType.JUSTIFIED;
  return new Paragraph({
    alignment: align,
    spacing: { before: 80, after: 120, line: 288 },
    ...(options.indent === false ? {} : { indent: { firstLine: convertMillimetersToTwip(10) } }),
    ...(options.keepNext ? { keepNext: true } : {}),
    children: typeof children === 'string' ? [run(children)] : children,
  });
}

/** A numbered heading: "I. THÀNH PHẦN" for sections, "1. Kết quả ..." for subsections. */
export function heading(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 120, after: 120 },
    indent: { firstLine: convertMillimetersToTwip(10) },
    keepNext: true,
    children: [run(text, { bold: true })],
  });
}

/** A numbered section of a document: its heading and what follows it. */
export interface Section {
  heading: string;
  body: Array<Paragraph | Table>;
}

/** Roman numerals for section numbers. */
export function roman(n: number): string {
  return ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][n - 1] ?? String(n);
}

/** Sections numbered I, II, III... in order, each heading in capitals. */
export function numbered(sections: Section[]): Array<Paragraph | Table> {
  return sections.flatMap((s, i) => [heading(`${roman(i + 1)}. ${s.heading}`), ...s.body]);
}

export interface Column {
  header: string;
  /** Share of the text width ({@link mm} for a width in millimetres); one column may leave it out and take what the others leave. */
  share?: number;
  align?: 'left' | 'center' | 'right';
}

/** A width in millimetres as a share of the text width: for columns sized to their longest word or number. */
export const mm = (millimetres: number) => millimetres / TEXT_MM;

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const cellMargins = { top: 40, bottom: 40, left: 80, right: 80 };

/**
 * A bordered data table in 13 pt: a bold header row repeated on each page, then one row per entry. Its
 * widths are fixed: left to fit its content, LibreOffice narrowed the number columns until words broke
 * inside ("Khôn-g đạt", "88,89 / %").
 */
export function dataTable(columns: Column[], rows: string[][]): Table {
  const rest = 1 - columns.reduce((sum, c) => sum + (c.share ?? 0), 0);
  const widths = columns.map((c) => Math.round(TEXT_WIDTH * (c.share ?? rest)));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: cellMargins,
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : ALIGN[columns[i]!.align ?? 'left'],
          spacing: { before: 0, after: 0 },
          children: [run(text, { size: 13, bold: header })],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.header, i, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, i, false)) })),
    ],
  });
}

/** Packs the body into an A4 DOCX in Times New Roman 14, page numbers centred at the top from page 2. */
export async function packDocx(meta: { title: string; subject: string }, body: FileChild[]): Promise<Uint8Array> {
  const document = new Document({
    title: xmlText(meta.title),
    subject: xmlText(meta.subject),
    creator: 'Thi đua',
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: convertMillimetersToTwip(PAGE.width), height: convertMillimetersToTwip(PAGE.height) },
            margin: {
              top: convertMillimetersToTwip(PAGE.top),
              bottom: convertMillimetersToTwip(PAGE.bottom),
              left: convertMillimetersToTwip(PAGE.left),
              right: convertMillimetersToTwip(PAGE.right),
              header: convertMillimetersToTwip(10),
            },
          },
        },
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })] })] }),
          first: new Header({ children: [] }),
        },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
