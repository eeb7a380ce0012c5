/**
 * The catalog's HTTP routes ("GET /l/{id}", "ANY /admin/{proxy+}") as HTTP API routes. A route that
 * cannot be an HTTP API route fails synth naming the route and the function.
 */
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';

export interface CatalogRoute {
  method: HttpMethod;
  path: string;
}

const METHODS = new Set<string>(Object.values(HttpMethod));
/** Literal segments, `{param}`, and a final greedy `{proxy+}`. */
const PATH = /^\/$|^(\/([A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\}))*(\/\{[A-Za-z_][A-Za-z0-9_]*\+\})?$/;

/** Parses one "METHOD /path" of a catalog function. */
export function parseRoute(route: string, functionName: string): CatalogRoute {
  const [method, path, ...rest] = route.trim().split(/\s+/);
  if (!method || !METHODS.has(method) || !path || rest.length > 0 || !PATH.test(path)) {
    throw new Error(`catalog function "${functionName}": route "${route}" must be "METHOD /path" (METHOD one of ${[...METHODS].join(', ')}; path segments, {param}, a final {proxy+})`);
  }
  return { method: method as HttpMethod, path };
}
