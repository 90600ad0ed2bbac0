import { describe, expect, it, vi } from 'vitest';
import { createHttpTransport, takeTokenFromLocation } from '@/api/transports/http';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('HTTP transport', () => {
  it('sends the bearer token and a JSON body to the same origin', async () => {
    const fetchFn = vi.fn(async () => jsonResponse(200, { ok: true }));
    const transport = createHttpTransport({ token: 'secret', fetchFn });
    const response = await transport.request('POST', '/api/tasks', {
      kind: 'inference',
    });

    expect(response).toEqual({ status: 200, body: { ok: true } });
    const [url, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/tasks');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"kind":"inference"}');
    expect(init.headers).toMatchObject({
      Authorization: 'Bearer secret',
      'Content-Type': 'application/json',
    });
  });

  it('takes ?token= from the address, keeps it for the session and hides it', async () => {
    window.history.replaceState(null, '', '/?token=abc123&x=1#/tasks');
    const fetchFn = vi.fn(async () => jsonResponse(200, {}));
    const transport = createHttpTransport({ fetchFn });
    await transport.request('GET', '/api/tasks');

    const [, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).toMatchObject({ Authorization: 'Bearer abc123' });
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#/tasks');
    expect(window.sessionStorage.getItem('dipper.token')).toBe('abc123');
    // A reload (no token in the address) still finds it.
    expect(takeTokenFromLocation()).toBe('abc123');
  });

  it('sends no Authorization header without a token and passes error statuses through', async () => {
    const fetchFn = vi.fn(async () =>
      jsonResponse(401, {
        error: { code: 'Unauthorized', message: 'Token required' },
      }),
    );
    const transport = createHttpTransport({ token: null, fetchFn });
    const response = await transport.request('GET', '/api/tasks');
    expect(response.status).toBe(401);
    const [, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).not.toHaveProperty('Authorization');
  });

  it('reports an unreachable server as a NetworkError', async () => {
    const fetchFn = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const transport = createHttpTransport({ token: 't', fetchFn });
    await expect(transport.request('GET', '/api/health')).rejects.toMatchObject({
      code: 'NetworkError',
    });
  });
});
