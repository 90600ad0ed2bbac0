import { describe, expect, it, vi } from 'vitest';
import { audioUrl, createApi, spectrogramUrl } from '@/api/client';
import { createHttpTransport } from '@/api/transports/http';
import { createIpcTransport } from '@/api/transports/ipc';
import type { ElectronAPI } from '@/api/electron-api';
import { withContext } from '@/features/review/useMediaUrls';
import { FakeTransport } from '../../support/fake-transport';
import { row } from './review-fixtures';

describe('media URLs', () => {
  it('put the slice, display parameters and token in the query', () => {
    const base = { baseUrl: 'http://127.0.0.1:8765', token: 't0k' };
    expect(audioUrl(base, { path: '/a b/c.wav', start_s: 3, end_s: 6 })).toBe(
      'http://127.0.0.1:8765/api/audio?path=%2Fa+b%2Fc.wav&start_s=3&end_s=6&token=t0k',
    );
    expect(audioUrl(base, { path: '/c.wav', start_s: 0, end_s: 3, denoise: 1 })).toBe(
      'http://127.0.0.1:8765/api/audio?path=%2Fc.wav&start_s=0&end_s=3&denoise=1&token=t0k',
    );
    const url = new URL(
      spectrogramUrl(base, {
        path: '/x.wav',
        start_s: 0,
        end_s: 3,
        window_s: 0.0232,
        min_hz: 0,
        max_hz: null,
        min_db: -100,
        max_db: -20,
        colormap: 'greys',
        width_px: 400,
        height_px: 200,
      }),
    );
    expect(url.pathname).toBe('/api/spectrogram');
    expect(url.searchParams.has('max_hz')).toBe(false);
    expect(url.searchParams.get('window_s')).toBe('0.0232');
    expect(url.searchParams.get('token')).toBe('t0k');
  });

  it('take origin and token from the transport (HTTP, Electron) or same origin without one', async () => {
    const http = createHttpTransport({ token: 'abc', baseUrl: '', fetchFn: vi.fn() });
    await expect(createApi(http).media.base()).resolves.toEqual({ baseUrl: '', token: 'abc' });
    const electron = {
      backendInfo: vi.fn(async () => ({ baseUrl: 'http://127.0.0.1:5000/', token: 'e' })),
    } as unknown as ElectronAPI;
    await expect(createApi(createIpcTransport(electron)).media.base()).resolves.toEqual({
      baseUrl: 'http://127.0.0.1:5000',
      token: 'e',
    });
    await expect(createApi(new FakeTransport()).media.base()).resolves.toEqual({
      baseUrl: '',
      token: null,
    });
  });
});

describe('focus context', () => {
  it('widens the slice on both sides, never before 0 s', () => {
    const clip = row(1); // 3–6 s
    expect(withContext(clip, 1)).toMatchObject({ start_time: 2, end_time: 7 });
    expect(withContext(row(0), 1)).toMatchObject({ start_time: 0, end_time: 4 });
    expect(withContext(clip, 0)).toBe(clip);
  });
});
