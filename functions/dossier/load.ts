/** Reads a cycle's dossier: its whole partition in one query, then the pure build. */
import type { Store } from '../store/client.js';
import { loadCycle } from '../store/cycle-view.js';
import { dossierOf, type Dossier } from './dossier.js';

/** The dossier of a cycle; an unknown cycle is the store's NotFoundError. */
export async function loadDossier(store: Store, cycleId: string): Promise<Dossier> {
  return dossierOf(await loadCycle(store, cycleId));
}
