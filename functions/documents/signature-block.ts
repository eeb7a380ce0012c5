/**
 * The closing block of the bloc's DOCX documents: the last sentence, then the recipients ("Nơi nhận") or a
 * second signatory, and the signatory, each named under the space left for the signature (and seal).
 */
import { Paragraph, type Table } from 'docx';
import { centred, layoutTable, para, run } from './layout.js';
import { NAME_LINE } from './wording.js';

export interface Signatory {
  /** Lines above the signature, in capitals and bold: "TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI". */
  capacity: string[];
  /**
   * The person who signs, printed by name under the space left for the signature (and seal), with their
   * title in their unit. Without one recorded, a dotted line is left for the name: never the unit's name.
   */
  person?: { name: string; title: string } | undefined;
}


/** A signatory's block; `lines` pads the capacity so that two blocks side by side align. */
const signatureCell = (s: Signatory, lines = s.capacity.length) => [
  ...s.capacity.map((line) => centred(line, { bold: true, size: 14 })),
  ...Array.from({ length: lines - s.capacity.length }, () => centred('', { size: 14 })),
  centred('', {}, 1400),
  centred(s.person?.name ?? NAME_LINE, { bold: true, size: 14 }),
  ...(s.person ? [centred(s.person.title, { italics: true, size: 13 })] : []),
];

/**
 * The closing block: the document's last sentence (`closing`), then recipients ("Nơi nhận") or a second
 * signatory on the left and the signatory on the right. The sentence is the block's first row, kept with
 * the signatures (each row unsplit, the sentence `keepNext`): LibreOffice does not keep a paragraph with a
 * table that follows it, so a sentence outside the table let the signatures fall alone on a new page.
 */
export function signatures(closing: string, left: { recipients: string[] } | Signatory, right: Signatory): Table {
  const lines = Math.max(right.capacity.length, 'recipients' in left ? 0 : left.capacity.length);
  const leftChildren =
    'recipients' in left
      ? [
          new Paragraph({ spacing: { before: 0, after: 0 }, children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }),
          ...left.recipients.map((r) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(`- ${r}`, { size: 11 })] })),
        ]
      : signatureCell(left, lines);
  const lead = [para(closing, { keepNext: true }), new Paragraph({ keepNext: true, spacing: { before: 0, after: 120 }, children: [run('', { size: 8 })] })];
  return layoutTable(
    [
      { share: 0.45, children: leftChildren },
      { share: 0.55, children: signatureCell(right, lines) },
    ],
    lead,
  );
}
