/**
 * Native dialogs capability. In Electron the preload offers native file dialogs and "open folder";
 * in a browser there are none (`null`) and the UI falls back to the server-side file browser.
 */
import type { ElectronAPI } from './electron-api';
import { ApiError } from './errors';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface DialogOptions {
  title?: string;
  defaultPath?: string;
  filters?: FileFilter[];
}

/** Native dialogs; every picker resolves to the chosen path or null when the user cancels. */
export interface NativeDialogs {
  openFolder(options?: DialogOptions): Promise<string | null>;
  openFile(options?: DialogOptions): Promise<string | null>;
  /** Several files at once; [] when the user cancels. */
  openFiles(options?: DialogOptions): Promise<string[]>;
  saveFile(options?: DialogOptions): Promise<string | null>;
  /** Show a folder in the system file manager; rejects with ApiError when the OS refuses. */
  showFolder(path: string): Promise<void>;
}

/**
 * Wrap the preload API as the dialogs capability.
 * @param electronAPI - The preload API exposed on `window.electronAPI`.
 */
export function createElectronDialogs(electronAPI: ElectronAPI): NativeDialogs {
  return {
    openFolder: (options) =>
      electronAPI.openFolderDialog({ title: options?.title, defaultPath: options?.defaultPath }),
    openFile: (options) => electronAPI.openFileDialog(options),
    openFiles: (options) => electronAPI.openFilesDialog(options),
    saveFile: (options) => electronAPI.saveFileDialog(options),
    showFolder: async (path) => {
      const result = await electronAPI.openFolder(path);
      if (!result.ok) throw new ApiError('OpenFolderFailed', result.error, { path });
    },
  };
}
