/**
 * zod schemas for everything that crosses the API boundary (ARCHITECTURE.md, "HTTP API").
 * Types are inferred from these schemas; nothing is declared twice.
 */
import { z } from 'zod';
import { SpeciesFilterSchema, WandbOptionsSchema, WandbRunLinkSchema } from './wandb-schemas';

export const TaskStatusSchema = z.enum([
  'unstarted',
  'queued',
  'running',
  'completed',
  'failed',
  'canceled',
]);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

export const ProgressSchema = z.object({
  /** Fraction done, 0..1; the server sends null while it cannot tell (shown as 0, waiting). */
  fraction: z
    .number()
    .nullable()
    .optional()
    .transform((value) => Math.min(1, Math.max(0, value ?? 0))),
  message: z
    .string()
    .nullable()
    .optional()
    .transform((value) => value ?? ''),
  /** Estimated seconds left, when the runner can tell. */
  eta_s: z.number().nullable().optional().default(null),
  updated_at: z.string().nullable().optional().default(null),
});
export type Progress = z.infer<typeof ProgressSchema>;

const emptyProgress: Progress = { fraction: 0, message: '', eta_s: null, updated_at: null };

/**
 * What a finished job left in its job folder: the output file names and how many input files could
 * not be read (rows of `failed_files.csv`). The server sends `{}` while a task runs and for tasks
 * recorded before this existed; a malformed field falls back to empty rather than failing the list.
 */
export const TaskResultSchema = z.object({
  outputs: z.array(z.string()).catch([]).default([]),
  failed_files: z.number().int().nonnegative().catch(0).default(0),
  /** The job's Weights & Biases run, when it logged one. */
  wandb: WandbRunLinkSchema.nullish().catch(null),
});
export type TaskResult = z.infer<typeof TaskResultSchema>;

const emptyResult: TaskResult = { outputs: [], failed_files: 0 };

export const TaskSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string().nullable().optional().default(null),
  status: TaskStatusSchema,
  created_at: z.string(),
  started_at: z.string().nullable().optional().default(null),
  ended_at: z.string().nullable().optional().default(null),
  config: z.record(z.string(), z.unknown()).default({}),
  job_dir: z.string().nullable().optional().default(null),
  run_in_parallel: z.boolean().default(false),
  attempt: z.number().int().default(1),
  pid: z.number().nullable().optional().default(null),
  pid_create_time: z.number().nullable().optional().default(null),
  exit_code: z.number().nullable().optional().default(null),
  error: z.string().nullable().optional().default(null),
  progress: ProgressSchema.nullable()
    .optional()
    .transform((value) => value ?? emptyProgress),
  result: TaskResultSchema.nullable()
    .optional()
    .catch(emptyResult)
    .transform((value) => value ?? emptyResult),
});
export type Task = z.infer<typeof TaskSchema>;

export const TaskListSchema = z.object({ tasks: z.array(TaskSchema) });
export type TaskList = z.infer<typeof TaskListSchema>;

export const DeletedSchema = z.object({ deleted: z.string() });

export const TaskLogSchema = z.object({ lines: z.array(z.string()) });
export type TaskLog = z.infer<typeof TaskLogSchema>;

export const HealthSchema = z.object({
  status: z.string(),
  version: z.string(),
  store_warnings: z.array(z.string()).default([]),
});
export type Health = z.infer<typeof HealthSchema>;

export const EnvironmentSchema = z.object({
  status: z.enum(['ready', 'missing', 'installing', 'broken']),
  python: z.string().nullable(),
  spec_hash: z.string(),
  path: z.string(),
  message: z.string(),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export const FileEntrySchema = z.object({
  name: z.string(),
  path: z.string(),
  is_dir: z.boolean(),
  size: z.number().nullable().optional().default(null),
});
export type FileEntry = z.infer<typeof FileEntrySchema>;

export const FileListingSchema = z.object({
  path: z.string().nullable(),
  parent: z.string().nullable(),
  roots: z.array(z.string()),
  entries: z.array(FileEntrySchema),
});
export type FileListing = z.infer<typeof FileListingSchema>;

export const SettingsSchema = z.looseObject({ parallel_tasks: z.boolean() });
export type Settings = z.infer<typeof SettingsSchema>;

export const DemoSchema = z.object({
  audio_dir: z.string().nullable(),
  output_dir: z.string().nullable(),
});
export type Demo = z.infer<typeof DemoSchema>;

export const ConfigSavedSchema = z.object({ path: z.string() });

export const ConfigLoadedSchema = z.object({
  path: z.string(),
  config: z.record(z.string(), z.unknown()),
});
export type ConfigLoaded = z.infer<typeof ConfigLoadedSchema>;

/** The error envelope: `{"error": {"code", "message", "details"}}`. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).nullable().optional(),
  }),
});

/** Audio extensions searched in a folder when a config does not name any. */
export const DEFAULT_AUDIO_EXTENSIONS = ['.wav', '.flac', '.mp3', '.ogg'];

/**
 * Inference config (backend/common/configs.py). Paths are absolute on the server machine. Every field
 * has a default so a partial config (an older task, a hand-written file) loads; unknown keys are
 * dropped. Issue messages are the field labels the form shows ("Fill in: Clip overlap").
 * Requiredness (an output folder, at least one audio source) is checked by the form and the server.
 */
export const InferenceConfigSchema = z.object({
  /** A model name from the model zoo (BirdNET runs offline). */
  model: z.string().min(1, 'Model').default('BirdNET'),
  /** A local model file used instead of `model` (absent/null = the zoo model). */
  model_file: z.string().nullable().optional(),
  audio_dir: z.string().nullable().default(null),
  /** Search `audio_dir`'s subfolders too. */
  recursive: z.boolean().default(true),
  /** File endings searched in `audio_dir`, with the dot. */
  extensions: z.array(z.string()).default(DEFAULT_AUDIO_EXTENSIONS),
  audio_files: z.array(z.string()).default([]),
  audio_globs: z.array(z.string()).default([]),
  /** A text file listing one audio path per line. */
  audio_list_file: z.string().nullable().default(null),
  output_dir: z.string().default(''),
  /** Fraction of each clip shared with the next, 0 ≤ x < 1. */
  overlap_fraction: z
    .number({ error: 'Clip overlap' })
    .min(0, 'Clip overlap')
    .lt(1, 'Clip overlap')
    .default(0),
  /** Clips per batch; null = picked for the machine. */
  batch_size: z
    .number({ error: 'Batch size' })
    .int('Batch size')
    .positive('Batch size')
    .max(1024, 'Batch size')
    .nullable()
    .default(null),
  /** Audio loading workers; null = picked for the machine. */
  num_workers: z
    .number({ error: 'Workers' })
    .int('Workers')
    .min(0, 'Workers')
    .max(64, 'Workers')
    .nullable()
    .default(null),
  device: z.enum(['auto', 'cpu', 'cuda', 'mps']).default('auto'),
  activation: z.enum(['logits', 'sigmoid', 'softmax']).default('logits'),
  /** Keep only these classes (empty = all). */
  subset_classes: z.array(z.string()).default([]),
  /** Text file with one class per line. */
  subset_classes_file: z.string().nullable().default(null),
  /** Run on this many randomly chosen files only; null = all files. */
  test_mode_files: z
    .number({ error: 'Test mode files' })
    .int('Test mode files')
    .positive('Test mode files')
    .nullable()
    .default(null),
  /** Seed for test mode's random choice. */
  seed: z.number({ error: 'Seed' }).int('Seed').default(0),
  /** One output per subfolder of `audio_dir`, named by its relative path. */
  split_by_subfolder: z.boolean().default(false),
  /** Sparse output: drop scores below this logit; null = dense predictions.csv. */
  sparse_save_threshold: z.number({ error: 'Logit floor' }).nullable().default(null),
  /** BirdNET only: keep the species expected at a place and date; null = off. */
  species_filter: SpeciesFilterSchema.nullable().default(null),
  /** Log the run to Weights & Biases; null = off. */
  wandb: WandbOptionsSchema.nullable().default(null),
  /** With a Dipper classifier on BirdNET embeddings: keep every window's embedding in the cache. */
  cache_embeddings: z.boolean().default(true),
  /** The embedding cache folder; null = the Dipper data folder's `embedding_cache`. */
  embedding_cache_dir: z.string().nullable().default(null),
});
export type InferenceConfig = z.infer<typeof InferenceConfigSchema>;

/** Body of POST /api/inference/match-audio: the audio-source fields of an inference config. */
export type AudioMatchRequest = Pick<
  InferenceConfig,
  'audio_dir' | 'recursive' | 'extensions' | 'audio_files' | 'audio_globs' | 'audio_list_file'
>;

/** Which audio files an inference config's sources match (a count, total size and a sample). */
export const AudioMatchSchema = z.object({
  count: z.number(),
  total_bytes: z.number(),
  sample: z.array(z.string()),
  /** The server stopped counting at its limit: `count` is a lower bound. */
  truncated: z.boolean().default(false),
  problems: z.array(z.string()).default([]),
});
export type AudioMatch = z.infer<typeof AudioMatchSchema>;

/** Body of POST /api/tasks. */
export const CreateTaskRequestSchema = z.object({
  kind: z.string(),
  name: z.string().optional(),
  config: z.record(z.string(), z.unknown()),
  run_in_parallel: z.boolean().optional(),
  start: z.boolean().optional(),
});
export type CreateTaskRequest = z.infer<typeof CreateTaskRequestSchema>;
