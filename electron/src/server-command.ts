/**
 * Which program runs the lightweight server, and with which arguments.
 *
 * - Development (`app.isPackaged` false): the `dipper` console script of the repository's
 *   virtual environment, `<repo>/.venv/bin/dipper` (Windows `.venv\Scripts\dipper.exe`),
 *   created by `make setup`.
 * - Packaged app: the PyInstaller one-folder build shipped as an extra resource,
 *   `<resources>/dipper-server/dipper-server[.exe]`.
 * - `DIPPER_SERVER_CMD` (a JSON array such as `["node", "fake-server.mjs"]`) overrides both;
 *   tests use it to run a stand-in server.
 *
 * In every case the `serve` arguments from `serveArgs` are appended.
 */
import * as path from 'node:path';

/** A program and its leading arguments. */
export interface ServerCommand {
  command: string;
  args: string[];
  /** Working directory; the current one when absent. */
  cwd?: string;
}

/** Facts about the running app that decide the server command. */
export interface ServerCommandContext {
  isPackaged: boolean;
  /** `process.resourcesPath` of the packaged app. */
  resourcesPath: string;
  /** Repository root (development only). */
  repoRoot: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/** Environment variable holding a JSON array that replaces the server command. */
export const SERVER_COMMAND_ENV = 'DIPPER_SERVER_CMD';

/** Pick the server program for this run (see the module comment). */
export function resolveServerCommand(context: ServerCommandContext): ServerCommand {
  const override = context.env[SERVER_COMMAND_ENV];
  if (override !== undefined && override.trim() !== '') return parseCommandOverride(override);

  const windows = context.platform === 'win32';
  const paths = windows ? path.win32 : path.posix;
  if (context.isPackaged) {
    const folder = paths.join(context.resourcesPath, 'dipper-server');
    const command = paths.join(folder, windows ? 'dipper-server.exe' : 'dipper-server');
    return { command, args: [], cwd: folder };
  }
  const command = windows
    ? paths.join(context.repoRoot, '.venv', 'Scripts', 'dipper.exe')
    : paths.join(context.repoRoot, '.venv', 'bin', 'dipper');
  return { command, args: [], cwd: context.repoRoot };
}

/** Arguments of `dipper serve` for a server bound to `host:port` that requires `token`. */
export function serveArgs(host: string, port: number, token: string): string[] {
  return ['serve', '--host', host, '--port', String(port), '--token', token, '--no-browser'];
}

function parseCommandOverride(raw: string): ServerCommand {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length === 0 ||
    !parsed.every((part) => typeof part === 'string' && part !== '')
  ) {
    throw new Error(
      `${SERVER_COMMAND_ENV} must be a JSON array of strings such as ["python", "-m", "backend.cli"], not ${raw}.`,
    );
  }
  const [command, ...args] = parsed as string[];
  return { command: command as string, args };
}
