/**
 * zod schemas for everything that crosses the API boundary (ARCHITECTURE.md, "HTTP API").
 * Types are inferred from these schemas; nothing is declared twice.
 */
import { z } from 'zod';

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

/** Inference config v1 (backend/common/configs.py). Paths are absolute on the server machine. */
export const InferenceConfigSchema = z.object({
  model: z.literal('BirdNET'),
  audio_dir: z.string().trim().min(1, 'Audio folder'),
  extensions: z.array(z.string()).default(['.wav', '.flac', '.mp3', '.ogg']),
  output_dir: z.string().trim().min(1, 'Output folder'),
  batch_size: z.number().int().positive().default(1),
  num_workers: z.number().int().min(0).default(0),
  activation: z.enum(['logits', 'sigmoid', 'softmax']).default('logits'),
});
export type InferenceConfig = z.infer<typeof InferenceConfigSchema>;

/** Body of POST /api/tasks. */
export const CreateTaskRequestSchema = z.object({
  kind: z.string(),
  name: z.string().optional(),
  config: z.record(z.string(), z.unknown()),
  run_in_parallel: z.boolean().optional(),
  start: z.boolean().optional(),
});
export type CreateTaskRequest = z.infer<typeof CreateTaskRequestSchema>;
