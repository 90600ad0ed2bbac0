import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '@/api/client';
import type { ElectronAPI } from '@/api/electron-api';
import { selectTransport } from '@/api/select-transport';

function fakeElectronAPI(): ElectronAPI {
  return {
    request: vi.fn(async () => ({
      status: 200,
      body: { status: 'ok', version: '9.9.9', store_warnings: [] },
    })),
    openFolderDialog: vi.fn(async () => '/picked/folder'),
    openFileDialog: vi.fn(async () => null),
    openFilesDialog: vi.fn(async () => []),
    saveFileDialog: vi.fn(async () => null),
    openFolder: vi.fn(async (path: string) =>
      path === '/missing'
        ? { ok: false as const, error: 'Folder not found' }
        : { ok: true as const },
    ),
    backendInfo: vi.fn(async () => ({
      baseUrl: 'http://127.0.0.1:1',
      token: 't',
    })),
  };
}

describe('selectTransport', () => {
  afterEach(() => {
    delete window.electronAPI;
  });

  it('picks IPC and native dialogs when window.electronAPI exists', async () => {
    const electronAPI = fakeElectronAPI();
    window.electronAPI = electronAPI;
    const selected = selectTransport();
    expect(selected.kind).toBe('ipc');

    const api = createApi(selected.transport, { dialogs: selected.dialogs });
    expect((await api.health()).version).toBe('9.9.9');
    expect(electronAPI.request).toHaveBeenCalledWith('GET', '/api/health', undefined);
    expect(await api.dialogs?.openFolder({ title: 'Audio' })).toBe('/picked/folder');
    await api.dialogs?.showFolder('/jobs/a');
    expect(electronAPI.openFolder).toHaveBeenCalledWith('/jobs/a');
    await expect(api.dialogs?.showFolder('/missing')).rejects.toThrow('Folder not found');
  });

  it('picks HTTP without dialogs in a browser', () => {
    const selected = selectTransport();
    expect(selected.kind).toBe('http');
    expect(selected.dialogs).toBeNull();
  });
});
