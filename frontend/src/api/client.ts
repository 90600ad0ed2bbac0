/**
 * The API client: one typed method per route in ARCHITECTURE.md. Every response is parsed with its
 * zod schema; every non-2xx answer becomes an `ApiError` carrying the server's code and message.
 */
import type { z } from 'zod';
import type { NativeDialogs } from './dialogs';
import { ApiError } from './errors';
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
import type { Transport } from './transport';

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
    /** Native dialogs in Electron, null in a browser (use the server file browser instead). */
    dialogs: options.dialogs ?? null,
  };
}

/** The API object the renderer uses. */
export type Api = ReturnType<typeof createApi>;
