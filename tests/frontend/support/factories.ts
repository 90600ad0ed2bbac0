import type { Task } from '@/api/schemas';

let counter = 0;

/** A Task JSON object as the server sends it (ARCHITECTURE.md), with overrides. */
export function taskJson(overrides: Partial<Task> = {}): Task {
  counter += 1;
  return {
    id: `task${counter.toString().padStart(4, '0')}`,
    kind: 'inference',
    name: `Task ${counter}`,
    status: 'unstarted',
    created_at: new Date(Date.UTC(2025, 4, 1, 10, counter)).toISOString(),
    started_at: null,
    ended_at: null,
    config: {
      model: 'BirdNET',
      audio_dir: '/data/audio',
      extensions: ['.wav'],
      output_dir: '/data/out',
      batch_size: 1,
      num_workers: 0,
      activation: 'logits',
    },
    job_dir: `/data/out/inference_20250501-100000_${counter}`,
    run_in_parallel: false,
    attempt: 1,
    pid: null,
    pid_create_time: null,
    exit_code: null,
    error: null,
    progress: { fraction: 0, message: '', eta_s: null, updated_at: null },
    result: { outputs: [], failed_files: 0 },
    ...overrides,
  };
}

/** Default answers for the routes every page touches. */
export const defaults = {
  health: { status: 'ok', version: '0.1.0', store_warnings: [] },
  settings: { parallel_tasks: false },
  demo: { audio_dir: null, output_dir: null },
  environment: {
    status: 'ready',
    python: '/envs/torch-abc/bin/python',
    spec_hash: 'abc123def456',
    path: '/envs/torch-abc',
    message: 'Ready',
  },
  /** `GET /api/models`: BirdNET (offline) and one zoo model that needs a download. */
  models: {
    environment_ready: true,
    models: [
      {
        name: 'BirdNET',
        description: 'BirdNET 2.4: 6,522 bird and other species, runs offline.',
        sample_duration_s: 3,
        sample_rate_hz: 48000,
        num_classes: 6522,
        embedding_size: 1024,
        needs_download: false,
        missing_packages: [],
        classes_known: true,
      },
      {
        name: 'Perch',
        description: 'Google Perch: birds and other animals.',
        sample_duration_s: 5,
        sample_rate_hz: 32000,
        num_classes: 10932,
        embedding_size: 1280,
        needs_download: true,
        missing_packages: [],
        classes_known: false,
      },
    ],
  },
};
