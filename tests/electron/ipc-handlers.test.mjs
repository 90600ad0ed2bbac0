// ipc-handlers.js: only the app's own windows may call, and api:request stays under /api/.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { createFakeElectron } from './helpers/fake-electron.mjs';
import { startRecordingBackend } from './helpers/http-backend.mjs';
import { requireDist } from './helpers/paths.mjs';

const { isTrustedSender, registerIpcHandlers, UNTRUSTED_SENDER_MESSAGE } =
  requireDist('./ipc-handlers.js');

const WINDOW_ID = 7;
let backend;
let folder;
let electron;
let parentWindow;
let logged;
let dispose;

before(async () => {
  backend = await startRecordingBackend((request) => ({ status: 200, body: { url: request.url } }));
  folder = await mkdtemp(join(tmpdir(), 'dipper-ipc-'));
  await writeFile(join(folder, 'predictions.csv'), 'file,start_time\n');
});
after(async () => {
  await backend.close();
  await rm(folder, { recursive: true, force: true });
});

beforeEach(() => {
  electron = createFakeElectron();
  parentWindow = { name: 'main window' };
  logged = [];
  dispose?.();
  dispose = registerIpcHandlers({
    ipcMain: electron.ipcMain,
    dialog: electron.dialog,
    shell: electron.shell,
    backend: () => ({ baseUrl: backend.baseUrl, token: 'tok123' }),
    trust: () => ({ webContentsIds: new Set([WINDOW_ID]), origin: backend.baseUrl }),
    windowForSender: (sender) => (sender.id === WINDOW_ID ? parentWindow : null),
    log: (message) => logged.push(message),
  });
});

const trusted = () => ({
  sender: { id: WINDOW_ID },
  senderFrame: { url: `${backend.baseUrl}/#/review` },
});
const invoke = (channel, payload, event = trusted()) =>
  electron.ipcMain.invoke(channel, event, payload);

test('isTrustedSender wants our window id and our origin', () => {
  const trust = { webContentsIds: new Set([1]), origin: 'http://127.0.0.1:4000' };
  const event = (id, url) => ({ sender: { id }, senderFrame: url === null ? null : { url } });
  assert.equal(isTrustedSender(event(1, 'http://127.0.0.1:4000/tasks'), trust), true);
  assert.equal(isTrustedSender(event(2, 'http://127.0.0.1:4000/tasks'), trust), false);
  assert.equal(isTrustedSender(event(1, 'http://127.0.0.1:4001/'), trust), false);
  assert.equal(isTrustedSender(event(1, 'https://evil.example/'), trust), false);
  assert.equal(isTrustedSender(event(1, 'file:///etc/passwd'), trust), false);
  assert.equal(isTrustedSender(event(1, 'not a url'), trust), false);
  assert.equal(isTrustedSender(event(1, null), trust), false);
  assert.equal(isTrustedSender(event(1, 'http://127.0.0.1:4000/'), null), false);
});

test('registers one handler per channel', () => {
  assert.deepEqual([...electron.ipcMain.handlers.keys()].sort(), [
    'api:request',
    'backend:info',
    'dialog:openFile',
    'dialog:openFiles',
    'dialog:openFolder',
    'dialog:saveFile',
    'shell:openPath',
  ]);
});

test('every channel rejects untrusted senders without acting', async () => {
  const untrusted = [
    { sender: { id: 99 }, senderFrame: { url: `${backend.baseUrl}/` } },
    { sender: { id: WINDOW_ID }, senderFrame: { url: 'https://evil.example/' } },
    { sender: { id: WINDOW_ID }, senderFrame: null },
  ];
  const requestsBefore = backend.requests.length;
  for (const channel of electron.ipcMain.handlers.keys()) {
    for (const event of untrusted) {
      await assert.rejects(invoke(channel, { method: 'GET', path: '/api/tasks' }, event), {
        message: UNTRUSTED_SENDER_MESSAGE,
      });
    }
  }
  assert.equal(backend.requests.length, requestsBefore);
  assert.equal(electron.dialog.calls.length, 0);
  assert.equal(electron.shell.openedPaths.length, 0);
  assert.equal(logged.length, 7 * untrusted.length);
  assert.match(logged[0], /untrusted sender/);
});

test('api:request forwards to the server with the bearer token', async () => {
  const response = await invoke('api:request', {
    method: 'PUT',
    path: '/api/settings',
    body: { parallel_tasks: true },
  });
  assert.deepEqual(response, { status: 200, body: { url: '/api/settings' } });
  const request = backend.requests.at(-1);
  assert.equal(request.method, 'PUT');
  assert.equal(request.headers.authorization, 'Bearer tok123');
  assert.deepEqual(JSON.parse(request.body), { parallel_tasks: true });
});

test('api:request refuses paths outside /api/', async () => {
  const requestsBefore = backend.requests.length;
  for (const path of [
    '/',
    '/index.html',
    '/api',
    '/api/../admin',
    'http://127.0.0.1/api/x',
    '//evil.example/api/x',
  ]) {
    await assert.rejects(
      invoke('api:request', { method: 'GET', path }),
      { name: 'InvalidIpcPayloadError' },
      path,
    );
  }
  assert.equal(backend.requests.length, requestsBefore);
});

test('folder dialog: parented to the window, returns the path or null', async () => {
  assert.equal(await invoke('dialog:openFolder', { title: 'Audio folder' }), '/chosen/path');
  const [call] = electron.dialog.calls;
  assert.equal(call.kind, 'open');
  assert.equal(call.args[0], parentWindow);
  assert.deepEqual(call.args[1], {
    title: 'Audio folder',
    properties: ['openDirectory', 'createDirectory'],
  });

  electron.dialog.openResult = { canceled: true, filePaths: [] };
  assert.equal(await invoke('dialog:openFolder'), null);
});

test('file dialogs pass filters and return the path or null', async () => {
  const filters = [{ name: 'Config', extensions: ['json'] }];
  electron.dialog.openResult = { canceled: false, filePaths: ['/configs/a.json'] };
  assert.equal(await invoke('dialog:openFile', { filters }), '/configs/a.json');
  assert.deepEqual(electron.dialog.calls[0].args[1], { filters, properties: ['openFile'] });
  electron.dialog.calls.length = 0;

  electron.dialog.openResult = { canceled: false, filePaths: ['/audio/a.wav', '/audio/b.wav'] };
  assert.deepEqual(await invoke('dialog:openFiles', { filters }), ['/audio/a.wav', '/audio/b.wav']);
  assert.deepEqual(electron.dialog.calls[0].args[1], {
    filters,
    properties: ['openFile', 'multiSelections'],
  });
  electron.dialog.calls.length = 0;
  electron.dialog.openResult = { canceled: true, filePaths: [] };
  assert.deepEqual(await invoke('dialog:openFiles', { filters }), []);
  electron.dialog.calls.length = 0;

  assert.equal(
    await invoke('dialog:saveFile', { defaultPath: '/configs/b.json' }),
    '/chosen/file.json',
  );
  assert.deepEqual(electron.dialog.calls[0].args[1], {
    defaultPath: '/configs/b.json',
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  electron.dialog.saveResult = { canceled: true, filePath: '' };
  assert.equal(await invoke('dialog:saveFile'), null);
  await assert.rejects(invoke('dialog:openFile', { filters: 'json' }), {
    name: 'InvalidIpcPayloadError',
  });
});

test('shell:openPath opens folders only', async () => {
  assert.deepEqual(await invoke('shell:openPath', folder), { ok: true });
  assert.deepEqual(electron.shell.openedPaths, [folder]);

  const file = join(folder, 'predictions.csv');
  const refused = await invoke('shell:openPath', file);
  assert.equal(refused.ok, false);
  assert.match(refused.error, /is a file, not a folder/);
  const missing = await invoke('shell:openPath', join(folder, 'nope'));
  assert.match(missing.error, /does not exist/);
  assert.deepEqual(electron.shell.openedPaths, [folder]);

  electron.shell.openPathResult = 'No application is associated';
  assert.deepEqual(await invoke('shell:openPath', folder), {
    ok: false,
    error: 'No application is associated',
  });
  await assert.rejects(invoke('shell:openPath', 'relative'), { name: 'InvalidIpcPayloadError' });
});

test('backend:info returns base URL and token only', async () => {
  assert.deepEqual(await invoke('backend:info'), { baseUrl: backend.baseUrl, token: 'tok123' });
});

test('the dispose function removes every handler', () => {
  dispose();
  dispose = undefined;
  assert.equal(electron.ipcMain.handlers.size, 0);
});
