/**
 * Main-process IPC handlers behind `window.electronAPI`.
 *
 * Every handler first checks that the call comes from one of the app's own windows showing
 * the server's origin (`isTrustedSender`); anything else is rejected and logged. Payloads
 * are parsed by `ipc-payloads.ts` before use.
 */
import * as fs from 'node:fs/promises';
import type {
  BrowserWindow,
  Dialog,
  IpcMain,
  IpcMainInvokeEvent,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  Shell,
  WebContents,
} from 'electron';
import { forwardApiRequest, type FetchLike } from './api-forwarding';
import { Channel } from './channels';
import type { BackendInfo, OpenFolderResult } from './electron-api';
import {
  parseApiRequest,
  parseFileDialogOptions,
  parseFolderDialogOptions,
  parseFolderPath,
} from './ipc-payloads';

/** Which senders may use the IPC API. */
export interface SenderTrust {
  /** `webContents.id` of each window the app created. */
  webContentsIds: ReadonlySet<number>;
  /** Origin of the app's pages, e.g. `http://127.0.0.1:51234`. */
  origin: string;
}

/** The parts of an IPC event that identify who sent it. */
export interface IpcSender {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

/**
 * Whether an IPC event comes from the app's own window showing the app's own origin.
 *
 * Both must hold: a window we did not create is refused, and so is one of our windows if it
 * somehow shows another page. A missing frame (navigated away or destroyed) is refused.
 */
export function isTrustedSender(event: IpcSender, trust: SenderTrust | null): boolean {
  if (trust === null || !trust.webContentsIds.has(event.sender.id)) return false;
  const url = event.senderFrame?.url;
  if (url === undefined) return false;
  try {
    return new URL(url).origin === trust.origin;
  } catch {
    return false;
  }
}

/** What the handlers need from Electron and from the rest of the main process. */
export interface IpcHandlerDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  shell: Pick<Shell, 'openPath'>;
  /** The running server, or `null` while there is none. */
  backend: () => BackendInfo | null;
  /** Who may call; `null` refuses everyone. */
  trust: () => SenderTrust | null;
  /** The window that owns a sender, used as the parent of native dialogs. */
  windowForSender: (sender: WebContents) => BrowserWindow | null;
  fetch?: FetchLike;
  log?: (message: string) => void;
}

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => unknown;

/** Error message the renderer gets when its window is not trusted. */
export const UNTRUSTED_SENDER_MESSAGE = 'This window is not allowed to use the Dipper API.';

/**
 * Register every `Channel` handler on `ipcMain`.
 *
 * @returns a function that removes the handlers again.
 */
export function registerIpcHandlers(deps: IpcHandlerDeps): () => void {
  const log = deps.log ?? ((message: string) => console.warn(message));
  const requireBackend = (): BackendInfo => {
    const backend = deps.backend();
    if (backend === null) throw new Error('The Dipper server is not running.');
    return backend;
  };

  const handlers: Record<Channel, Handler> = {
    [Channel.ApiRequest]: (_event, payload) =>
      forwardApiRequest(parseApiRequest(payload), requireBackend(), deps.fetch),

    [Channel.OpenFolderDialog]: async (event, payload) => {
      const options = parseFolderDialogOptions(payload);
      const result = await showOpenDialog(deps, event, {
        ...options,
        properties: ['openDirectory', 'createDirectory'],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },

    [Channel.OpenFileDialog]: async (event, payload) => {
      const options = parseFileDialogOptions(payload);
      const result = await showOpenDialog(deps, event, { ...options, properties: ['openFile'] });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },

    [Channel.OpenFilesDialog]: async (event, payload) => {
      const options = parseFileDialogOptions(payload);
      const result = await showOpenDialog(deps, event, {
        ...options,
        properties: ['openFile', 'multiSelections'],
      });
      return result.canceled ? [] : result.filePaths;
    },

    [Channel.SaveFileDialog]: async (event, payload) => {
      const options: SaveDialogOptions = {
        ...parseFileDialogOptions(payload),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = deps.windowForSender(event.sender);
      const result = window
        ? await deps.dialog.showSaveDialog(window, options)
        : await deps.dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },

    [Channel.OpenPath]: (_event, payload) => openFolder(deps.shell, parseFolderPath(payload)),

    [Channel.BackendInfo]: () => {
      const { baseUrl, token } = requireBackend();
      return { baseUrl, token };
    },
  };

  const channels = Object.keys(handlers) as Channel[];
  for (const channel of channels) {
    const handler = handlers[channel];
    deps.ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event, deps.trust())) {
        log(
          `Refused ${channel} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'}).`,
        );
        throw new Error(UNTRUSTED_SENDER_MESSAGE);
      }
      return handler(event, payload);
    });
  }
  return () => {
    for (const channel of channels) deps.ipcMain.removeHandler(channel);
  };
}

function showOpenDialog(
  deps: IpcHandlerDeps,
  event: IpcMainInvokeEvent,
  options: OpenDialogOptions,
): Promise<OpenDialogReturnValue> {
  const window = deps.windowForSender(event.sender);
  return window ? deps.dialog.showOpenDialog(window, options) : deps.dialog.showOpenDialog(options);
}

/** Show a folder in the file manager; files are refused so this never launches a program. */
async function openFolder(
  shell: Pick<Shell, 'openPath'>,
  folder: string,
): Promise<OpenFolderResult> {
  try {
    const stats = await fs.stat(folder);
    if (!stats.isDirectory()) return { ok: false, error: `"${folder}" is a file, not a folder.` };
  } catch {
    return { ok: false, error: `The folder "${folder}" does not exist.` };
  }
  const error = await shell.openPath(folder);
  return error === '' ? { ok: true } : { ok: false, error };
}
