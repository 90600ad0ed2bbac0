/**
 * The API client: one typed method per route in ARCHITECTURE.md. Every response is parsed with its
 * zod schema; every non-2xx answer becomes an `ApiError` carrying the server's code and message.
 */
import type { z } from 'zod';
import type { NativeDialogs } from './dialogs';
import { ApiError } from './errors';
import {
  ExtractionMetadataSchema,
  ExtractionScanSchema,
  ExtractionSummarySchema,
} from './extraction-schemas';
import {
  ApiErrorBodySchema,
  AudioMatchSchema,
  ConfigLoadedSchema,
  ConfigSavedSchema,
  DeletedSchema,
  DemoSchema,
  EnvironmentSchema,
  FileListingSchema,
  HealthSchema,
  SettingsSchema,
  TaskListSchema,
  TaskLogSchema,
  TaskSchema,
  type AudioMatchRequest,
  type CreateTaskRequest,
  type Settings,
} from './schemas';
import {
  AnnotationSavedSchema,
  AnnotationTaskSchema,
  type AnnotationLoadRequest,
  type AnnotationSaveRequest,
  type AudioRequestParams,
  type SpectrogramParams,
} from './review-schemas';
import { LoopSchema } from './loop-schemas';
import { LabelSummarySchema, TrainingSummarySchema, type LabelSources } from './training-schemas';
import { ModelCatalogSchema, ModelClassesSchema, ModelFileInfoSchema } from './models-schemas';
import type { MediaBase, Transport } from './transport';
import { SpeciesListSchema, WandbStatusSchema, type SpeciesFilter } from './wandb-schemas';

function errorFromResponse(status: number, body: unknown): ApiError {
  const parsed = ApiErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(code, message, details ?? {}, status);
  }
  const text = typeof body === 'string' && body.trim() ? `: ${body.trim().slice(0, 200)}` : '';
  return new ApiError('HttpError', `The server answered with status ${status}${text}`, {}, status);
}

/** Send one request and parse the answer, or throw ApiError. */
async function call<S extends z.ZodType>(
  transport: Transport,
  schema: S,
  method: string,
  path: string,
  body?: unknown,
): Promise<z.output<S>> {
  const response = await transport.request(method, path, body);
  if (response.status < 200 || response.status >= 300) {
    throw errorFromResponse(response.status, response.body);
  }
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) {
    throw new ApiError(
      'InvalidResponse',
      `The server sent an answer the app does not understand (${method} ${path}).`,
      { issues: parsed.error.issues },
      response.status,
    );
  }
  return parsed.data;
}

const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** A media URL: the route with its query (null/undefined values left out) and the token. */
function mediaUrl(base: MediaBase, route: string, params: object): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) query.set(key, String(value));
  }
  if (base.token) query.set('token', base.token);
  return `${base.baseUrl}${route}?${query.toString()}`;
}

/**
 * URL of `GET /api/audio` for an `<audio>` element (the token travels in the query).
 * @param base - From `api.media.base()`.
 * @param params - File path and optional slice in seconds.
 */
export function audioUrl(base: MediaBase, params: AudioRequestParams): string {
  return mediaUrl(base, '/api/audio', params);
}

/**
 * URL of `GET /api/spectrogram` for an `<img>` element.
 * @param base - From `api.media.base()`.
 * @param params - File, slice and display parameters.
 */
export function spectrogramUrl(base: MediaBase, params: SpectrogramParams): string {
  return mediaUrl(base, '/api/spectrogram', params);
}

/**
 * Build the API for a transport.
 * @param transport - HTTP or IPC transport (see select-transport.ts).
 * @param options.dialogs - Native dialogs in Electron; null in a browser.
 */
export function createApi(transport: Transport, options: { dialogs?: NativeDialogs | null } = {}) {
  const get = <S extends z.ZodType>(schema: S, path: string) =>
    call(transport, schema, 'GET', path);
  const post = <S extends z.ZodType>(schema: S, path: string, body?: unknown) =>
    call(transport, schema, 'POST', path, body);

  return {
    health: () => get(HealthSchema, '/api/health'),
    tasks: {
      list: async () => (await get(TaskListSchema, '/api/tasks')).tasks,
      get: (id: string) => get(TaskSchema, taskPath(id)),
      create: (request: CreateTaskRequest) => post(TaskSchema, '/api/tasks', request),
      start: (id: string) => post(TaskSchema, `${taskPath(id)}/start`),
      cancel: (id: string) => post(TaskSchema, `${taskPath(id)}/cancel`),
      retry: (id: string) => post(TaskSchema, `${taskPath(id)}/retry`),
      remove: (id: string) => call(transport, DeletedSchema, 'DELETE', taskPath(id)),
      log: async (id: string, lines = 200) =>
        (await get(TaskLogSchema, `${taskPath(id)}/log?lines=${lines}`)).lines,
    },
    configs: {
      save: (path: string, config: Record<string, unknown>) =>
        post(ConfigSavedSchema, '/api/configs/save', { path, config }),
      load: (path: string) => post(ConfigLoadedSchema, '/api/configs/load', { path }),
    },
    inference: {
      /** Count the audio files an inference config's sources match, before running. */
      matchAudio: (request: AudioMatchRequest) =>
        post(AudioMatchSchema, '/api/inference/match-audio', request),
      /** Species BirdNET's location + date model keeps (runs in the model environment, ~1 s). */
      speciesList: (filter: SpeciesFilter) =>
        post(SpeciesListSchema, '/api/inference/species-list', filter),
    },
    extraction: {
      /** Find the predictions files in a folder: their classes, rows, timestamps and problems. */
      scan: (predictionsDir: string) =>
        post(ExtractionScanSchema, '/api/extraction/scan', { predictions_dir: predictionsDir }),
      /** Columns of a folder-metadata CSV and how many unique values each has. */
      metadata: (csvPath: string) =>
        post(ExtractionMetadataSchema, '/api/extraction/metadata', { csv_path: csvPath }),
      /** A finished extraction task's summary, its outputs and the Review root folder. */
      summary: (taskId: string) =>
        post(ExtractionSummarySchema, '/api/extraction/summary', { task_id: taskId }),
    },
    training: {
      /** What label sources hold: classes, positive/negative counts, mode and problems. */
      labels: (sources: LabelSources) => post(LabelSummarySchema, '/api/training/labels', sources),
      /** A finished training task's mean AP, per-class metrics, window counts and model file. */
      summary: (taskId: string) =>
        post(TrainingSummarySchema, '/api/training/summary', { task_id: taskId }),
      /** URL of a training task's live HTML report (token in the query, for a tab or a frame). */
      reportUrl: (base: MediaBase, taskId: string) =>
        mediaUrl(base, `${taskPath(taskId)}/report`, {}),
    },
    files: {
      list: (path?: string | null) =>
        get(FileListingSchema, path ? `/api/files?path=${encodeURIComponent(path)}` : '/api/files'),
    },
    environment: {
      status: () => get(EnvironmentSchema, '/api/environment'),
      install: () => post(TaskSchema, '/api/environment/install'),
    },
    settings: {
      get: () => get(SettingsSchema, '/api/settings'),
      update: (settings: Partial<Settings>) =>
        call(transport, SettingsSchema, 'PUT', '/api/settings', settings),
    },
    demo: { get: () => get(DemoSchema, '/api/demo') },
    /** Weights & Biases login (the key is stored by the server and never sent back). */
    wandb: {
      status: () => get(WandbStatusSchema, '/api/wandb'),
      login: (apiKey: string, entity: string | null) =>
        post(WandbStatusSchema, '/api/wandb/login', { api_key: apiKey, entity }),
      logout: () => post(WandbStatusSchema, '/api/wandb/logout'),
    },
    models: {
      /** The model zoo: window length, class count, download and package needs of each model. */
      catalog: () => get(ModelCatalogSchema, '/api/models'),
      /** A zoo model's class list (null with a reason when not known before download). */
      classes: (name: string) =>
        get(ModelClassesSchema, `/api/models/${encodeURIComponent(name)}/classes`),
      /** Describe a local model file (kind, classes, window); 422 when it is not a model. */
      inspect: (path: string) => post(ModelFileInfoSchema, '/api/models/inspect', { path }),
    },
    modelDownloads: {
      /** Start a `download_models` task fetching the weights of these models. */
      start: (models: string[]) => post(TaskSchema, '/api/models/download', { models }),
    },
    annotations: {
      /** Read an annotation task CSV (rows, score columns, mode guess, audio paths resolved). */
      load: (request: AnnotationLoadRequest) =>
        post(AnnotationTaskSchema, '/api/annotations/load', request),
      /** Write labels atomically; 409 `file_changed` when the file changed since it was read. */
      save: (request: AnnotationSaveRequest) =>
        post(AnnotationSavedSchema, '/api/annotations/save', request),
    },
    loop: {
      /** An active-learning loop folder's rounds and learning curve (no rounds yet: empty). */
      get: (dir: string) => get(LoopSchema, `/api/loop?dir=${encodeURIComponent(dir)}`),
    },
    media: {
      /** Origin + token for media URLs (asks the Electron main process once in the app). */
      base: (): Promise<MediaBase> =>
        transport.mediaBase?.() ?? Promise.resolve({ baseUrl: '', token: null }),
      audioUrl,
      spectrogramUrl,
    },
    /** Native dialogs in Electron, null in a browser (use the server file browser instead). */
    dialogs: options.dialogs ?? null,
  };
}

/** The API object the renderer uses. */
export type Api = ReturnType<typeof createApi>;
