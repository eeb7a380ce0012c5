/**
 * The pages units and approvers reach by emailed link (SPEC §2, §4): GET shows, POST acts. Each route
 * calls one function of functions/web/link-pages.ts with the container's shared clients.
 */
import { sharedDeps } from '../shared/deps.js';
import type { HttpEvent } from '../web/http.js';
import { landing, linkDocument, postLink, postReceiptCheck, showLink, showReceiptCheck } from '../web/link-pages.js';
import { filesPage, formUpload, linkFileRedirect } from '../web/files.js';
import { httpHandler } from '../web/middleware.js';

export const handler = httpHandler([
  { method: 'GET', path: '/', handler: async (event: HttpEvent) => landing(event) },
  { method: 'GET', path: '/l/{id}', handler: async (event: HttpEvent) => showLink(sharedDeps(), event) },
  { method: 'POST', path: '/l/{id}', handler: async (event: HttpEvent) => postLink(sharedDeps(), event) },
  { method: 'GET', path: '/l/{id}/documents/{name}', handler: async (event: HttpEvent) => linkDocument(sharedDeps(), event) },
  { method: 'GET', path: '/l/{id}/files', handler: async (event: HttpEvent) => filesPage(sharedDeps(), event) },
  { method: 'POST', path: '/l/{id}/files', handler: async (event: HttpEvent) => formUpload(sharedDeps(), event) },
  { method: 'GET', path: '/l/{id}/files/{fileId}', handler: async (event: HttpEvent) => linkFileRedirect(sharedDeps(), event) },
  { method: 'GET', path: '/ballot/{cycleId}', handler: async (event: HttpEvent) => showReceiptCheck(sharedDeps(), event) },
  { method: 'POST', path: '/ballot/{cycleId}', handler: async (event: HttpEvent) => postReceiptCheck(sharedDeps(), event) },
]);
