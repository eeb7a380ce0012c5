/**
 * The admin console (SPEC §2): sign-in by emailed link, cycles and their progress, starting cycles,
 * interventions, the dossier and the audit trail. Each route calls one page function of
 * functions/web/ (admin-pages.ts, admin-cycle.ts, bloc-pages.ts, the province's pages) with the container's shared clients.
 */
import { sharedDeps } from '../shared/deps.js';
import * as pages from '../web/admin-pages.js';
import * as cycles from '../web/admin-cycle.js';
import * as blocs from '../web/bloc-pages.js';
import * as province from '../web/province-pages.js';
import * as board from '../web/province-board.js';
import * as queue from '../web/province-queue.js';
import type { HttpEvent, HttpResult } from '../web/http.js';
import { adminFileRedirect } from '../web/files.js';
import { httpHandler } from '../web/middleware.js';

const route = (method: 'GET' | 'POST', path: string, run: (deps: ReturnType<typeof sharedDeps>, event: HttpEvent) => Promise<unknown>) => ({
  method,
  path,
  handler: async (event: HttpEvent) => run(sharedDeps(), event) as never,
});

export const handler = httpHandler([
  route('GET', '/signin', pages.signInForm),
  route('POST', '/signin', pages.signInRequest),
  route('GET', '/signin/{id}', pages.signInLink),
  route('POST', '/signin/{id}', pages.signInConfirm),
  route('GET', '/admin', pages.dashboard),
  route('POST', '/admin/signout', pages.signOutAction),
  route('POST', '/admin/cycles', pages.startAction),
  route('GET', '/admin/cycles/{cycleId}', cycles.cyclePage),
  route('GET', '/admin/cycles/{cycleId}/audit', pages.auditPage),
  route('GET', '/admin/cycles/{cycleId}/documents/{name}', pages.cycleDocument),
  route('GET', '/admin/cycles/{cycleId}/files/{fileId}', adminFileRedirect),
  route('POST', '/admin/cycles/{cycleId}/deadline', cycles.extendAction),
  route('POST', '/admin/cycles/{cycleId}/reopen', cycles.reopenAction),
  route('POST', '/admin/cycles/{cycleId}/eligibility', cycles.eligibilityAction),
  route('GET', '/admin/province', province.provincePage),
  route('GET', '/admin/province/queue', queue.approvalQueue),
  route('POST', '/admin/province/queue/{cycleId}', queue.decideAction),
  route('GET', '/admin/province/flag', province.governmentFlagPage),
  route('POST', '/admin/province/flag', province.governmentFlagAction),
  route('GET', '/admin/province/documents/{name}', province.provinceDocument),
  route('GET', '/admin/province/board', board.boardPage),
  route('POST', '/admin/province/board', board.saveBoardAction),
  route('GET', '/admin/blocs/{blocId}', blocs.blocPage),
  route('POST', '/admin/blocs/{blocId}', blocs.saveBlocAction),
  route('POST', '/admin/blocs/{blocId}/rules', blocs.saveRulesAction),
  route('GET', '/admin/blocs/{blocId}/sheet.xlsx', blocs.sheetDownload),
  route('POST', '/admin/blocs/{blocId}/sheet', blocs.sheetUpload),
  route('POST', '/admin/blocs/{blocId}/sheet-template', blocs.sheetTemplateAction),
]);
