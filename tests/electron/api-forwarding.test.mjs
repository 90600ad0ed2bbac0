// api-forwarding.js: renderer API calls reach the real HTTP server with the token.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startRecordingBackend } from './helpers/http-backend.mjs';
import { requireDist } from './helpers/paths.mjs';

const { forwardApiRequest, resolveApiUrl } = requireDist('./api-forwarding.js');
const { InvalidIpcPayloadError } = requireDist('./ipc-payloads.js');

let backend;
before(async () => {
  backend = await startRecordingBackend((request) => {
    if (request.url === '/api/text') return { status: 200, body: 'plain words' };
    if (request.url === '/api/empty') return { status: 204 };
    if (request.url === '/api/missing') {
      return {
        status: 404,
        body: { error: { code: 'TaskNotFound', message: 'No such task', details: {} } },
      };
    }
    return { status: 200, body: { echoed: request.body ? JSON.parse(request.body) : null } };
  });
});
after(() => backend.close());

const info = () => ({ baseUrl: backend.baseUrl, token: 'secret-token' });

test('adds the bearer token and sends the JSON body', async () => {
  const response = await forwardApiRequest(
    { method: 'POST', path: '/api/tasks?start=1', body: { kind: 'inference' } },
    info(),
  );
  assert.deepEqual(response, { status: 200, body: { echoed: { kind: 'inference' } } });
  const request = backend.requests.at(-1);
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/api/tasks?start=1');
  assert.equal(request.headers.authorization, 'Bearer secret-token');
  assert.equal(request.headers['content-type'], 'application/json');
});

test('a request without body sends no content type', async () => {
  await forwardApiRequest({ method: 'GET', path: '/api/tasks', body: undefined }, info());
  const request = backend.requests.at(-1);
  assert.equal(request.method, 'GET');
  assert.equal(request.body, '');
  assert.equal(request.headers['content-type'], undefined);
  assert.equal(request.headers.authorization, 'Bearer secret-token');
});

test('passes error statuses and bodies through', async () => {
  const response = await forwardApiRequest(
    { method: 'GET', path: '/api/missing', body: undefined },
    info(),
  );
  assert.equal(response.status, 404);
  assert.equal(response.body.error.code, 'TaskNotFound');
});

test('returns text bodies as text and empty bodies as null', async () => {
  const text = await forwardApiRequest(
    { method: 'GET', path: '/api/text', body: undefined },
    info(),
  );
  assert.deepEqual(text, { status: 200, body: 'plain words' });
  const empty = await forwardApiRequest(
    { method: 'DELETE', path: '/api/empty', body: undefined },
    info(),
  );
  assert.deepEqual(empty, { status: 204, body: null });
});

test('an unreachable server answers 503 ServerUnreachable', async () => {
  const closed = await startRecordingBackend();
  await closed.close();
  const response = await forwardApiRequest(
    { method: 'GET', path: '/api/tasks', body: undefined },
    { baseUrl: closed.baseUrl, token: 't' },
  );
  assert.equal(response.status, 503);
  assert.equal(response.body.error.code, 'ServerUnreachable');
  assert.match(response.body.error.message, /not responding/);
});

test('resolveApiUrl keeps requests under /api/ on the server origin', () => {
  const base = 'http://127.0.0.1:5000';
  assert.equal(
    resolveApiUrl(base, '/api/tasks?x=1').toString(),
    'http://127.0.0.1:5000/api/tasks?x=1',
  );
  for (const escape of ['/api/../admin', '/api/%2e%2e/secret', '//evil.example/api/x', '/apix']) {
    assert.throws(() => resolveApiUrl(base, escape), InvalidIpcPayloadError, escape);
  }
});
