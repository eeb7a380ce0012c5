import * as z from 'zod';

/**
 * Free text ("văn bản tự do") a person types: names, reasons, notes, decision numbers, the pledge. The
 * official documents are XML (XLSX, DOCX), and XML 1.0 cannot carry C0 control characters other than tab
 * and line breaks, U+FFFE, U+FFFF or a lone surrogate: one such character made the results workbook and
 * the minutes unreadable. They are refused here, at input, with a message naming the field, and removed
 * again where documents are built (functions/documents/xml-text.ts) from what was stored before.
 */
export const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;

export const XML_ILLEGAL_MESSAGE = 'must not contain control characters or invalid Unicode (U+0000–U+001F other than tab and line breaks, U+FFFE, U+FFFF, a lone surrogate)';

/** A string of free text: what z.string() gives, less the characters no document can hold. */
export const freeText = () => z.string().refine((value) => !XML_ILLEGAL.test(value), { error: XML_ILLEGAL_MESSAGE });
