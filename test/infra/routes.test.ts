import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../infra/routes.js';

describe('a catalog route', () => {
  it.each([
    ['GET /', 'GET', '/'],
    ['POST /l/{id}', 'POST', '/l/{id}'],
    ['GET /l/{id}/documents/{name}', 'GET', '/l/{id}/documents/{name}'],
    ['ANY /admin/{proxy+}', 'ANY', '/admin/{proxy+}'],
  ])('%s becomes an HTTP API route', (route, method, path) => {
    expect(parseRoute(route, 'link-pages')).toEqual({ method, path });
  });

  it.each(['get /l/{id}', 'GET l/{id}', 'FETCH /x', 'GET /a/{proxy+}/b', 'GET /a b', 'GET'])('rejects "%s", naming the function', (route) => {
    expect(() => parseRoute(route, 'link-pages')).toThrow(/catalog function "link-pages": route/);
  });
});
