/** The single error type the API layer throws; the UI shows `message` in plain words. */

/** A failed API call: the server's `{code, message, details}` or a transport/parse failure. */
export class ApiError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly status: number | null;

  constructor(
    code: string,
    message: string,
    details: Record<string, unknown> = {},
    status: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.status = status;
  }
}

/**
 * Plain-words message for any thrown value (ApiError, Error or something else).
 * @param error - What was caught.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
