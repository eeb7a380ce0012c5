/** Downloading the bloc's documents (SPEC §5) from a page: the approver's and leader's links, the admin's cycle page. */
import { DOCUMENT_KINDS, DRAFT_KINDS, availableDocuments, availableDrafts, buildDocuments, buildDraft, type DocumentKind, type DraftKind } from '../documents/index.js';
import { loadCycleDossier, loadScoredDossier } from '../cycle/context.js';
import type { CycleDeps } from '../shared/deps.js';
import { CycleNotFoundError, StateRefusedError } from '../cycle/errors.js';
import type { Dossier } from '../dossier/index.js';
import { download, type HttpResult } from './http.js';

/** The documents a dossier has, for the page's list of downloads. */
export function documentsOf(dossier: Dossier | undefined): { name: DocumentKind; title: string }[] {
  if (!dossier) return [];
  return availableDocuments({ scored: dossier.scores !== undefined, proposed: dossier.vote.proposal !== undefined }).map((d) => ({ name: d.kind, title: d.title }));
}

/** The leader unit's report drafts a dossier has, for the page's list of downloads. */
export function draftsOf(dossier: Dossier | undefined): { name: DraftKind; title: string }[] {
  if (!dossier) return [];
  return availableDrafts(dossier).map((d) => ({ name: d.kind, title: d.title }));
}

/**
 * The file for one document of a cycle, or one report draft where the reader may have them (`drafts`: the
 * admin, the leader unit); an unknown one is a CycleNotFoundError, a not-yet-available one a StateRefusedError saying why.
 */
export async function documentDownload(deps: CycleDeps, cycleId: string, name: string, options: { drafts?: boolean } = {}): Promise<HttpResult> {
  if (options.drafts && DRAFT_KINDS.includes(name as DraftKind)) {
    const draft = await buildDraft(await loadCycleDossier(deps.store, cycleId), name as DraftKind);
    if (!draft) throw new StateRefusedError({ reason: 'draftNotReady' });
    return download(draft.filename, draft.contentType, draft.content);
  }
  if (!DOCUMENT_KINDS.includes(name as DocumentKind)) throw new CycleNotFoundError('document', name, 'name');
  const [file] = await buildDocuments(await loadScoredDossier(deps.store, cycleId), [name as DocumentKind]);
  if (!file) throw new StateRefusedError({ reason: 'documentNotReady' });
  return download(file.filename, file.contentType, file.content);
}
