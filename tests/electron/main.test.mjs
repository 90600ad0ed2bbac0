// main.js: the real wiring, loaded with a stub `electron` and a stand-in server.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { requireWithElectronStub } from './helpers/electron-stub.mjs';
import { createFakeElectron, eventFrom } from './helpers/fake-electron.mjs';
import { distPath, fakeServerCommand } from './helpers/paths.mjs';
import { waitFor } from './helpers/wait.mjs';

test('main.js starts the server from DIPPER_SERVER_CMD, opens the window, stops on quit', async (t) => {
  process.env.DIPPER_SERVER_CMD = fakeServerCommand;
  process.env.FAKE_SERVER_DELAY_MS = '0';
  const electron = createFakeElectron();
  requireWithElectronStub('main.js', electron);
  // Stop the server even when an assertion failed.
  t.after(() => {
    electron.app.quit();
    return waitFor(() => electron.app.exited, { what: 'app exit' });
  });

  await waitFor(() => electron.BrowserWindow.instances.length === 1, { what: 'the window' });
  const [window] = electron.BrowserWindow.instances;
  const { preload } = window.options.webPreferences;
  assert.equal(preload, distPath('preload.js'));
  assert.ok(existsSync(preload));
  const [url] = window.loadedUrls;
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);

  const { baseUrl, token } = await electron.ipcMain.invoke('backend:info', eventFrom(window));
  assert.equal(`${baseUrl}/`, url);
  assert.match(token, /^[0-9a-f]{48}$/);
  const health = await electron.ipcMain.invoke('api:request', eventFrom(window), {
    method: 'GET',
    path: '/api/health',
  });
  assert.equal(health.status, 200);
  assert.equal(health.body.status, 'ok');

  electron.app.quit();
  await waitFor(() => electron.app.exited, { what: 'app exit' });
  await assert.rejects(fetch(`${baseUrl}/api/health`), 'the server still answers after quit');
});
