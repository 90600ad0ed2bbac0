/**
 * The `window.electronAPI` surface exposed by the Electron preload — mirrors
 * `electron/src/electron-api.ts` (types only). Present only inside the Electron shell.
 */

/** HTTP methods that `request` forwards. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The server's answer: parsed JSON, raw text, or null; 503 `ServerUnreachable` when it is down. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface ElectronFileFilter {
  name: string;
  /** Extensions without the dot; `'*'` matches everything. */
  extensions: string[];
}

export interface FolderDialogOptions {
  title?: string;
  defaultPath?: string;
}

export interface FileDialogOptions {
  title?: string;
  /** Folder the dialog opens in, or a suggested file path. */
  defaultPath?: string;
  filters?: ElectronFileFilter[];
}

/** Result of `openFolder`: the OS reports failures as text. */
export type OpenFolderResult = { ok: true } | { ok: false; error: string };

export interface BackendInfo {
  baseUrl: string;
  token: string;
}

export interface ElectronAPI {
  /** Send `method path` to the lightweight server; `path` must start with `/api/`. */
  request(method: HttpMethod, path: string, body?: unknown): Promise<ApiResponse>;
  openFolderDialog(options?: FolderDialogOptions): Promise<string | null>;
  openFileDialog(options?: FileDialogOptions): Promise<string | null>;
  /** Several files at once; resolves to [] when the user cancels. */
  openFilesDialog(options?: FileDialogOptions): Promise<string[]>;
  saveFileDialog(options?: FileDialogOptions): Promise<string | null>;
  /** Show a folder in the OS file manager. */
  openFolder(path: string): Promise<OpenFolderResult>;
  backendInfo(): Promise<BackendInfo>;
}

declare global {
  interface Window {
    electronAPI?: ElectronAPI;
  }
}
