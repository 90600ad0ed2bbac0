// window.js: secure window options, navigation locked to the server origin, no pop-ups.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFakeElectron } from './helpers/fake-electron.mjs';
import { requireDist } from './helpers/paths.mjs';

const { createMainWindow, mainWindowOptions } = requireDist('./window.js');

const BASE_URL = 'http://127.0.0.1:43210';

function openWindow() {
  const electron = createFakeElectron();
  const logged = [];
  const window = createMainWindow(
    {
      BrowserWindow: electron.BrowserWindow,
      shell: electron.shell,
      log: (message) => logged.push(message),
    },
    BASE_URL,
    '/app/dist/preload.js',
  );
  return { electron, window, logged };
}

test('the window isolates the page and uses the preload', () => {
  const { window } = openWindow();
  const prefs = window.options.webPreferences;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, '/app/dist/preload.js');
  assert.deepEqual(mainWindowOptions('/app/dist/preload.js'), window.options);
});

test('loads the server page and shows the window when ready', () => {
  const { window } = openWindow();
  assert.deepEqual(window.loadedUrls, [`${BASE_URL}/`]);
  assert.equal(window.shown, false);
  window.emit('ready-to-show');
  assert.equal(window.shown, true);
});

test('navigation stays on the server origin', () => {
  const { window, logged } = openWindow();
  const contents = window.webContents;
  assert.equal(contents.navigate(`${BASE_URL}/review`), true);
  assert.equal(contents.navigate('https://example.org/'), false);
  assert.equal(contents.navigate('http://127.0.0.1:43211/'), false);
  assert.equal(contents.navigate('file:///etc/passwd'), false);
  assert.equal(contents.navigate('https://example.org/', 'will-redirect'), false);
  assert.equal(contents.navigate(`${BASE_URL}/api/health`, 'will-redirect'), true);
  assert.equal(logged.filter((line) => line.startsWith('Blocked navigation')).length, 4);
});

test('window.open is denied; https links go to the browser', () => {
  const { window, electron } = openWindow();
  const open = (url) => window.webContents.windowOpenHandler({ url });
  assert.deepEqual(open('https://birdnet.cornell.edu/'), { action: 'deny' });
  assert.deepEqual(open('http://example.org/'), { action: 'deny' });
  assert.deepEqual(open('file:///etc/passwd'), { action: 'deny' });
  assert.deepEqual(open(`${BASE_URL}/other`), { action: 'deny' });
  assert.deepEqual(electron.shell.openedExternal, ['https://birdnet.cornell.edu/']);
});

test('webviews and permission requests are refused (clipboard write allowed)', () => {
  const { window } = openWindow();
  const event = {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
  window.webContents.emit('will-attach-webview', event);
  assert.equal(event.defaultPrevented, true);
  const answers = [];
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-sanitized-write']) {
    window.webContents.permissionHandler(window.webContents, permission, (allowed) =>
      answers.push([permission, allowed]),
    );
  }
  assert.deepEqual(answers, [
    ['media', false],
    ['geolocation', false],
    ['notifications', false],
    ['clipboard-sanitized-write', true],
  ]);
});

test('a failed page load still shows the window', async () => {
  const electron = createFakeElectron();
  electron.BrowserWindow.prototype.loadURL = () =>
    Promise.reject(new Error('ERR_CONNECTION_REFUSED'));
  const logged = [];
  const window = createMainWindow(
    {
      BrowserWindow: electron.BrowserWindow,
      shell: electron.shell,
      log: (message) => logged.push(message),
    },
    BASE_URL,
    '/p.js',
  );
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(window.shown, true);
  assert.match(
    logged[0],
    /Could not load http:\/\/127\.0\.0\.1:43210\/: Error: ERR_CONNECTION_REFUSED/,
  );
});
