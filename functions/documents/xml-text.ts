/**
 * Text as the official documents write it into their XML: without the characters XML 1.0 cannot carry.
 * Input schemas refuse them (functions/domain/text.ts), but a cycle stored before they did, or text that
 * reaches a document by another road, must still give a workbook Excel and LibreOffice open.
 */
import type ExcelJS from 'exceljs';
import { XML_ILLEGAL } from '../domain/text.js';

const ALL_XML_ILLEGAL = new RegExp(XML_ILLEGAL.source, 'gu');

/** The text less every character XML 1.0 cannot carry. */
export const xmlText = (text: string): string => text.replace(ALL_XML_ILLEGAL, '');

/** Cleans every text cell of the workbook, just before it is written: one place for every sheet's cells. */
export function cleanWorkbookText(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) =>
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (typeof cell.value === 'string') cell.value = xmlText(cell.value);
      }),
    ),
  );
}
