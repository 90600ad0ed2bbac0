import { describe, expect, it } from 'vitest';
import { createApi } from '@/api/client';
import { ApiError } from '@/api/errors';
import { taskJson } from '../support/factories';
import { FakeTransport } from '../support/fake-transport';

describe('createApi', () => {
  it('parses the task list and fills defaults', async () => {
    const running = taskJson({
      status: 'running',
      progress: {
        fraction: 0.42,
        message: '3/7 files',
        eta_s: 80,
        updated_at: null,
      },
    });
    const transport = new FakeTransport().ok('GET', '/api/tasks', {
      tasks: [running],
    });
    const tasks = await createApi(transport).tasks.list();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.id).toBe(running.id);
    expect(tasks[0]?.progress.fraction).toBe(0.42);
    expect(tasks[0]?.progress.eta_s).toBe(80);
  });

  it('accepts a task exactly as the Python server serialises a fresh one', async () => {
    // Shape copied from the server's Task.model_dump(mode="json") for an unstarted task.
    const fresh = {
      id: 'f00d',
      kind: 'inference',
      name: 'BirdNET on audio',
      status: 'unstarted',
      created_at: '2026-11-21T23:00:00+00:00',
      started_at: null,
      ended_at: null,
      config: { model: 'BirdNET', audio_dir: '/a', output_dir: '/b', job_dir: null },
      job_dir: null,
      run_in_parallel: false,
      attempt: 1,
      pid: null,
      pid_create_time: null,
      exit_code: null,
      error: null,
      progress: { fraction: null, message: '', eta_s: null, updated_at: null },
    };
    const transport = new FakeTransport().ok('GET', '/api/tasks', { tasks: [fresh] });
    const tasks = await createApi(transport).tasks.list();
    expect(tasks[0]?.progress.fraction).toBe(0);
    expect(tasks[0]?.name).toBe('BirdNET on audio');
  });

  it('throws ApiError with the server code, message and details', async () => {
    const transport = new FakeTransport().on('POST', '/api/tasks/abc/start', {
      status: 404,
      body: {
        error: {
          code: 'TaskNotFound',
          message: 'No task abc',
          details: { id: 'abc' },
        },
      },
    });
    const error = await createApi(transport)
      .tasks.start('abc')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'TaskNotFound',
      message: 'No task abc',
      details: { id: 'abc' },
      status: 404,
    });
  });

  it('turns a non-JSON error into a plain ApiError', async () => {
    const transport = new FakeTransport().on('GET', '/api/health', {
      status: 502,
      body: 'Bad Gateway',
    });
    await expect(createApi(transport).health()).rejects.toThrow(
      'The server answered with status 502: Bad Gateway',
    );
  });

  it('rejects an answer that does not match the schema', async () => {
    const transport = new FakeTransport().ok('GET', '/api/environment', {
      status: 'weird',
    });
    await expect(createApi(transport).environment.status()).rejects.toMatchObject({
      code: 'InvalidResponse',
    });
  });

  it('sends the documented methods, paths and bodies', async () => {
    const transport = new FakeTransport()
      .ok('POST', '/api/tasks', taskJson({ status: 'queued' }))
      .ok('PUT', '/api/settings', { parallel_tasks: true })
      .ok('DELETE', '/api/tasks/t1', { deleted: 't1' })
      .ok('GET', '/api/tasks/t1/log', { lines: ['a', 'b'] })
      .ok('GET', '/api/files', {
        path: '/a b',
        parent: '/',
        roots: ['/'],
        entries: [],
      })
      .ok('POST', '/api/configs/load', {
        path: '/c.json',
        config: { model: 'BirdNET' },
      });
    const api = createApi(transport);

    await api.tasks.create({
      kind: 'inference',
      config: { model: 'BirdNET' },
      start: true,
    });
    expect(await api.settings.update({ parallel_tasks: true })).toEqual({
      parallel_tasks: true,
    });
    expect(await api.tasks.remove('t1')).toEqual({ deleted: 't1' });
    expect(await api.tasks.log('t1', 50)).toEqual(['a', 'b']);
    await api.files.list('/a b');
    expect((await api.configs.load('/c.json')).config).toEqual({
      model: 'BirdNET',
    });

    expect(transport.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /api/tasks',
      'PUT /api/settings',
      'DELETE /api/tasks/t1',
      'GET /api/tasks/t1/log?lines=50',
      'GET /api/files?path=%2Fa%20b',
      'POST /api/configs/load',
    ]);
    expect(transport.calls[0]?.body).toEqual({
      kind: 'inference',
      config: { model: 'BirdNET' },
      start: true,
    });
    expect(transport.calls[5]?.body).toEqual({ path: '/c.json' });
  });

  it('has no dialogs in a browser and the given ones in Electron', () => {
    expect(createApi(new FakeTransport()).dialogs).toBeNull();
    const dialogs = {
      openFolder: async () => null,
      openFile: async () => null,
      openFiles: async () => [],
      saveFile: async () => null,
      showFolder: async () => undefined,
    };
    expect(createApi(new FakeTransport(), { dialogs }).dialogs).toBe(dialogs);
  });
});
