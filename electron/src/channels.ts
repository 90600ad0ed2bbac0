/**
 * IPC channel names shared by the main process and the preload script.
 *
 * This is a `const enum` on purpose: the preload runs in a sandboxed renderer, where
 * `require` only knows `electron` and a few Node built-ins, so it cannot load a sibling
 * module at run time. The TypeScript compiler inlines const-enum members at every use
 * site and drops the import, so both sides share one definition here while the compiled
 * `preload.js` stays self-contained (a test checks that it requires only `electron`).
 * `preserveConstEnums` keeps the runtime object for tests and tooling.
 */
export const enum Channel {
  /** Forward an `/api/...` request to the lightweight server with the session token. */
  ApiRequest = 'api:request',
  /** Native "choose a folder" dialog. */
  OpenFolderDialog = 'dialog:openFolder',
  /** Native "choose a file" dialog. */
  OpenFileDialog = 'dialog:openFile',
  /** Native "choose files" dialog (several at once). */
  OpenFilesDialog = 'dialog:openFiles',
  /** Native "save as" dialog. */
  SaveFileDialog = 'dialog:saveFile',
  /** Show a folder in the OS file manager. */
  OpenPath = 'shell:openPath',
  /** Base URL and token of the running lightweight server. */
  BackendInfo = 'backend:info',
}
