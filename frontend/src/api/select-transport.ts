/** Start-up choice of transport: Electron IPC when the preload API is present, else HTTP. */
import { createElectronDialogs, type NativeDialogs } from './dialogs';
import type { Transport } from './transport';
import { createHttpTransport } from './transports/http';
import { createIpcTransport } from './transports/ipc';

export interface SelectedTransport {
  kind: 'ipc' | 'http';
  transport: Transport;
  dialogs: NativeDialogs | null;
}

/**
 * Pick the transport once, at start-up.
 * @param win - The window to inspect (injectable for tests).
 */
export function selectTransport(win: Window = window): SelectedTransport {
  const electronAPI = win.electronAPI;
  if (electronAPI) {
    return {
      kind: 'ipc',
      transport: createIpcTransport(electronAPI),
      dialogs: createElectronDialogs(electronAPI),
    };
  }
  return { kind: 'http', transport: createHttpTransport(), dialogs: null };
}
