/**
 * The changes made to a bloc's settings ("nhật ký thay đổi"), newest first, as the bloc page lists them:
 * when, by whom and which parts (units, rules, the criteria sheet in force…) changed. Read from the
 * bloc's settings chain, where every save records the parts it changed, before and after.
 */
import { listAuditEvents } from '../audit/index.js';
import type { Store } from '../store/client.js';
import { blocSettingsChain } from '../store/keys.js';
import { PHRASES } from '../shared/phrases.js';
import type { Lang } from './http.js';

/** One saved change, in words; `at` is the ISO instant the template's `datetime` filter formats. */
export interface SettingsChangeRow {
  at: string;
  by: string;
  parts: string[];
}

/** How many changes the page shows: the latest, enough to answer "who changed the rules last". */
const SHOWN = 20;

/** The latest changes of a bloc's settings, each with the parts it changed named in `lang`. */
export async function blocSettingsChanges(store: Store, blocId: string, lang: Lang): Promise<SettingsChangeRow[]> {
  const words = PHRASES[lang].settingsChanges;
  const events = await listAuditEvents(store, blocSettingsChain(blocId));
  return events
    .slice(-SHOWN)
    .reverse()
    .map((event) => {
      const changed = Object.keys({ ...(event.before as object | undefined), ...(event.after as object | undefined) });
      const parts = event.action === 'bloc.created' ? [words.created] : [...new Set(changed.map((part) => words.parts[part as keyof typeof words.parts] ?? words.other))];
      return { at: event.at, by: event.actor.startsWith('admin:') ? event.actor.slice('admin:'.length) : words.system, parts };
    });
}
