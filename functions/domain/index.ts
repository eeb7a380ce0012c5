/**
 * The domain core: the rules of the yearly emulation cycle as pure functions over zod-validated data.
 * No I/O and no clock reads: time comes in as an argument.
 */
export * from './errors.js';
export * from './text.js';
export * from './points.js';
export * from './format.js';
export * from './people.js';
export * from './bloc.js';
export * from './criteria-sheet.js';
export * from './default-sheet.js';
export * from './departments-sheet.js';
export * from './districts-sheet.js';
export * from './sheet-templates.js';
export * from './awarding.js';
export * from './rules.js';
export * from './timeline.js';
export * from './forms.js';
export * from './scoring.js';
export * from './awards.js';
export * from './vote.js';
export * from './cross-check.js';
export * from './cycle-plan.js';
export * from './outcome.js';
export * from './records.js';
export * from './history.js';
export * from './approval.js';
export * from './government-flag.js';
export * from './conference.js';
export * from './meeting.js';
export * from './secret-ballot.js';
