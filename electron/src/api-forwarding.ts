/**
 * Forwarding of renderer API calls to the lightweight server.
 *
 * The renderer never holds a raw socket to the server in Electron mode: it sends
 * `{method, path, body}` over IPC and the main process makes the HTTP request, adding the
 * session token. Only `/api/...` paths on the server's own origin are reachable this way.
 */
import type { ApiResponse, BackendInfo } from './electron-api';
import { InvalidIpcPayloadError, type ApiRequestPayload } from './ipc-payloads';

/** The subset of `fetch` used here (injectable for tests). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Resolve an `/api/...` path against the server's base URL.
 *
 * The check runs on the normalised URL, so `/api/../admin` or an encoded `%2e%2e` cannot
 * escape `/api/`, and a path cannot switch to another host.
 */
export function resolveApiUrl(baseUrl: string, apiPath: string): URL {
  const base = new URL(baseUrl);
  const url = new URL(apiPath, base);
  if (url.origin !== base.origin || !url.pathname.startsWith('/api/')) {
    throw new InvalidIpcPayloadError(`Only paths under /api/ can be requested, not "${apiPath}".`);
  }
  return url;
}

/**
 * Send one request to the server with `Authorization: Bearer <token>`.
 *
 * Resolves with the status and the parsed body for every HTTP answer, errors included
 * (the renderer's API layer turns `{error: {...}}` bodies into messages). When the server
 * cannot be reached it resolves with status 503 and a `ServerUnreachable` error body in the
 * server's own error format, so the renderer has one error path.
 */
export async function forwardApiRequest(
  request: ApiRequestPayload,
  backend: BackendInfo,
  fetchImpl: FetchLike = fetch,
): Promise<ApiResponse> {
  const url = resolveApiUrl(backend.baseUrl, request.path);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    Authorization: `Bearer ${backend.token}`,
  };
  const init: RequestInit = { method: request.method, headers, redirect: 'manual' };
  if (request.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(request.body);
  }
  let response: Response;
  try {
    response = await fetchImpl(url.toString(), init);
  } catch (error) {
    return unreachableResponse(error);
  }
  const text = await response.text();
  return { status: response.status, body: parseBody(text, response.headers.get('content-type')) };
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return null;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function unreachableResponse(error: unknown): ApiResponse {
  const reason = error instanceof Error ? (error.cause ?? error) : error;
  return {
    status: 503,
    body: {
      error: {
        code: 'ServerUnreachable',
        message: 'The Dipper server is not responding. If this keeps happening, restart Dipper.',
        details: { reason: reason instanceof Error ? reason.message : String(reason) },
      },
    },
  };
}
