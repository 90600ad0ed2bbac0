/**
 * Parsers for the payloads the renderer sends over IPC.
 *
 * Everything that arrives from the renderer is untrusted input: each handler parses its
 * payload here once and works with the typed result. A bad payload raises
 * `InvalidIpcPayloadError`, which rejects the renderer's `invoke` with a plain message.
 * (Hand-written rather than zod: the shell has no run-time dependencies to package.)
 */
import * as path from 'node:path';
import type {
  FileDialogOptions,
  FileFilter,
  FolderDialogOptions,
  HttpMethod,
} from './electron-api';

/** A payload from the renderer did not have the expected shape. */
export class InvalidIpcPayloadError extends Error {
  override name = 'InvalidIpcPayloadError';
}

/** A parsed `api:request` payload. */
export interface ApiRequestPayload {
  method: HttpMethod;
  /** Starts with `/api/`; may carry a query string. */
  path: string;
  /** JSON-serialisable body, or `undefined` for none. */
  body: unknown;
}

const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const MAX_PATH_LENGTH = 8192;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new InvalidIpcPayloadError(`"${key}" must be text.`);
  }
  return value;
}

/** Parse the `api:request` payload `{method, path, body?}`. */
export function parseApiRequest(raw: unknown): ApiRequestPayload {
  if (!isRecord(raw)) throw new InvalidIpcPayloadError('An API request must be an object.');
  const method = typeof raw.method === 'string' ? raw.method.toUpperCase() : '';
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    throw new InvalidIpcPayloadError(
      `Unsupported HTTP method ${JSON.stringify(raw.method)}; use one of ${HTTP_METHODS.join(', ')}.`,
    );
  }
  const apiPath = raw.path;
  if (typeof apiPath !== 'string' || !apiPath.startsWith('/api/')) {
    throw new InvalidIpcPayloadError(
      `Only paths under /api/ can be requested, not ${JSON.stringify(apiPath)}.`,
    );
  }
  if (apiPath.length > MAX_PATH_LENGTH) {
    throw new InvalidIpcPayloadError('The request path is too long.');
  }
  if (method === 'GET' && raw.body !== undefined) {
    throw new InvalidIpcPayloadError('A GET request cannot have a body.');
  }
  return { method: method as HttpMethod, path: apiPath, body: raw.body };
}

/** Parse the optional options of the folder dialog. */
export function parseFolderDialogOptions(raw: unknown): FolderDialogOptions {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw new InvalidIpcPayloadError('Dialog options must be an object.');
  return dropUndefined({
    title: optionalString(raw, 'title'),
    defaultPath: optionalString(raw, 'defaultPath'),
  });
}

/** Parse the optional options of the open-file and save-file dialogs. */
export function parseFileDialogOptions(raw: unknown): FileDialogOptions {
  const options: FileDialogOptions = parseFolderDialogOptions(raw);
  const filters = isRecord(raw) ? raw.filters : undefined;
  if (filters === undefined || filters === null) return options;
  if (!Array.isArray(filters)) throw new InvalidIpcPayloadError('"filters" must be a list.');
  return { ...options, filters: filters.map(parseFileFilter) };
}

function parseFileFilter(raw: unknown): FileFilter {
  if (
    !isRecord(raw) ||
    typeof raw.name !== 'string' ||
    !Array.isArray(raw.extensions) ||
    !raw.extensions.every((extension) => typeof extension === 'string')
  ) {
    throw new InvalidIpcPayloadError(
      'Each file filter must look like {"name": "Audio", "extensions": ["wav", "flac"]}.',
    );
  }
  // Electron wants extensions without the dot; accept ".wav" too.
  const extensions = (raw.extensions as string[]).map((extension) => extension.replace(/^\./, ''));
  return { name: raw.name, extensions };
}

/** Parse the absolute folder path given to `shell:openPath`. */
export function parseFolderPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0) {
    throw new InvalidIpcPayloadError('The folder to open must be given as a path.');
  }
  if (!path.isAbsolute(raw)) {
    throw new InvalidIpcPayloadError(`The folder to open must be an absolute path, not "${raw}".`);
  }
  return raw;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
