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

/**
 * The leader unit's report drafts, and the minutes of the pledge and mid-year conferences once recorded:
 * none is attached to an email; the admin and the leader unit download them.
 */
export type DraftKind = 'midYearReport' | 'yearReport' | 'pledgeMinutes' | 'midYearMinutes';
export const DRAFT_KINDS: readonly DraftKind[] = ['midYearReport', 'yearReport', 'pledgeMinutes', 'midYearMinutes'];

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
    // Each document is 60-90 ms of CPU with no wait inside (zipping included): let the requests that came
    // meanwhile run between two of them rather than after all three (issue 20: the loop's longest runs).
    if (files.length > 0) await new Promise((resolve) => setImmediate(resolve));
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

type Needs = 'nothing' | 'scores' | 'pledge' | 'midYear';
const DRAFTS: Record<DraftKind, { name: string; title: string; needs: Needs; build: (d: Dossier) => Promise<Uint8Array> }> = {
  midYearReport: { name: 'bao-cao-so-ket-6-thang', title: 'Báo cáo sơ kết 6 tháng (dự thảo)', needs: 'nothing', build: async (d) => (await import('./mid-year-report.js')).midYearReportDocx(d) },
  yearReport: { name: 'bao-cao-tong-ket-nam', title: 'Báo cáo tổng kết năm (dự thảo)', needs: 'scores', build: async (d) => (await import('./year-report.js')).yearReportDocx(d as ScoredDossier) },
  pledgeMinutes: { name: 'bien-ban-hoi-nghi-ky-ket-giao-uoc', title: 'Biên bản hội nghị ký kết giao ước thi đua', needs: 'pledge', build: async (d) => (await import('./conference-minutes.js')).sittingMinutesDocx(d, 'pledge') },
  midYearMinutes: { name: 'bien-ban-hoi-nghi-so-ket', title: 'Biên bản hội nghị sơ kết 6 tháng', needs: 'midYear', build: async (d) => (await import('./conference-minutes.js')).sittingMinutesDocx(d, 'midYear') },
};

/** What the dossier has that the drafts need: its scores, and which of its pledge and mid-year conferences were recorded. */
const has = (dossier: Pick<Dossier, 'scores' | 'conferences'>, needs: Needs) =>
  needs === 'nothing' || (needs === 'scores' ? dossier.scores !== undefined : dossier.conferences.some((c) => c.kind === needs && c.record !== undefined));

/**
 * The drafts a cycle has so far: the mid-year report from the start, the year report once scored, a
 * conference's minutes once its record is in.
 */
export function availableDrafts(dossier: Pick<Dossier, 'scores' | 'conferences'>): { kind: DraftKind; title: string }[] {
  return DRAFT_KINDS.filter((kind) => has(dossier, DRAFTS[kind].needs)).map((kind) => ({ kind, title: DRAFTS[kind].title }));
}

/** Builds one draft from a dossier; undefined when it is not available yet (the year report before scoring, minutes before the record). */
export async function buildDraft(dossier: Dossier, kind: DraftKind): Promise<DocumentFile | undefined> {
  const { name, title, needs, build } = DRAFTS[kind];
  if (!has(dossier, needs) || (needs === 'scores' && !isScored(dossier))) return undefined;
  // The reports are drafts for the leader unit to edit; the minutes are the record as the secretary sent it.
  const draft = kind === 'midYearReport' || kind === 'yearReport' ? '-du-thao' : '';
  return { kind, title, filename: `${name}-${dossier.cycle.config.bloc.id}-${dossier.cycle.year}${draft}.docx`, contentType: DOCX_TYPE, content: await build(dossier) };
}
