// app-lifecycle.js: start-up, window, IPC wiring and shut-down with a fake Electron.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFakeElectron, eventFrom } from './helpers/fake-electron.mjs';
import { fakeServerPath, requireDist } from './helpers/paths.mjs';
import { waitFor } from './helpers/wait.mjs';

const { createMain } = requireDist('./app-lifecycle.js');
const { startServer } = requireDist('./server-process.js');

const BASE_URL = 'http://127.0.0.1:45678';

/** A started server that records stop() and can be made to crash. */
function fakeServer({ stopDelayMs = 0 } = {}) {
  let resolveExit;
  return {
    baseUrl: BASE_URL,
    token: 'tok',
    stopCalls: 0,
    stopRequested: false,
    exited: new Promise((resolve) => (resolveExit = resolve)),
    stop() {
      this.stopCalls += 1;
      this.stopRequested = true;
      return new Promise((resolve) => setTimeout(resolve, stopDelayMs)).then(() =>
        resolveExit({ code: 0, signal: null }),
      );
    },
    crash(exit) {
      resolveExit(exit);
    },
    stderrTail: () => ['Traceback (most recent call last):', 'MemoryError'],
  };
}

function setUp({ startServer = async () => fakeServer(), electronOptions } = {}) {
  const electron = createFakeElectron(electronOptions);
  const logged = [];
  const main = createMain({
    electron,
    startServer,
    preloadPath: '/app/dist/preload.js',
    log: (message) => logged.push(message),
  });
  return { electron, main, logged };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('on ready: starts the server, then opens a secure window on its URL', async () => {
  const server = fakeServer();
  const { electron, main } = setUp({ startServer: async () => server });
  await main.start();
  assert.equal(electron.BrowserWindow.instances.length, 1);
  const [window] = electron.BrowserWindow.instances;
  const prefs = window.options.webPreferences;
  assert.deepEqual(
    [prefs.contextIsolation, prefs.nodeIntegration, prefs.sandbox, prefs.preload],
    [true, false, true, '/app/dist/preload.js'],
  );
  assert.deepEqual(window.loadedUrls, [`${BASE_URL}/`]);
  assert.equal(window.webContents.navigate('https://example.org/'), false);
  assert.equal(window.webContents.navigate(`${BASE_URL}/tasks`), true);
  assert.equal(electron.ipcMain.handlers.size, 7);
});

test('IPC answers the app window and refuses any other sender', async () => {
  const { electron, main } = setUp();
  await main.start();
  const [window] = electron.BrowserWindow.instances;
  assert.deepEqual(await electron.ipcMain.invoke('backend:info', eventFrom(window)), {
    baseUrl: BASE_URL,
    token: 'tok',
  });
  const stranger = new electron.BrowserWindow({});
  await assert.rejects(
    electron.ipcMain.invoke('backend:info', eventFrom(stranger, `${BASE_URL}/`)),
    /not allowed/,
  );
  await assert.rejects(
    electron.ipcMain.invoke('backend:info', eventFrom(window, 'https://example.org/')),
    /not allowed/,
  );

  // Dialogs are parented to the window that asked.
  await electron.ipcMain.invoke('dialog:openFolder', eventFrom(window));
  assert.equal(electron.dialog.calls[0].args[0], window);

  // A closed window loses its trust.
  window.close();
  await assert.rejects(electron.ipcMain.invoke('backend:info', eventFrom(window)), /not allowed/);
});

test('quitting stops the server before the app exits', async () => {
  const server = fakeServer({ stopDelayMs: 100 });
  const { electron, main } = setUp({ startServer: async () => server });
  await main.start();
  electron.app.quit();
  await waitFor(() => server.stopCalls === 1, { what: 'stop()' });
  assert.equal(electron.app.exited, false, 'quit went ahead before the server stopped');
  await waitFor(() => electron.app.exited, { what: 'app exit' });
  assert.equal(server.stopCalls, 1);
  assert.equal(electron.ipcMain.handlers.size, 0);
});

test('closing the last window quits and stops the server', async () => {
  const server = fakeServer();
  const { electron, main } = setUp({ startServer: async () => server });
  await main.start();
  electron.BrowserWindow.instances[0].close();
  await waitFor(() => electron.app.exited, { what: 'app exit' });
  assert.equal(server.stopCalls, 1);
});

test('a server that fails to start is reported in a dialog and the app quits', async () => {
  const { electron, main } = setUp({
    startServer: async () => {
      throw new Error('The Dipper server stopped before it was ready (exit code 3).');
    },
  });
  await main.start();
  assert.deepEqual(electron.dialog.errorBoxes, [
    {
      title: 'Dipper could not start',
      content: 'The Dipper server stopped before it was ready (exit code 3).',
    },
  ]);
  assert.equal(electron.BrowserWindow.instances.length, 0);
  assert.equal(electron.ipcMain.handlers.size, 0);
  await waitFor(() => electron.app.exited, { what: 'app exit' });
});

test('a server that stops unexpectedly is reported and the app quits', async () => {
  const server = fakeServer();
  const { electron, main } = setUp({ startServer: async () => server });
  await main.start();
  server.crash({ code: null, signal: 'SIGKILL' });
  await waitFor(() => electron.app.exited, { what: 'app exit' });
  assert.equal(electron.dialog.errorBoxes.length, 1);
  const [box] = electron.dialog.errorBoxes;
  assert.equal(box.title, 'The Dipper server stopped');
  assert.match(box.content, /stopped unexpectedly \(killed by SIGKILL\)/);
  assert.match(box.content, /MemoryError/);
});

test('quitting during start-up stops the server once it is up, without a window', async () => {
  const server = fakeServer();
  let release;
  const { electron, main } = setUp({
    startServer: () => new Promise((resolve) => (release = () => resolve(server))),
  });
  const started = main.start();
  await tick();
  electron.app.quit();
  assert.equal(electron.app.exited, false);
  release();
  await started;
  await waitFor(() => electron.app.exited, { what: 'app exit' });
  assert.equal(server.stopCalls, 1);
  assert.equal(electron.BrowserWindow.instances.length, 0);
  assert.equal(electron.dialog.errorBoxes.length, 0);
});

test('a second instance quits at once and focuses the first', async () => {
  let starts = 0;
  const second = setUp({
    startServer: async () => {
      starts += 1;
      return fakeServer();
    },
    electronOptions: { singleInstance: false },
  });
  await second.main.start();
  assert.equal(starts, 0);
  assert.equal(second.electron.app.exited, true);

  const first = setUp();
  await first.main.start();
  first.electron.app.emit('second-instance');
  assert.equal(first.electron.BrowserWindow.instances[0].focused, true);
});

test('with the real server launcher: api:request reaches the child with the token; quit kills it', async (t) => {
  let server;
  t.after(() => server?.stop());
  const { electron, main } = setUp({
    startServer: async () => {
      server = await startServer({
        command: { command: process.execPath, args: [fakeServerPath] },
        env: { ...process.env, FAKE_SERVER_DELAY_MS: '100' },
        pollIntervalMs: 50,
      });
      return server;
    },
  });
  await main.start();
  const [window] = electron.BrowserWindow.instances;
  assert.deepEqual(window.loadedUrls, [`${server.baseUrl}/`]);
  const response = await electron.ipcMain.invoke('api:request', eventFrom(window), {
    method: 'POST',
    path: '/api/configs/load?x=1',
    body: { path: '/tmp/a.json' },
  });
  assert.deepEqual(response, {
    status: 200,
    body: { method: 'POST', path: '/api/configs/load?x=1', body: { path: '/tmp/a.json' } },
  });
  const pid = server.pid;
  electron.app.quit();
  await waitFor(() => electron.app.exited, { what: 'app exit' });
  assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
});
