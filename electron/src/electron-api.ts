/**
 * The `window.electronAPI` surface that the preload script exposes to the renderer.
 *
 * This file holds types only and imports nothing, so the frontend can mirror it verbatim
 * (its IPC transport checks `window.electronAPI` at start-up). Every function returns a
 * promise because each call crosses the process boundary with `ipcRenderer.invoke`.
 */

/** HTTP methods that `request` forwards. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The lightweight server's answer to a forwarded request.
 *
 * `body` is the parsed JSON body, the raw text when the answer is not JSON, or `null` when
 * it is empty. When the server cannot be reached the main process answers status 503 with
 * the server's error shape: `{"error": {"code": "ServerUnreachable", "message": ..., "details": {}}}`.
 */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** A file-type filter in a native dialog, e.g. `{ name: 'Config', extensions: ['json'] }`. */
export interface FileFilter {
  name: string;
  /** Extensions without the dot; `'*'` matches everything. */
  extensions: string[];
}

/** Options for the folder dialog. */
export interface FolderDialogOptions {
  title?: string;
  /** Folder the dialog opens in. */
  defaultPath?: string;
}

/** Options for the open-file and save-file dialogs. */
export interface FileDialogOptions {
  title?: string;
  /** Folder the dialog opens in, or a suggested file path. */
  defaultPath?: string;
  filters?: FileFilter[];
}

/** Result of `openFolder`: the OS reports failures (missing folder, no file manager) as text. */
export type OpenFolderResult = { ok: true } | { ok: false; error: string };

/** Where the lightweight server listens and the token that `/api/*` requests need. */
export interface BackendInfo {
  /** e.g. `http://127.0.0.1:51234` (no trailing slash). */
  baseUrl: string;
  /** Send as `Authorization: Bearer <token>`, or `?token=` in media URLs. */
  token: string;
}

/** `window.electronAPI`, present only when the renderer runs inside the Electron shell. */
export interface ElectronAPI {
  /** Send `method path` to the lightweight server; `path` must start with `/api/`. */
  request(method: HttpMethod, path: string, body?: unknown): Promise<ApiResponse>;
  /** Ask the user for a folder; resolves to its absolute path, or `null` if canceled. */
  openFolderDialog(options?: FolderDialogOptions): Promise<string | null>;
  /** Ask the user for an existing file; resolves to its absolute path, or `null` if canceled. */
  openFileDialog(options?: FileDialogOptions): Promise<string | null>;
  /** Several files at once; resolves to [] when the user cancels. */
  openFilesDialog(options?: FileDialogOptions): Promise<string[]>;
  /** Ask the user where to save a file; resolves to the chosen path, or `null` if canceled. */
  saveFileDialog(options?: FileDialogOptions): Promise<string | null>;
  /** Show a folder (e.g. a job folder) in the OS file manager. Files are refused. */
  openFolder(path: string): Promise<OpenFolderResult>;
  /** Base URL and token of the server, for URLs the browser loads itself (audio, images). */
  backendInfo(): Promise<BackendInfo>;
}
