/**
 * zod schemas of the Extraction contract (backend/common/extraction_config.py and the
 * `/api/extraction/*` routes): the extraction config, the predictions-folder scan, the metadata CSV
 * answer and a finished task's summary. Types are inferred from these schemas.
 */
import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `HH:MM`, or `HH:MM:SS` as the server also accepts. */
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/** An inclusive date window, `YYYY-MM-DD` to `YYYY-MM-DD`. */
export const DateWindowSchema = z.object({
  start: z.string().regex(ISO_DATE, 'Date window start (YYYY-MM-DD)'),
  end: z.string().regex(ISO_DATE, 'Date window end (YYYY-MM-DD)'),
});
export type DateWindow = z.infer<typeof DateWindowSchema>;

/** A time-of-day window `HH:MM`–`HH:MM`; it may wrap midnight (22:00–02:00). */
export const TimeWindowSchema = z.object({
  start: z.string().regex(CLOCK_TIME, 'Time window start (HH:MM)'),
  end: z.string().regex(CLOCK_TIME, 'Time window end (HH:MM)'),
});
export type TimeWindow = z.infer<typeof TimeWindowSchema>;

/** Default score-percentile bins of the score-bin strategy. */
export const DEFAULT_SCORE_BINS: [number, number][] = [
  [0, 75],
  [75, 90],
  [90, 95],
  [95, 100],
];

const clipCount = z.number().int().positive();

/** Default candidates per stratum the diversity and hybrid strategies embed at most. */
export const DEFAULT_MAX_POOL = 2000;

/**
 * Decision threshold of the uncertainty and hybrid strategies, a probability; null (the default) is
 * "auto": per class, no / (yes + no) of its labels in the already-labelled files (0.5 while a class
 * has no yes or no label).
 */
const decisionThreshold = z.number().gt(0).lt(1).nullable().default(null);
const candidatePool = z.number().int().positive().default(DEFAULT_MAX_POOL);

/** One selection strategy, drawn within every stratum of every class. */
export const StrategySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('random'), n: clipCount }),
  z.object({
    kind: z.literal('score_bins'),
    /** Clips per percentile bin. */
    n: clipCount,
    bins: z
      .array(z.tuple([z.number(), z.number()]))
      .min(1)
      .default(DEFAULT_SCORE_BINS),
  }),
  z.object({ kind: z.literal('top'), n: clipCount }),
  z.object({ kind: z.literal('score_weighted'), n: clipCount }),
  z.object({ kind: z.literal('zscore_weighted'), n: clipCount }),
  z.object({
    kind: z.literal('uncertainty'),
    n: clipCount,
    /** The clips whose probability is closest to it are picked (logits go through a sigmoid). */
    threshold: decisionThreshold,
  }),
  z.object({
    kind: z.literal('diversity'),
    n: clipCount,
    /** Candidates per stratum embedded at most (a random sample of this size when there are more). */
    max_pool: candidatePool,
  }),
  z.object({
    kind: z.literal('hybrid'),
    n: clipCount,
    threshold: decisionThreshold,
    max_pool: candidatePool,
  }),
]);
export type Strategy = z.infer<typeof StrategySchema>;
export type StrategyKind = Strategy['kind'];

/**
 * Extraction config. Paths are absolute on the server machine. Every field has a default so a partial
 * config (a prefill from an inference task, a hand-written file) loads; unknown keys are dropped.
 * Requiredness (classes, output folder, strategies) is checked by the form and the server.
 */
export const ExtractionConfigSchema = z.object({
  kind: z.literal('extraction').default('extraction'),
  /** Folder of inference outputs, searched recursively for predictions*.csv / sparse_predictions*.pkl. */
  predictions_dir: z.string().default(''),
  /** Where relative `file` paths in the predictions resolve; null = they are absolute. */
  audio_root: z.string().nullable().default(null),
  classes: z.array(z.string()).default([]),
  /** Scores below this are dropped; null = keep every score. */
  score_threshold: z.number().nullable().default(null),
  date_windows: z.array(DateWindowSchema).default([]),
  time_windows: z.array(TimeWindowSchema).default([]),
  stratify_by_subfolder: z.boolean().default(false),
  stratify_by_file: z.boolean().default(false),
  stratify_by_week: z.boolean().default(false),
  stratify_date_windows: z.array(DateWindowSchema).default([]),
  /** CSV with a `folder` column; its other columns can be strata. */
  metadata_csv: z.string().nullable().default(null),
  metadata_columns: z.array(z.string()).default([]),
  strategies: z.array(StrategySchema).default([]),
  seed: z.number().int().default(0),
  mode: z.enum(['binary', 'multiclass']).default('binary'),
  /** Annotation CSVs are written directly here. */
  output_dir: z.string().default(''),
  export_clips: z.boolean().default(false),
  /** Total length of each exported clip, centred on its window; required with export_clips. */
  clip_duration_s: z.number().positive().nullable().default(null),
  /**
   * Annotation CSVs already reviewed (absolute paths): their labelled windows are never picked
   * again, and anchor the diversity and hybrid strategies.
   */
  labelled_annotation_files: z.array(z.string()).default([]),
  /** Where BirdNET embeddings are cached; null = the Dipper data folder's `embedding_cache`. */
  embedding_cache_dir: z.string().nullable().default(null),
  /** Set by the server. */
  job_dir: z.string().nullable().default(null),
});
export type ExtractionConfig = z.infer<typeof ExtractionConfigSchema>;

const ProblemSchema = z.object({ path: z.string().nullable().default(null), message: z.string() });
export type ExtractionProblem = z.infer<typeof ProblemSchema>;

/** One predictions file found by the scan. */
export const ScannedFileSchema = z.object({
  path: z.string(),
  relative_path: z.string(),
  format: z.enum(['dense', 'sparse']),
  rows: z.number(),
  subfolder: z.string().nullable().default(null),
});
export type ScannedFile = z.infer<typeof ScannedFileSchema>;

/** Answer of POST /api/extraction/scan: the predictions found, their classes and timestamps. */
export const ExtractionScanSchema = z.object({
  predictions_dir: z.string(),
  files: z.array(ScannedFileSchema),
  rows: z.number(),
  classes: z.array(z.string()),
  problems: z.array(ProblemSchema).default([]),
  timestamps: z.object({
    parsed_files: z.number(),
    unparsed_files: z.array(z.string()).default([]),
    unparsed_count: z.number(),
    first_date: z.string().nullable().default(null),
    last_date: z.string().nullable().default(null),
  }),
});
export type ExtractionScan = z.infer<typeof ExtractionScanSchema>;

/** Answer of POST /api/extraction/metadata: the metadata CSV's columns besides `folder`. */
export const ExtractionMetadataSchema = z.object({
  columns: z.array(z.object({ name: z.string(), unique_values: z.number() })),
  rows: z.number(),
  problems: z.array(ProblemSchema).default([]),
});
export type ExtractionMetadata = z.infer<typeof ExtractionMetadataSchema>;

/** One line of a finished extraction's summary. */
export const ExtractionSummaryRowSchema = z.object({
  class: z.string(),
  stratum: z.string(),
  strategy: z.string(),
  available: z.number(),
  requested: z.number(),
  selected: z.number(),
  note: z
    .string()
    .nullable()
    .optional()
    .transform((value) => value ?? ''),
});
export type ExtractionSummaryRow = z.infer<typeof ExtractionSummaryRowSchema>;

/** Answer of POST /api/extraction/summary. */
export const ExtractionSummarySchema = z.object({
  rows: z.array(ExtractionSummaryRowSchema),
  /** Annotation CSVs first, then the summary CSV. */
  outputs: z.array(z.string()),
  /** The folder the Review tab resolves the CSV's `file` paths against. */
  review_audio_root: z.string().nullable().default(null),
});
export type ExtractionSummary = z.infer<typeof ExtractionSummarySchema>;
