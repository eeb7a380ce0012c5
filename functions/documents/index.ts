/**
 * The bloc's official documents (SPEC §5), made from the cycle's dossier (functions/dossier/): the score
 * summary (XLSX), the minutes of the vote (DOCX) and the proposal to the province (DOCX); and the leader
 * unit's two report drafts (báo cáo sơ kết, báo cáo tổng kết, DOCX) for it to edit. Always in
 * Vietnamese: they are administrative documents, whatever language the cycle's emails use. Imports only
 * functions/domain/ and functions/dossier/: the callers read the dossier.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isScored, type Dossier, type ScoredDossier } from '../dossier/index.js';
import { DOCX_TYPE, XLSX_TYPE } from './content-types.js';

export { DOCX_TYPE, XLSX_TYPE };
export { DocumentError } from './errors.js';

export type DocumentKind = 'scoreSummary' | 'meetingMinutes' | 'awardProposal';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['scoreSummary', 'meetingMinutes', 'awardProposal'];

/** The leader unit's report drafts: not official documents, never attached to an email. */
export type DraftKind = 'midYearReport' | 'yearReport';
export const DRAFT_KINDS: readonly DraftKind[] = ['midYearReport', 'yearReport'];

export interface DocumentFile {
  kind: DocumentKind | DraftKind;
  /** The document's Vietnamese title, for a list of downloads. */
  title: string;
  filename: string;
  contentType: string;
  content: Uint8Array;
}

// Each builder is imported when a document is first built: exceljs and docx are most of a bundle that has
// them, and most invocations of the functions that have them (pages, emails without attachments) build none.
const BUILDERS: Record<DocumentKind, { name: string; title: string; type: string; build: (d: ScoredDossier) => Promise<Uint8Array>; needsVote: boolean }> = {
  scoreSummary: { name: 'bang-tong-hop-ket-qua', title: 'Bảng tổng hợp kết quả chấm điểm', type: XLSX_TYPE, build: async (d) => (await import('./score-summary.js')).scoreSummaryXlsx(d), needsVote: false },
  meetingMinutes: { name: 'bien-ban-binh-xet', title: 'Biên bản họp bình xét, suy tôn', type: DOCX_TYPE, build: async (d) => (await import('./meeting-minutes.js')).meetingMinutesDocx(d), needsVote: true },
  awardProposal: { name: 'to-trinh-de-nghi-khen-thuong', title: 'Tờ trình đề nghị khen thưởng', type: DOCX_TYPE, build: async (d) => (await import('./award-proposal.js')).awardProposalDocx(d), needsVote: true },
};

/** The documents a cycle has so far (the summary once scored, all three once the vote is over), by title, without building them. */
export function availableDocuments(state: { scored: boolean; proposed: boolean }): { kind: DocumentKind; title: string }[] {
  return DOCUMENT_KINDS.filter((kind) => (BUILDERS[kind].needsVote ? state.proposed : state.scored)).map((kind) => ({ kind, title: BUILDERS[kind].title }));
}

/**
 * Builds the documents of `kinds` from a dossier, in that order. Those that need the vote (the minutes and
 * the proposal) are left out while the bloc has no proposal yet.
 */
export async function buildDocuments(dossier: ScoredDossier, kinds: readonly DocumentKind[] = DOCUMENT_KINDS): Promise<DocumentFile[]> {
  const files: DocumentFile[] = [];
  for (const kind of kinds) {
    const { name, title, type, build, needsVote } = BUILDERS[kind];
    if (needsVote && !dossier.vote.proposal) continue;
    const extension = type === XLSX_TYPE ? 'xlsx' : 'docx';
    files.push({ kind, title, filename: `${name}-${dossier.cycle.config.bloc.id}-${dossier.cycle.year}.${extension}`, contentType: type, content: await build(dossier) });
  }
  return files;
}

/** Writes a dossier's documents into `dir` (created if missing) and returns their paths. */
export async function writeDossier(dir: string, dossier: ScoredDossier): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const file of await buildDocuments(dossier)) {
    const path = join(dir, file.filename);
    await writeFile(path, file.content);
    paths.push(path);
  }
  return paths;
}

const DRAFTS: Record<DraftKind, { name: string; title: string; needsScores: boolean; build: (d: Dossier) => Promise<Uint8Array> }> = {
  midYearReport: { name: 'bao-cao-so-ket-6-thang', title: 'Báo cáo sơ kết 6 tháng (dự thảo)', needsScores: false, build: async (d) => (await import('./mid-year-report.js')).midYearReportDocx(d) },
  yearReport: { name: 'bao-cao-tong-ket-nam', title: 'Báo cáo tổng kết năm (dự thảo)', needsScores: true, build: async (d) => (await import('./year-report.js')).yearReportDocx(d as ScoredDossier) },
};

/** The report drafts a cycle has so far: the mid-year report from the start, the year report once scored. */
export function availableDrafts(state: { scored: boolean }): { kind: DraftKind; title: string }[] {
  return DRAFT_KINDS.filter((kind) => state.scored || !DRAFTS[kind].needsScores).map((kind) => ({ kind, title: DRAFTS[kind].title }));
}

/** Builds one report draft from a dossier; undefined when it is not available yet (the year report before scoring). */
export async function buildDraft(dossier: Dossier, kind: DraftKind): Promise<DocumentFile | undefined> {
  const { name, title, needsScores, build } = DRAFTS[kind];
  if (needsScores && !isScored(dossier)) return undefined;
  return { kind, title, filename: `${name}-${dossier.cycle.config.bloc.id}-${dossier.cycle.year}-du-thao.docx`, contentType: DOCX_TYPE, content: await build(dossier) };
}
