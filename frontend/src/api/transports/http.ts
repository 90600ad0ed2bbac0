/**
 * HTTP transport (browser / remote mode): fetch to the same origin with a bearer token.
 * The token arrives once as `?token=` in the address, is kept in sessionStorage and removed from the
 * visible URL so it does not end up in bookmarks or screenshots.
 */
import { ApiError } from '../errors';
import type { Transport, TransportResponse } from '../transport';

const TOKEN_KEY = 'dipper.token';

/**
 * Read the token from `?token=` (storing it and cleaning the URL) or from sessionStorage.
 * @param win - The window to read from (injectable for tests).
 * @returns The token, or null when none was given.
 */
export function takeTokenFromLocation(win: Window = window): string | null {
  const url = new URL(win.location.href);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) {
    try {
      win.sessionStorage.setItem(TOKEN_KEY, fromQuery);
    } catch {
      // Storage unavailable: the token still works until the page is reloaded.
    }
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromQuery;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Create the HTTP transport.
 * @param options.token - Bearer token (defaults to the one taken from the address / session).
 * @param options.baseUrl - Origin prefix; empty means same origin.
 * @param options.fetchFn - fetch implementation (injectable for tests).
 */
export function createHttpTransport(
  options: { token?: string | null; baseUrl?: string; fetchFn?: typeof fetch } = {},
): Transport {
  const token = options.token === undefined ? takeTokenFromLocation() : options.token;
  const baseUrl = options.baseUrl ?? '';
  const fetchFn = options.fetchFn ?? ((input, init) => fetch(input, init));

  return {
    mediaBase: () => Promise.resolve({ baseUrl, token }),
    async request(method: string, path: string, body?: unknown): Promise<TransportResponse> {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let response: Response;
      try {
        response = await fetchFn(`${baseUrl}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        throw new ApiError(
          'NetworkError',
          'Cannot reach the Dipper server. Check that it is running.',
          { cause: String(error) },
        );
      }
      return { status: response.status, body: await readBody(response) };
    },
  };
}
