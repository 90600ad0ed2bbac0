// A real HTTP server on 127.0.0.1 that records requests: the far end of api:request.
import http from 'node:http';

/**
 * Start a recording backend. `respond(request, body)` returns `{status, headers, body}`;
 * by default every request gets 200 with `{"ok": true}`.
 */
export async function startRecordingBackend(respond = () => ({ status: 200, body: { ok: true } })) {
  const requests = [];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const record = {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: raw,
      };
      requests.push(record);
      const answer = respond(record);
      const isText = typeof answer.body === 'string';
      response.writeHead(answer.status, {
        'Content-Type': isText ? 'text/plain' : 'application/json',
        ...answer.headers,
      });
      response.end(
        answer.body === undefined ? '' : isText ? answer.body : JSON.stringify(answer.body),
      );
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
