/**
 * Media URLs for the Review tab: the server origin + token asked once, then audio and spectrogram
 * URLs for a clip built from the display settings.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApi } from '@/api/ApiProvider';
import type { AnnotationRow } from '@/api/review-schemas';
import type { ReviewSettings } from './review-settings';

/** Spectrogram size in px requested for grid cards and the focus view. */
export const GRID_IMAGE_PX = { width: 400, height: 200 } as const;
export const FOCUS_IMAGE_PX = { width: 1000, height: 400 } as const;

/** End of a clip's slice: its end_time, else start + 3 s. */
export function clipEnd(row: AnnotationRow): number {
  return row.end_time ?? row.start_time + 3;
}

/**
 * The clip widened by `context_s` on both sides (not before 0 s; the server clips the end to the
 * file), as shown in the focus view.
 */
export function withContext(row: AnnotationRow, context_s: number): AnnotationRow {
  if (context_s <= 0) return row;
  return {
    ...row,
    start_time: Math.max(0, row.start_time - context_s),
    end_time: clipEnd(row) + context_s,
  };
}

/** Builders of a clip's audio and spectrogram URLs (null until the media base is known). */
export function useMediaUrls(settings: ReviewSettings) {
  const api = useApi();
  const base = useQuery({
    queryKey: ['media-base'],
    queryFn: () => api.media.base(),
    staleTime: Infinity,
  }).data;

  const audio = useCallback(
    (row: AnnotationRow) =>
      base
        ? api.media.audioUrl(base, {
            path: row.audio_path,
            start_s: row.start_time,
            end_s: clipEnd(row),
            denoise: settings.denoise ? 1 : null,
          })
        : null,
    [api, base, settings.denoise],
  );

  const { window_s, min_hz, max_hz, min_db, max_db, colormap } = settings;
  const spectrogram = useCallback(
    (row: AnnotationRow, size: { width: number; height: number } = GRID_IMAGE_PX) =>
      base
        ? api.media.spectrogramUrl(base, {
            path: row.audio_path,
            start_s: row.start_time,
            end_s: clipEnd(row),
            window_s,
            min_hz,
            max_hz,
            min_db,
            max_db,
            colormap,
            width_px: size.width,
            height_px: size.height,
          })
        : null,
    [api, base, window_s, min_hz, max_hz, min_db, max_db, colormap],
  );

  return { ready: base !== undefined, audio, spectrogram };
}

export type MediaUrls = ReturnType<typeof useMediaUrls>;
