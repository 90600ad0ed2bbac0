/**
 * Starting, watching and stopping the lightweight server as a child process.
 *
 * `startServer` picks a free port on 127.0.0.1 and a random token, spawns the server
 * (`server-command.ts` says which program), and resolves once `GET /api/health` answers
 * 200. It rejects with a `ServerStartError` whose message is fit to show the user (with the
 * last lines of the server's error output) if the program is missing, exits early or does
 * not answer in time. `ServerProcess.stop()` ends the server: SIGTERM, a grace period, then
 * SIGKILL. Spawning and fetching are injectable for tests.
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import * as readline from 'node:readline';
import { serveArgs, type ServerCommand } from './server-command';

/** How the server ended: an exit code, or the signal that killed it. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type SpawnLike = (command: string, args: string[], options: SpawnOptions) => ChildProcess;
export type HealthFetch = (url: string, init: { signal: AbortSignal }) => Promise<Response>;
export type OutputListener = (stream: 'stdout' | 'stderr', line: string) => void;

/** Options of `startServer`; only `command` is required. */
export interface StartServerOptions {
  command: ServerCommand;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Port to use; default a free one (`findFreePort`). */
  port?: number;
  /** Session token; default `generateToken()`. */
  token?: string;
  /** How long to wait for the first healthy answer; default 60 000 ms. */
  healthTimeoutMs?: number;
  /** Pause between health checks; default 250 ms. */
  pollIntervalMs?: number;
  /** Time between SIGTERM and SIGKILL in `stop()`; default 5 000 ms. */
  stopGraceMs?: number;
  /** Environment of the child; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  spawn?: SpawnLike;
  fetch?: HealthFetch;
  /** Called with every line the server prints. */
  onOutput?: OutputListener;
}

/** Number of stderr lines kept for error messages. */
export const STDERR_TAIL_LINES = 20;

/** Why the server could not be started. */
export type ServerStartFailure = 'spawn-failed' | 'exited' | 'timeout';

/** The server did not come up; `message` is written for the user. */
export class ServerStartError extends Error {
  override name = 'ServerStartError';

  constructor(
    message: string,
    readonly reason: ServerStartFailure,
    readonly stderrTail: readonly string[],
  ) {
    super(message + formatTail(stderrTail));
  }
}

/** Find a TCP port that is free on `host` right now (listen on port 0, read it, close). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ port: 0, host }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('No free port found.'))));
    });
  });
}

/** A fresh random session token: 24 random bytes as 48 hex characters. */
export function generateToken(): string {
  return randomBytes(24).toString('hex');
}

/**
 * Spawn the server and wait until it is healthy.
 *
 * @throws ServerStartError when the program cannot be run, exits before it is healthy, or
 *   does not answer within `healthTimeoutMs` (the child is stopped first).
 */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await findFreePort(host));
  const token = options.token ?? generateToken();
  const spawn = options.spawn ?? nodeSpawn;
  const { command } = options;
  const child = spawn(command.command, [...command.args, ...serveArgs(host, port, token)], {
    cwd: command.cwd,
    env: { ...(options.env ?? process.env), PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const server = new ServerProcess(child, {
    baseUrl: `http://${host}:${port}`,
    port,
    token,
    commandLabel: command.command,
    stopGraceMs: options.stopGraceMs ?? 5000,
    onOutput: options.onOutput,
  });
  try {
    await server.waitUntilHealthy(
      options.healthTimeoutMs ?? 60_000,
      options.pollIntervalMs ?? 250,
      options.fetch ?? fetch,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

interface ServerProcessSettings {
  baseUrl: string;
  port: number;
  token: string;
  commandLabel: string;
  stopGraceMs: number;
  onOutput: OutputListener | undefined;
}

/** A spawned server child process; create it with `startServer`. */
export class ServerProcess {
  /** e.g. `http://127.0.0.1:51234`, no trailing slash. */
  readonly baseUrl: string;
  readonly port: number;
  readonly token: string;
  /** Resolves once the child has exited (or could not be spawned). */
  readonly exited: Promise<ServerExit>;

  private exitInfo: ServerExit | null = null;
  private spawnError: NodeJS.ErrnoException | null = null;
  private stopPromise: Promise<void> | null = null;
  private readonly tail: string[] = [];

  constructor(
    private readonly child: ChildProcess,
    private readonly settings: ServerProcessSettings,
  ) {
    this.baseUrl = settings.baseUrl;
    this.port = settings.port;
    this.token = settings.token;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
      child.once('error', (error: NodeJS.ErrnoException) => {
        // 'error' without a pid means the program never started; no 'exit' will follow.
        if (child.pid === undefined && this.exitInfo === null) {
          this.spawnError = error;
          this.exitInfo = { code: null, signal: null };
          resolve(this.exitInfo);
        }
      });
    });
    this.collectLines('stdout');
    this.collectLines('stderr');
  }

  /** Process id, or `undefined` if the program could not be started. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True once `stop()` was called: an exit after that is expected. */
  get stopRequested(): boolean {
    return this.stopPromise !== null;
  }

  /** The last lines the server wrote to stderr (at most `STDERR_TAIL_LINES`). */
  stderrTail(): string[] {
    return [...this.tail];
  }

  /**
   * Stop the server: SIGTERM, then SIGKILL if it is still running after the grace period.
   * Safe to call any number of times; every call resolves when the process is gone.
   */
  stop(): Promise<void> {
    this.stopPromise ??= this.terminate();
    return this.stopPromise;
  }

  /** Poll `/api/health` until it answers 200 (see `startServer`). */
  async waitUntilHealthy(
    timeoutMs: number,
    pollIntervalMs: number,
    fetchImpl: HealthFetch,
  ): Promise<void> {
    const healthUrl = `${this.baseUrl}/api/health`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.throwIfExited();
      const remainingMs = deadline - Date.now();
      if (await this.isHealthy(healthUrl, fetchImpl, Math.max(1, Math.min(remainingMs, 5000)))) {
        return;
      }
      this.throwIfExited();
      if (Date.now() >= deadline) {
        throw new ServerStartError(
          `The Dipper server did not become ready within ${formatSeconds(timeoutMs)} ` +
            `(no answer from ${healthUrl}).`,
          'timeout',
          this.stderrTail(),
        );
      }
      await settlesWithin(
        this.exited,
        Math.min(pollIntervalMs, Math.max(0, deadline - Date.now())),
      );
    }
  }

  private async isHealthy(
    url: string,
    fetchImpl: HealthFetch,
    timeoutMs: number,
  ): Promise<boolean> {
    try {
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer().catch(() => undefined);
      return response.status === 200;
    } catch {
      return false;
    }
  }

  private throwIfExited(): void {
    if (this.exitInfo === null) return;
    if (this.spawnError !== null) {
      const problem =
        this.spawnError.code === 'ENOENT'
          ? 'was not found'
          : this.spawnError.code === 'EACCES'
            ? 'is not allowed to run'
            : `failed (${this.spawnError.message})`;
      throw new ServerStartError(
        `The Dipper server could not be started: the program "${this.settings.commandLabel}" ${problem}.`,
        'spawn-failed',
        this.stderrTail(),
      );
    }
    throw new ServerStartError(
      `The Dipper server stopped before it was ready (${describeExit(this.exitInfo)}).`,
      'exited',
      this.stderrTail(),
    );
  }

  private async terminate(): Promise<void> {
    if (this.exitInfo !== null) return;
    this.child.kill('SIGTERM');
    if (await settlesWithin(this.exited, this.settings.stopGraceMs)) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private collectLines(stream: 'stdout' | 'stderr'): void {
    const input = this.child[stream];
    if (!input) return;
    readline.createInterface({ input, crlfDelay: Infinity }).on('line', (line) => {
      if (stream === 'stderr') {
        this.tail.push(line);
        if (this.tail.length > STDERR_TAIL_LINES) this.tail.shift();
      }
      this.settings.onOutput?.(stream, line);
    });
  }
}

/** Describe an exit for people: "exit code 1" or "killed by SIGKILL". */
export function describeExit(exit: ServerExit): string {
  if (exit.signal !== null) return `killed by ${exit.signal}`;
  return exit.code === null ? 'no exit code' : `exit code ${exit.code}`;
}

function formatTail(lines: readonly string[]): string {
  if (lines.length === 0) return '';
  return `\n\nLast lines of its error output:\n${lines.join('\n')}`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Whether `promise` settles within `ms`; the timer is cleared either way. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
