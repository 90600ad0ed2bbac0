// server-command.js: which program runs the lightweight server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireDist } from './helpers/paths.mjs';

const { resolveServerCommand, serveArgs } = requireDist('./server-command.js');

const context = (overrides) => ({
  isPackaged: false,
  resourcesPath: '/opt/Dipper/resources',
  repoRoot: '/home/me/dipper',
  platform: 'linux',
  env: {},
  ...overrides,
});

test('development runs the repository venv console script', () => {
  assert.deepEqual(resolveServerCommand(context()), {
    command: '/home/me/dipper/.venv/bin/dipper',
    args: [],
    cwd: '/home/me/dipper',
  });
  assert.deepEqual(resolveServerCommand(context({ platform: 'win32', repoRoot: 'C:\\dipper' })), {
    command: 'C:\\dipper\\.venv\\Scripts\\dipper.exe',
    args: [],
    cwd: 'C:\\dipper',
  });
});

test('the packaged app runs the PyInstaller folder from resources', () => {
  assert.deepEqual(resolveServerCommand(context({ isPackaged: true })), {
    command: '/opt/Dipper/resources/dipper-server/dipper-server',
    args: [],
    cwd: '/opt/Dipper/resources/dipper-server',
  });
  const windows = resolveServerCommand(
    context({ isPackaged: true, platform: 'win32', resourcesPath: 'C:\\Dipper\\resources' }),
  );
  assert.equal(windows.command, 'C:\\Dipper\\resources\\dipper-server\\dipper-server.exe');
});

test('DIPPER_SERVER_CMD overrides the command', () => {
  const env = { DIPPER_SERVER_CMD: '["python", "-m", "backend.cli"]' };
  assert.deepEqual(resolveServerCommand(context({ env, isPackaged: true })), {
    command: 'python',
    args: ['-m', 'backend.cli'],
  });
  assert.equal(
    resolveServerCommand(context({ env: { DIPPER_SERVER_CMD: '  ' } })).command,
    '/home/me/dipper/.venv/bin/dipper',
  );
  for (const bad of ['python -m backend.cli', '[]', '[1]', '{"cmd": "x"}', '[""]']) {
    assert.throws(
      () => resolveServerCommand(context({ env: { DIPPER_SERVER_CMD: bad } })),
      /DIPPER_SERVER_CMD must be a JSON array/,
    );
  }
});

test('serve arguments bind to the host and port with the token and no browser', () => {
  assert.deepEqual(serveArgs('127.0.0.1', 5123, 'abc'), [
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    '5123',
    '--token',
    'abc',
    '--no-browser',
  ]);
});
