/**
 * The middy chain every HTTP handler shares: Powertools logging with the Lambda context, security headers
 * on every response, and a last-resort error page so nothing escapes as API Gateway's bare 500.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpRouterHandler, { type Route } from '@middy/http-router';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { Context } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { json, langOf, type HttpEvent, type HttpResult } from './http.js';
import { problemOf } from './problems.js';
import { problemPage } from './link-pages.js';

/** Logs an error that reached the edge and answers with the error page (or JSON) it means. */
const lastResort = (format: 'html' | 'json') => ({
  onError: async function respondWithProblem(request: middy.Request<HttpEvent, HttpResult, Error, Context>) {
    const lang = langOf(request.event);
    const problem = problemOf(request.error, lang);
    if (problem.status >= 500) logger.error('request failed', { error: request.error as Error });
    request.response = format === 'json' ? json(problem.status, { error: problem }) : problemPage(problem, lang);
  },
});

/** Pages need no device or browser feature: deny the ones browsers know, without the noise of a long list. */
const permissionsPolicy = () => ({
  after: function denyFeatures(request: middy.Request<HttpEvent, HttpResult, Error, Context>) {
    if (request.response) request.response.headers = { ...request.response.headers, 'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' };
  },
});

/** An HTTP API handler routing `routes`, with the shared middleware. */
export function httpHandler(routes: Array<Route<HttpEvent, HttpResult>>, format: 'html' | 'json' = 'html') {
  return middy<HttpEvent, HttpResult, Error, Context>(httpRouterHandler<HttpEvent, HttpResult>({
    routes,
    notFoundResponse: () => (format === 'json' ? json(404, { error: { status: 404, code: 'notFound', message: 'Not Found', fields: [] } }) : { statusCode: 404, body: 'Not Found' }),
  }) as never)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpSecurityHeaders({ contentSecurityPolicy: false, reportTo: false, reportingEndpoints: false, permissionsPolicy: false, poweredBy: true }))
    .use(permissionsPolicy())
    .use(lastResort(format));
}
