// server-process.js against a real child process (fixtures/fake-server.mjs).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { test } from 'node:test';
import { fakeServerPath, requireDist } from './helpers/paths.mjs';

const { findFreePort, generateToken, startServer, ServerStartError, STDERR_TAIL_LINES } =
  requireDist('./server-process.js');

const command = { command: process.execPath, args: [fakeServerPath] };
const env = (mode, extra = {}) => ({ ...process.env, FAKE_SERVER_MODE: mode, ...extra });

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    assert.equal(error.code, 'ESRCH');
    return false;
  }
}

test('findFreePort returns a port that can be bound on 127.0.0.1', async () => {
  const port = await findFreePort();
  assert.ok(port > 0 && port < 65536);
  const server = net.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  await new Promise((resolve) => server.close(resolve));
});

test('generateToken gives 48 fresh hex characters', () => {
  const a = generateToken();
  assert.match(a, /^[0-9a-f]{48}$/);
  assert.notEqual(a, generateToken());
});

test('waits for /api/health, then the server answers with its token', async (t) => {
  const lines = [];
  const started = Date.now();
  const server = await startServer({
    command,
    env: env('ok', { FAKE_SERVER_DELAY_MS: '300' }),
    pollIntervalMs: 50,
    onOutput: (stream, line) => lines.push([stream, line]),
  });
  t.after(() => server.stop());
  assert.ok(Date.now() - started >= 300, 'resolved before the server listened');
  assert.match(server.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(server.baseUrl, `http://127.0.0.1:${server.port}`);
  assert.match(server.token, /^[0-9a-f]{48}$/);
  assert.ok(isAlive(server.pid));

  const response = await fetch(`${server.baseUrl}/api/echo`, {
    headers: { Authorization: `Bearer ${server.token}` },
  });
  assert.equal(response.status, 200);
  const unauthorised = await fetch(`${server.baseUrl}/api/echo`);
  assert.equal(unauthorised.status, 401);
  assert.deepEqual(lines, [['stderr', `fake server: listening on 127.0.0.1:${server.port}`]]);
});

test('stop() ends the process and can be called again', async (t) => {
  const server = await startServer({
    command,
    env: env('ok', { FAKE_SERVER_DELAY_MS: '0' }),
    pollIntervalMs: 50,
  });
  t.after(() => server.stop());
  const pid = server.pid;
  assert.equal(server.stopRequested, false);
  await Promise.all([server.stop(), server.stop()]);
  assert.equal(server.stopRequested, true);
  assert.equal(isAlive(pid), false);
  assert.deepEqual(await server.exited, { code: 0, signal: null });
  await server.stop();
  await assert.rejects(fetch(`${server.baseUrl}/api/health`));
});

test('stop() kills a server that ignores SIGTERM after the grace period', async (t) => {
  const server = await startServer({
    command,
    env: env('ignore-sigterm', { FAKE_SERVER_DELAY_MS: '0' }),
    pollIntervalMs: 50,
    stopGraceMs: 300,
  });
  t.after(() => server.stop());
  const started = Date.now();
  await server.stop();
  assert.ok(Date.now() - started >= 300, 'SIGKILL came before the grace period');
  assert.deepEqual(await server.exited, { code: null, signal: 'SIGKILL' });
  assert.equal(isAlive(server.pid), false);
  assert.deepEqual(server.stderrTail(), [
    'fake server: listening on 127.0.0.1:' + server.port,
    'fake server: ignoring SIGTERM',
  ]);
});

test('fails clearly, with its stderr, when the server exits early', async () => {
  const error = await startServer({ command, env: env('exit-early') }).then(
    () => assert.fail('startServer resolved'),
    (caught) => caught,
  );
  assert.ok(error instanceof ServerStartError);
  assert.equal(error.reason, 'exited');
  assert.match(error.message, /^The Dipper server stopped before it was ready \(exit code 3\)\./);
  assert.match(error.message, /Last lines of its error output:\n.*Traceback/);
  assert.match(error.message, /No module named 'aiohttp'/);
  assert.equal(error.stderrTail.length, 3);
});

test('fails clearly when the program does not exist', async () => {
  await assert.rejects(
    startServer({ command: { command: '/nonexistent/.venv/bin/dipper', args: [] } }),
    (error) => {
      assert.equal(error.reason, 'spawn-failed');
      assert.equal(
        error.message,
        'The Dipper server could not be started: the program "/nonexistent/.venv/bin/dipper" was not found.',
      );
      return true;
    },
  );
});

test('times out, stops the child and says where it waited', async () => {
  let pid;
  const error = await startServer({
    command,
    env: env('never-healthy', { FAKE_SERVER_DELAY_MS: '0' }),
    healthTimeoutMs: 700,
    pollIntervalMs: 50,
    spawn: (...args) => {
      const child = spawn(...args);
      pid = child.pid;
      return child;
    },
  }).catch((caught) => caught);
  assert.equal(error.reason, 'timeout');
  assert.match(
    error.message,
    /did not become ready within 0\.7 s \(no answer from http:\/\/127\.0\.0\.1:\d+\/api\/health\)/,
  );
  assert.ok(pid > 0);
  assert.equal(isAlive(pid), false);
});

test('keeps only the last lines of stderr', async () => {
  const many = Array.from({ length: 30 }, (_, index) => `console.error('line ${index}')`).join(';');
  const error = await startServer({
    command: { command: process.execPath, args: ['-e', `${many}; process.exit(1)`] },
  }).catch((caught) => caught);
  assert.equal(error.stderrTail.length, STDERR_TAIL_LINES);
  assert.equal(error.stderrTail.at(-1), 'line 29');
  assert.equal(error.stderrTail[0], `line ${30 - STDERR_TAIL_LINES}`);
});
