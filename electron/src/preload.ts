/**
 * Preload script: exposes `window.electronAPI` (see `electron-api.ts`) to the renderer.
 *
 * It runs in a sandboxed renderer, so it must stay self-contained: the only run-time
 * `require` is `electron` (channel names are const-enum members, inlined by the compiler).
 * The renderer never sees `ipcRenderer` itself, only these named functions.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { Channel } from './channels';
import type { ElectronAPI } from './electron-api';

const electronAPI: ElectronAPI = {
  request: (method, path, body) => ipcRenderer.invoke(Channel.ApiRequest, { method, path, body }),
  openFolderDialog: (options) => ipcRenderer.invoke(Channel.OpenFolderDialog, options),
  openFileDialog: (options) => ipcRenderer.invoke(Channel.OpenFileDialog, options),
  openFilesDialog: (options) => ipcRenderer.invoke(Channel.OpenFilesDialog, options),
  saveFileDialog: (options) => ipcRenderer.invoke(Channel.SaveFileDialog, options),
  openFolder: (path) => ipcRenderer.invoke(Channel.OpenPath, path),
  backendInfo: () => ipcRenderer.invoke(Channel.BackendInfo),
};

contextBridge.exposeInMainWorld('electronAPI', electronAPI);
