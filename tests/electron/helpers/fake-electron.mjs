// In-memory stand-ins for the Electron main-process and preload modules.
//
// Each fake records what the code under test did with it (windows created, URLs loaded,
// handlers registered, dialogs shown, quit requests) so tests can assert on it. Only the
// members the shell uses exist; a call to anything else fails loudly.
import { EventEmitter } from 'node:events';

/** An Electron-like event whose default action can be prevented. */
export function fakeEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** Fake `electron` for the main process: app, BrowserWindow, dialog, shell, ipcMain. */
export function createFakeElectron({ whenReady = Promise.resolve(), singleInstance = true } = {}) {
  let nextWebContentsId = 100;

  class FakeWebContents extends EventEmitter {
    constructor() {
      super();
      this.id = nextWebContentsId++;
      this.windowOpenHandler = null;
      this.permissionHandler = null;
      this.session = {
        setPermissionRequestHandler: (handler) => {
          this.permissionHandler = handler;
        },
      };
    }

    setWindowOpenHandler(handler) {
      this.windowOpenHandler = handler;
    }

    /** Simulate a navigation; returns true if the page would have navigated. */
    navigate(url, eventName = 'will-navigate') {
      const event = fakeEvent();
      this.emit(eventName, event, url);
      return !event.defaultPrevented;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static instances = [];

    static fromWebContents(contents) {
      return FakeBrowserWindow.instances.find((window) => window.webContents === contents) ?? null;
    }

    constructor(options) {
      super();
      this.options = options;
      this.webContents = new FakeWebContents();
      this.loadedUrls = [];
      this.shown = false;
      this.destroyed = false;
      FakeBrowserWindow.instances.push(this);
    }

    loadURL(url) {
      this.loadedUrls.push(url);
      return Promise.resolve();
    }

    show() {
      this.shown = true;
    }

    isDestroyed() {
      return this.destroyed;
    }

    isMinimized() {
      return false;
    }

    restore() {}

    focus() {
      this.focused = true;
    }

    close() {
      this.destroyed = true;
      this.emit('closed');
      if (FakeBrowserWindow.instances.every((window) => window.destroyed))
        app.emit('window-all-closed');
    }
  }

  const app = new EventEmitter();
  Object.assign(app, {
    isPackaged: false,
    quitRequests: 0,
    /** True once a quit went through (no before-quit handler prevented it). */
    exited: false,
    whenReady: () => whenReady,
    requestSingleInstanceLock: () => singleInstance,
    getAppPath: () => '/nonexistent/dipper/electron',
    quit() {
      app.quitRequests += 1;
      if (app.exited) return;
      const event = fakeEvent();
      app.emit('before-quit', event);
      if (!event.defaultPrevented) {
        app.exited = true;
        app.emit('will-quit', fakeEvent());
      }
    },
  });

  const ipcMain = {
    handlers: new Map(),
    handle(channel, handler) {
      if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      this.handlers.set(channel, handler);
    },
    removeHandler(channel) {
      this.handlers.delete(channel);
    },
    /** Call a handler the way ipcRenderer.invoke would (errors become rejections). */
    async invoke(channel, event, payload) {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler(event, payload);
    },
  };

  const dialog = {
    calls: [],
    errorBoxes: [],
    openResult: { canceled: false, filePaths: ['/chosen/path'] },
    saveResult: { canceled: false, filePath: '/chosen/file.json' },
    async showOpenDialog(...args) {
      this.calls.push({ kind: 'open', args });
      return this.openResult;
    },
    async showSaveDialog(...args) {
      this.calls.push({ kind: 'save', args });
      return this.saveResult;
    },
    showErrorBox(title, content) {
      this.errorBoxes.push({ title, content });
    },
  };

  const shell = {
    openedPaths: [],
    openedExternal: [],
    openPathResult: '',
    async openPath(path) {
      this.openedPaths.push(path);
      return this.openPathResult;
    },
    async openExternal(url) {
      this.openedExternal.push(url);
    },
  };

  return { app, BrowserWindow: FakeBrowserWindow, dialog, shell, ipcMain };
}

/** An IPC event as sent by `window` showing `url` (defaults to its first loaded URL). */
export function eventFrom(window, url = window.loadedUrls[0]) {
  return { sender: window.webContents, senderFrame: url === null ? null : { url } };
}

/** Fake `electron` for the preload: contextBridge and ipcRenderer that record calls. */
export function createFakePreloadElectron() {
  const exposed = {};
  const invocations = [];
  return {
    exposed,
    invocations,
    contextBridge: {
      exposeInMainWorld(key, api) {
        exposed[key] = api;
      },
    },
    ipcRenderer: {
      invoke(channel, ...args) {
        invocations.push({ channel, args });
        return Promise.resolve({ channel, args });
      },
    },
  };
}
