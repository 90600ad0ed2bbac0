/**
 * The one seam between the renderer and the server. Two implementations exist (HTTP and Electron IPC);
 * everything above this file calls `createApi(transport)` and never learns which one it got.
 */

/** A raw response: the HTTP status and the JSON body (or `null` when there was none). */
export interface TransportResponse {
  status: number;
  body: unknown;
}

/** Sends one request to the server. `path` includes the `/api` prefix and any query string. */
export interface Transport {
  request(method: string, path: string, body?: unknown): Promise<TransportResponse>;
  /**
   * Where media (`<img>`/`<audio>` sources such as /api/audio) is fetched from: the server origin
   * (empty = same origin) and the token to put in `?token=`. Absent in test fakes (same origin, no token).
   */
  mediaBase?(): Promise<MediaBase>;
}

/** Origin and token for URLs the browser fetches itself (images, audio). */
export interface MediaBase {
  baseUrl: string;
  token: string | null;
}
