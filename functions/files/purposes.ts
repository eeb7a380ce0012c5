/**
 * What a file of the dossier can be for (SPEC §5), with the limits of each purpose: the media types it
 * accepts (checked by magic bytes, never by name) and its size cap; and which emailed links may add one.
 */
import * as z from 'zod';

/** The media types the dossier accepts, by what the file's first bytes say it is. */
export const MEDIA = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type MediaExtension = keyof typeof MEDIA;

const MB = 1024 * 1024;
/** The cap when a purpose names none. */
export const DEFAULT_MAX_BYTES = 20 * MB;
/**
 * The cap of the plain form upload (no JavaScript): the file passes through the API and Lambda, whose
 * request payload is 6 MB, base64 included.
 */
export const FORM_UPLOAD_MAX_BYTES = 4 * MB;

export const FILE_PURPOSES = ['evidence', 'achievementReport', 'signedMinutes', 'signedProposal', 'revisionAttachment'] as const;
export const FilePurposeSchema = z.enum(FILE_PURPOSES);
export type FilePurpose = z.infer<typeof FilePurposeSchema>;

export interface PurposeRules {
  accepts: readonly MediaExtension[];
  maxBytes: number;
  /** The links (by their purpose) through which a unit adds this kind of file for itself. */
  addedThrough: readonly string[];
  /** Evidence belongs to a criterion of the sheet; the other files to the unit (or the bloc) as a whole. */
  needsCriterion: boolean;
}

const documents: readonly MediaExtension[] = ['pdf', 'jpg', 'png', 'docx', 'xlsx'];
const scans: readonly MediaExtension[] = ['pdf', 'jpg', 'png'];

export const PURPOSES: Record<FilePurpose, PurposeRules> = {
  /** Minh chứng: evidence for one criterion of the self-assessment. */
  evidence: { accepts: documents, maxBytes: DEFAULT_MAX_BYTES, addedThrough: ['midYear', 'selfAssessment', 'revision'], needsCriterion: true },
  /** Báo cáo thành tích: a nominee's achievement report, asked for after the vote. */
  achievementReport: { accepts: ['pdf', 'docx'], maxBytes: DEFAULT_MAX_BYTES, addedThrough: ['dossierFiles', 'ballot', 'leaderDecision', 'revision'], needsCriterion: false },
  /**
   * The minutes of the meeting, signed and sealed, scanned: the leader unit's (its officer is the bloc's
   * secretary) through its dossier-files link, or through the secretary's link to record the conference.
   */
  signedMinutes: { accepts: scans, maxBytes: DEFAULT_MAX_BYTES, addedThrough: ['dossierFiles', 'meetingRecord', 'leaderDecision', 'revision'], needsCriterion: false },
  /** Tờ trình, signed by the leader unit's head and sealed, scanned. */
  signedProposal: { accepts: scans, maxBytes: DEFAULT_MAX_BYTES, addedThrough: ['dossierFiles', 'leaderDecision', 'revision'], needsCriterion: false },
  /** What the leader adds when the approver returns the dossier for revision. */
  revisionAttachment: { accepts: documents, maxBytes: DEFAULT_MAX_BYTES, addedThrough: ['revision'], needsCriterion: false },
};

/** The extension a media type stands for among those a purpose accepts, or undefined. */
export function extensionOf(mediaType: string, accepts: readonly MediaExtension[]): MediaExtension | undefined {
  return accepts.find((ext) => MEDIA[ext] === mediaType);
}
