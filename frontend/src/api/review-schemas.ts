/**
 * zod schemas for the Review routes (`/api/annotations/*`, and the query parameters of `/api/audio`
 * and `/api/spectrogram`). Shared contract with the Review backend: docs/review.md.
 */
import { z } from 'zod';

/** One clip of an annotation task CSV as the server reads it. */
export const AnnotationRowSchema = z.object({
  /** Row position in the CSV (0-based); saves refer to rows by it. */
  index: z.number().int().nonnegative(),
  file: z.string(),
  start_time: z.number(),
  end_time: z.number().nullable().optional().default(null),
  /** Raw cell: binary yes/no/uncertain/"", multiclass "['a','b']" / "[]" / "". */
  annotation: z
    .string()
    .nullable()
    .optional()
    .transform((value) => value ?? ''),
  comments: z
    .string()
    .nullable()
    .optional()
    .transform((value) => value ?? ''),
  scores: z.record(z.string(), z.number().nullable()).default({}),
  group: z.string().nullable().optional().default(null),
  /** Absolute path the server tried (root audio folder joined for relative paths). */
  audio_path: z.string(),
  audio_exists: z.boolean(),
});
export type AnnotationRow = z.infer<typeof AnnotationRowSchema>;

export const AnnotationTaskSchema = z.object({
  path: z.string(),
  /** File modification time in ns, as a string (too big for a JS number). */
  mtime_ns: z.string(),
  columns: z.array(z.string()),
  score_columns: z.array(z.string()).default([]),
  group_column: z.string().nullable().optional().default(null),
  mode_guess: z.enum(['binary', 'multiclass']).default('binary'),
  classes_guess: z.array(z.string()).default([]),
  total_rows: z.number().int().nonnegative(),
  dropped_below_threshold: z.number().int().nonnegative().default(0),
  rows: z.array(AnnotationRowSchema),
});
export type AnnotationTask = z.infer<typeof AnnotationTaskSchema>;

/** Body of `POST /api/annotations/load`. */
export interface AnnotationLoadRequest {
  path: string;
  audio_root?: string | null;
  score_threshold?: number | null;
  score_column?: string | null;
}

/** One edited row in a save. */
export interface AnnotationEdit {
  index: number;
  annotation: string;
  comments: string;
}

/** Body of `POST /api/annotations/save`. */
export interface AnnotationSaveRequest {
  path: string;
  source_path: string;
  rows: AnnotationEdit[];
  /** mtime_ns of `path` when last loaded/saved; null when it is a new file. */
  expected_mtime_ns: string | null;
  overwrite?: boolean;
}

export const AnnotationSavedSchema = z.object({
  path: z.string(),
  mtime_ns: z.string(),
  saved_rows: z.number().int().nonnegative(),
});
export type AnnotationSaved = z.infer<typeof AnnotationSavedSchema>;

/** Query of `GET /api/audio` (times in seconds; the whole file when omitted). */
export interface AudioParams {
  path: string;
  start_s?: number | null;
  end_s?: number | null;
}

/** Query of `GET /api/audio`: a slice, optionally with the steady background lowered. */
export interface AudioRequestParams extends AudioParams {
  /** 1 = spectral-gating denoise for listening; omitted = the audio as recorded. */
  denoise?: 1 | null;
}

/** Query of `GET /api/spectrogram`; units in the names (seconds, Hz, dB, px). */
export interface SpectrogramParams extends AudioParams {
  window_s: number;
  min_hz: number;
  /** null = Nyquist. */
  max_hz: number | null;
  min_db: number;
  max_db: number;
  colormap: SpectrogramColormap;
  width_px: number;
  height_px: number;
}

export const COLORMAPS = ['greys', 'viridis', 'magma', 'inferno', 'plasma'] as const;
export type SpectrogramColormap = (typeof COLORMAPS)[number];
