/**
 * fetch for the demo's and the bench's clients, retrying a request whose connection failed before an
 * answer came: a keep-alive socket the server was closing as the request went out (ECONNRESET, "other
 * side closed"), or a server that was not listening yet. One reset used to end a four-minute province
 * drill. Every request these clients send is safe to repeat: the API acknowledges a repeated submission
 * as a repeat, reads change nothing, and the clock only moves forward.
 */

/** Codes of a connection that failed, as Node's fetch (undici) reports them in `cause`. */
const CONNECTION_FAILED = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const ATTEMPTS = 4;

/** `fetch`, with up to three more attempts (after 50, 100, 200 ms) when the connection failed. */
export async function fetchRetrying(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= ATTEMPTS || !connectionFailed(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    }
  }
}

function connectionFailed(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return error instanceof TypeError && typeof cause?.code === 'string' && CONNECTION_FAILED.has(cause.code);
}
