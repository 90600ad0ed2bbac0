/**
 * The main process's life cycle, with Electron and the server passed in.
 *
 * On `ready`: start the server (an error dialog and quit if that fails), register the IPC
 * handlers, open the window on the server's page. On quit, closing the last window, or an
 * unexpected server exit: stop the server before the app exits. `main.ts` wires this to
 * the real Electron modules; tests drive it with fakes.
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  IpcMain,
  Shell,
} from 'electron';
import { registerIpcHandlers, type SenderTrust } from './ipc-handlers';
import { describeExit, type ServerExit } from './server-process';
import { createMainWindow } from './window';

/** The parts of Electron the main process uses. */
export interface MainElectron {
  app: Pick<App, 'whenReady' | 'on' | 'quit' | 'requestSingleInstanceLock'>;
  BrowserWindow: Pick<typeof BrowserWindow, 'fromWebContents'> &
    (new (options: BrowserWindowConstructorOptions) => BrowserWindow);
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showErrorBox'>;
  shell: Pick<Shell, 'openPath' | 'openExternal'>;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
}

/** A started server as the life cycle sees it (`ServerProcess` fits). */
export interface RunningServer {
  baseUrl: string;
  token: string;
  exited: Promise<ServerExit>;
  readonly stopRequested: boolean;
  stop(): Promise<void>;
  stderrTail(): string[];
}

export interface MainDeps {
  electron: MainElectron;
  /** Start the server and resolve when it is healthy; reject with a user-facing message. */
  startServer: () => Promise<RunningServer>;
  /** Absolute path of the compiled preload script. */
  preloadPath: string;
  log?: (message: string) => void;
}

export interface DipperMain {
  /**
   * Register the app events and begin start-up. Resolves when the window is open, or when
   * start-up has failed and the app is quitting.
   */
  start(): Promise<void>;
}

/** Build the main process (see the module comment). */
export function createMain(deps: MainDeps): DipperMain {
  const { app, dialog, ipcMain, shell } = deps.electron;
  const log = deps.log ?? ((message: string) => console.log(message));
  const windowIds = new Set<number>();
  let mainWindow: BrowserWindow | null = null;
  let server: RunningServer | null = null;
  /** Settles with the server, or `null` if it failed; set once start-up begins. */
  let serverReady: Promise<RunningServer | null> | null = null;
  let quitting = false;
  let shutdown: Promise<void> | null = null;
  let shutdownDone = false;
  let disposeIpc: (() => void) | null = null;

  const trust = (): SenderTrust | null =>
    server === null ? null : { webContentsIds: windowIds, origin: new URL(server.baseUrl).origin };

  function openWindow(running: RunningServer): void {
    const window = createMainWindow(
      { BrowserWindow: deps.electron.BrowserWindow, shell, log },
      running.baseUrl,
      deps.preloadPath,
    );
    const id = window.webContents.id;
    windowIds.add(id);
    window.on('closed', () => {
      windowIds.delete(id);
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  }

  function watchForCrash(running: RunningServer): void {
    void running.exited.then((exit) => {
      if (running.stopRequested || quitting) return;
      const tail = running.stderrTail();
      dialog.showErrorBox(
        'The Dipper server stopped',
        `The Dipper server stopped unexpectedly (${describeExit(exit)}). ` +
          'Dipper will close now; open it again to continue.' +
          (tail.length > 0 ? `\n\nLast lines of its error output:\n${tail.join('\n')}` : ''),
      );
      app.quit();
    });
  }

  async function startUp(): Promise<RunningServer | null> {
    try {
      return await deps.startServer();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`Server start failed: ${message}`);
      if (!quitting) {
        dialog.showErrorBox('Dipper could not start', message);
        app.quit();
      }
      return null;
    }
  }

  async function onReady(): Promise<void> {
    serverReady = startUp();
    const running = await serverReady;
    if (running === null || quitting) return; // a quit during start-up stops it in before-quit
    server = running;
    watchForCrash(running);
    disposeIpc = registerIpcHandlers({
      ipcMain,
      dialog,
      shell,
      backend: () => server,
      trust,
      windowForSender: (sender) => deps.electron.BrowserWindow.fromWebContents(sender),
      log,
    });
    openWindow(running);
  }

  function onBeforeQuit(event: { preventDefault(): void }): void {
    quitting = true;
    if (shutdownDone || serverReady === null) return;
    event.preventDefault(); // Electron does not wait for promises: quit again once stopped
    shutdown ??= serverReady
      .then((running) => running?.stop())
      .catch((error: unknown) => log(`Stopping the server failed: ${String(error)}`))
      .finally(() => {
        shutdownDone = true;
        disposeIpc?.();
        app.quit();
      });
  }

  return {
    start(): Promise<void> {
      if (!app.requestSingleInstanceLock()) {
        app.quit();
        return Promise.resolve();
      }
      app.on('second-instance', () => {
        if (mainWindow === null) return;
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.focus();
      });
      app.on('window-all-closed', () => app.quit());
      app.on('before-quit', onBeforeQuit);
      return app.whenReady().then(onReady);
    },
  };
}
