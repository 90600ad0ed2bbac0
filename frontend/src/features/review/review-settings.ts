/**
 * Review display settings (spectrogram, layout, playback, shortcuts), kept in localStorage so they
 * survive a restart. Parsed with zod: a stored value that no longer fits falls back to its default.
 */
import { z } from 'zod';
import { COLORMAPS } from '@/api/review-schemas';
import { reviewDefaults } from '@/theme/tokens';

export const STORAGE_KEY = 'dipper.review.settings.v1';

export const ReviewSettingsSchema = z.object({
  /** STFT window length in seconds. */
  window_s: z.number().min(0.001).max(1).catch(0.0232),
  min_hz: z.number().min(0).catch(0),
  /** null = up to the Nyquist frequency. */
  max_hz: z.number().positive().nullable().catch(null),
  min_db: z.number().catch(-100),
  max_db: z.number().catch(-20),
  colormap: z.enum(COLORMAPS).catch('greys'),
  rows: z.number().int().min(1).max(10).catch(3),
  columns: z.number().int().min(1).max(8).catch(4),
  show_comments: z.boolean().catch(false),
  show_file_name: z.boolean().catch(true),
  show_score: z.boolean().catch(true),
  auto_play: z.boolean().catch(false),
  shortcuts_enabled: z.boolean().catch(true),
  reference_line: z.boolean().catch(false),
  reference_hz: z.number().min(0).catch(4000),
  reference_color: z.string().catch(reviewDefaults.referenceLineColor),
  bandpass: z.boolean().catch(false),
  denoise: z.boolean().catch(false),
  bandpass_low_hz: z.number().min(0).catch(1000),
  bandpass_high_hz: z.number().positive().catch(8000),
  auto_save: z.boolean().catch(true),
  /** Audio shown and played before and after the clip in the focus view, in seconds. */
  focus_context_s: z.number().min(0).max(10).catch(1),
});
export type ReviewSettings = z.infer<typeof ReviewSettingsSchema>;

/** Every setting at its default. */
export const defaultReviewSettings: ReviewSettings = ReviewSettingsSchema.parse({});

/**
 * Stored settings merged over the defaults.
 * @param storage - Where they live (injectable for tests).
 */
export function loadReviewSettings(storage: Storage = window.localStorage): ReviewSettings {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return defaultReviewSettings;
    const stored = JSON.parse(raw) as unknown;
    return ReviewSettingsSchema.parse({ ...defaultReviewSettings, ...(stored as object) });
  } catch {
    return defaultReviewSettings;
  }
}

/** Store the settings (quietly does nothing when storage is unavailable). */
export function storeReviewSettings(
  settings: ReviewSettings,
  storage: Storage = window.localStorage,
): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Private mode or full storage: settings last until reload.
  }
}
