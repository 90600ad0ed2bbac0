/**
 * A fake Transport: the only thing tests replace. Routes are "METHOD /api/path" keys (query string
 * included when present); every request is recorded so tests can assert on what the UI sent.
 */
import type { Transport, TransportResponse } from '@/api/transport';

export type RouteHandler =
  | TransportResponse
  | ((body: unknown, path: string) => TransportResponse | Promise<TransportResponse>);

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
}

export class FakeTransport implements Transport {
  readonly calls: RecordedCall[] = [];
  private routes = new Map<string, RouteHandler>();

  /** Answer `METHOD path` with a fixed response or a handler. Later calls replace earlier ones. */
  on(method: string, path: string, handler: RouteHandler): this {
    this.routes.set(`${method} ${path}`, handler);
    return this;
  }

  /** Shorthand: 200 with this JSON body. */
  ok(method: string, path: string, body: unknown): this {
    return this.on(method, path, { status: 200, body });
  }

  async request(method: string, path: string, body?: unknown): Promise<TransportResponse> {
    this.calls.push({ method, path, body });
    const handler =
      this.routes.get(`${method} ${path}`) ?? this.routes.get(`${method} ${path.split('?')[0]}`);
    if (!handler) {
      return {
        status: 404,
        body: {
          error: {
            code: 'NotFound',
            message: `No fake route for ${method} ${path}`,
            details: {},
          },
        },
      };
    }
    return typeof handler === 'function' ? handler(body, path) : handler;
  }

  /** Recorded calls for one method and path (query string ignored). */
  callsTo(method: string, path: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method && call.path.split('?')[0] === path);
  }
}
