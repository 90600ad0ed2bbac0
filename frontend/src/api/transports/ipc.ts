/** Electron transport: requests go through the preload's `electronAPI.request` (IPC to the main process). */
import type { ElectronAPI, HttpMethod } from '../electron-api';
import { ApiError } from '../errors';
import type { Transport } from '../transport';

/**
 * Create the IPC transport.
 * @param electronAPI - The preload API exposed on `window.electronAPI`.
 */
export function createIpcTransport(electronAPI: ElectronAPI): Transport {
  return {
    mediaBase: async () => {
      const info = await electronAPI.backendInfo();
      return { baseUrl: info.baseUrl.replace(/\/+$/, ''), token: info.token };
    },
    async request(method, path, body) {
      try {
        return await electronAPI.request(method.toUpperCase() as HttpMethod, path, body);
      } catch (error) {
        throw new ApiError(
          'NetworkError',
          'The Dipper server is not answering. Try restarting the app.',
          { cause: String(error) },
        );
      }
    },
  };
}
