import * as z from 'zod';
import type { CriteriaSheet } from './criteria-sheet.js';
import { defaultCriteriaSheet } from './default-sheet.js';
import { departmentsCriteriaSheet } from './departments-sheet.js';
import { districtsCriteriaSheet } from './districts-sheet.js';

/**
 * The built-in criteria sheets an admin starts a bloc from, one per kind of bloc: the Party agencies
 * (today's default sheet), the provincial departments and agencies, a cluster of districts. The admin
 * picks one, then edits it in Excel and imports it back. Their names are in the admin phrase book.
 */
export const SheetTemplateIdSchema = z.enum(['party', 'departments', 'districts'], { error: 'choose one of the criteria sheet templates' });
export type SheetTemplateId = z.infer<typeof SheetTemplateIdSchema>;

export const SHEET_TEMPLATES: Readonly<Record<SheetTemplateId, CriteriaSheet>> = {
  party: defaultCriteriaSheet,
  departments: departmentsCriteriaSheet,
  districts: districtsCriteriaSheet,
};

/** The template's sheet. */
export function sheetTemplate(id: SheetTemplateId): CriteriaSheet {
  return SHEET_TEMPLATES[id];
}
