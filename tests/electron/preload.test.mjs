// preload.js: exposes exactly the named electronAPI functions, each on its own channel.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { requireWithElectronStub } from './helpers/electron-stub.mjs';
import { createFakePreloadElectron } from './helpers/fake-electron.mjs';
import { distPath, requireDist } from './helpers/paths.mjs';

function loadPreload() {
  const electron = createFakePreloadElectron();
  requireWithElectronStub('preload.js', electron);
  return electron;
}

test('exposes only window.electronAPI with the seven named functions', () => {
  const { exposed } = loadPreload();
  assert.deepEqual(Object.keys(exposed), ['electronAPI']);
  const api = exposed.electronAPI;
  assert.deepEqual(Object.keys(api).sort(), [
    'backendInfo',
    'openFileDialog',
    'openFilesDialog',
    'openFolder',
    'openFolderDialog',
    'request',
    'saveFileDialog',
  ]);
  for (const value of Object.values(api)) assert.equal(typeof value, 'function');
  assert.equal('ipcRenderer' in api, false);
  assert.equal('invoke' in api, false);
});

test('each function invokes its channel with the arguments', async () => {
  const { exposed, invocations } = loadPreload();
  const api = exposed.electronAPI;
  const filters = [{ name: 'Config', extensions: ['json'] }];
  await api.request('POST', '/api/tasks', { kind: 'inference' });
  await api.request('GET', '/api/tasks');
  await api.openFolderDialog({ title: 'Audio folder' });
  await api.openFileDialog({ filters });
  await api.openFilesDialog({ filters });
  await api.saveFileDialog({ defaultPath: '/tmp/config.json' });
  await api.openFolder('/data/jobs/inference_1');
  await api.backendInfo();
  assert.deepEqual(invocations, [
    {
      channel: 'api:request',
      args: [{ method: 'POST', path: '/api/tasks', body: { kind: 'inference' } }],
    },
    { channel: 'api:request', args: [{ method: 'GET', path: '/api/tasks', body: undefined }] },
    { channel: 'dialog:openFolder', args: [{ title: 'Audio folder' }] },
    { channel: 'dialog:openFile', args: [{ filters }] },
    { channel: 'dialog:openFiles', args: [{ filters }] },
    { channel: 'dialog:saveFile', args: [{ defaultPath: '/tmp/config.json' }] },
    { channel: 'shell:openPath', args: ['/data/jobs/inference_1'] },
    { channel: 'backend:info', args: [] },
  ]);
});

test('returns what the main process answers', async () => {
  const { exposed } = loadPreload();
  const answer = await exposed.electronAPI.backendInfo();
  assert.deepEqual(answer, { channel: 'backend:info', args: [] });
});

test('compiled preload requires nothing but electron (sandboxed renderers cannot)', () => {
  const source = readFileSync(distPath('preload.js'), 'utf8');
  const required = [...source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map(
    (match) => match[1],
  );
  assert.deepEqual(required, ['electron']);
});

test('the channel module lists the same channels the preload uses', () => {
  const { Channel } = requireDist('./channels.js');
  assert.deepEqual(Object.values(Channel).sort(), [
    'api:request',
    'backend:info',
    'dialog:openFile',
    'dialog:openFiles',
    'dialog:openFolder',
    'dialog:saveFile',
    'shell:openPath',
  ]);
});
