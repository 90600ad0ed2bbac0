/**
 * The app window and the rules for what its page may do.
 *
 * The window runs the server's page with the Electron security defaults made explicit
 * (context isolation, no Node integration, sandbox). It may only navigate within the
 * server's origin; `window.open` never creates Electron windows: external https links open
 * in the user's browser and everything else is denied.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Shell, WebContents } from 'electron';

/** Background shown before the page paints (the theme's off-white). */
const BACKGROUND_COLOR = '#eae0d5';

/** Permissions the page may get; every other request (camera, geolocation, …) is denied. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Constructor options of the main window. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Dipper',
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
    },
  };
}

/** Whether `url` belongs to `origin` (scheme, host and port all equal). */
export function isSameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** Whether `url` is an https link that may be handed to the user's browser. */
export function isExternalHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'session'>;

/**
 * Keep a page on `origin`: block navigation and redirects elsewhere, deny `window.open`
 * (opening https links in the user's browser instead), refuse `<webview>`, and deny
 * permission requests other than writing to the clipboard.
 */
export function hardenWebContents(
  contents: HardenableContents,
  origin: string,
  shell: Pick<Shell, 'openExternal'>,
  log: (message: string) => void = console.warn,
): void {
  const keepOnOrigin = (event: { preventDefault(): void }, url: string): void => {
    if (!isSameOrigin(url, origin)) {
      event.preventDefault();
      log(`Blocked navigation to ${url}.`);
    }
  };
  contents.on('will-navigate', keepOnOrigin);
  contents.on('will-redirect', keepOnOrigin);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalHttpsUrl(url)) {
      shell
        .openExternal(url)
        .catch((error: unknown) => log(`Could not open ${url}: ${String(error)}`));
    } else {
      log(`Blocked a new window for ${url}.`);
    }
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission));
  });
}

/** What `createMainWindow` needs from Electron. */
export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  shell: Pick<Shell, 'openExternal'>;
  log?: (message: string) => void;
}

/** Create the main window, lock it to the server's origin and load `<baseUrl>/`. */
export function createMainWindow(
  deps: WindowDeps,
  baseUrl: string,
  preloadPath: string,
): BrowserWindow {
  const log = deps.log ?? console.warn;
  const window = new deps.BrowserWindow(mainWindowOptions(preloadPath));
  hardenWebContents(window.webContents, new URL(baseUrl).origin, deps.shell, log);
  window.once('ready-to-show', () => window.show());
  window.loadURL(`${baseUrl}/`).catch((error: unknown) => {
    log(`Could not load ${baseUrl}/: ${String(error)}`);
    if (!window.isDestroyed()) window.show(); // show Chromium's error page rather than nothing
  });
  return window;
}
