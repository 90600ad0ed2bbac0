// ipc-payloads.js: renderer payloads are parsed before use; bad ones are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireDist } from './helpers/paths.mjs';

const {
  InvalidIpcPayloadError,
  parseApiRequest,
  parseFileDialogOptions,
  parseFolderDialogOptions,
  parseFolderPath,
} = requireDist('./ipc-payloads.js');

test('parseApiRequest accepts /api/ paths and normalises the method', () => {
  assert.deepEqual(parseApiRequest({ method: 'post', path: '/api/tasks', body: { a: 1 } }), {
    method: 'POST',
    path: '/api/tasks',
    body: { a: 1 },
  });
});

test('parseApiRequest refuses other paths, methods and shapes', () => {
  const bad = [
    null,
    'GET /api/tasks',
    { method: 'GET', path: '/health' },
    { method: 'GET', path: 'http://evil.example/api/x' },
    { method: 'GET', path: 'api/tasks' },
    { method: 'GET', path: 42 },
    { method: 'TRACE', path: '/api/tasks' },
    { method: 'GET', path: '/api/tasks', body: { a: 1 } },
    { method: 'GET', path: `/api/${'x'.repeat(9000)}` },
  ];
  for (const payload of bad) {
    assert.throws(
      () => parseApiRequest(payload),
      InvalidIpcPayloadError,
      JSON.stringify(payload)?.slice(0, 60),
    );
  }
});

test('dialog options: optional, typed, filters without dots', () => {
  assert.deepEqual(parseFolderDialogOptions(undefined), {});
  assert.deepEqual(parseFolderDialogOptions({ title: 'Audio', extra: 1 }), { title: 'Audio' });
  assert.deepEqual(
    parseFileDialogOptions({
      defaultPath: '/tmp',
      filters: [{ name: 'Audio', extensions: ['.wav', 'flac'] }],
    }),
    { defaultPath: '/tmp', filters: [{ name: 'Audio', extensions: ['wav', 'flac'] }] },
  );
  assert.throws(() => parseFolderDialogOptions({ title: 3 }), InvalidIpcPayloadError);
  assert.throws(() => parseFileDialogOptions({ filters: 'wav' }), InvalidIpcPayloadError);
  assert.throws(
    () => parseFileDialogOptions({ filters: [{ name: 'A', extensions: [1] }] }),
    InvalidIpcPayloadError,
  );
});

test('parseFolderPath wants an absolute path', () => {
  assert.equal(parseFolderPath('/data/jobs'), '/data/jobs');
  for (const bad of ['', 'relative/jobs', null, ['/a']]) {
    assert.throws(() => parseFolderPath(bad), InvalidIpcPayloadError);
  }
});
