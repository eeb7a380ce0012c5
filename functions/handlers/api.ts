/** JSON endpoints for scripts: each route calls one endpoint of functions/web/api.ts with the shared clients. */
import { sharedDeps } from '../shared/deps.js';
import * as api from '../web/api.js';
import * as files from '../web/files.js';
import type { HttpEvent, HttpResult } from '../web/http.js';
import { httpHandler } from '../web/middleware.js';
import type { CycleDeps } from '../shared/deps.js';

const route = (method: 'GET' | 'POST' | 'PUT', path: string, run: (deps: CycleDeps, event: HttpEvent) => Promise<HttpResult>) => ({
  method,
  path,
  handler: async (event: HttpEvent) => run(sharedDeps(), event),
});

export const handler = httpHandler(
  [
    route('GET', '/api/links/{id}', api.getLink),
    route('POST', '/api/links/{id}', api.postLink),
    route('GET', '/api/links/{id}/files', files.listLinkFiles),
    route('POST', '/api/links/{id}/files', files.issueUploadEndpoint),
    route('GET', '/api/links/{id}/files/{fileId}', files.openLinkFile),
    route('POST', '/api/links/{id}/files/{uploadId}', files.confirmUploadEndpoint),
    route('POST', '/api/signin', api.requestSignInLink),
    route('POST', '/api/signin/{id}', api.signInWithLink),
    route('GET', '/api/admin/blocs', api.listBlocsEndpoint),
    route('PUT', '/api/admin/blocs/{blocId}', api.putBlocEndpoint),
    route('GET', '/api/admin/cycles', api.listCycles),
    route('POST', '/api/admin/cycles', api.startCyclesEndpoint),
    route('GET', '/api/admin/cycles/{cycleId}', api.getCycle),
    route('POST', '/api/admin/cycles/{cycleId}/deadline', api.extendDeadlineEndpoint),
    route('POST', '/api/admin/cycles/{cycleId}/reopen', api.reopenEndpoint),
    route('POST', '/api/admin/cycles/{cycleId}/eligibility', api.eligibilityEndpoint),
    route('GET', '/api/admin/cycles/{cycleId}/audit', api.auditEndpoint),
    route('GET', '/api/admin/cycles/{cycleId}/files', files.listCycleFiles),
    route('GET', '/api/admin/cycles/{cycleId}/files/{fileId}', files.openCycleFile),
  ],
  'json',
);
