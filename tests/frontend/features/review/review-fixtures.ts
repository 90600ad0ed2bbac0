/** Annotation tasks as the server's /api/annotations/load returns them, for Review tests. */
import { vi } from 'vitest';

export const TASK_PATH = '/data/task.csv';

export function row(index: number, overrides: Record<string, unknown> = {}) {
  return {
    index,
    file: `rec_${index}.wav`,
    start_time: index * 3,
    end_time: index * 3 + 3,
    annotation: '',
    comments: '',
    scores: { score: 0.5 + index / 100 },
    group: null,
    audio_path: `/data/audio/rec_${index}.wav`,
    audio_exists: true,
    ...overrides,
  };
}

export function loadedTask(
  rows: ReturnType<typeof row>[],
  overrides: Record<string, unknown> = {},
) {
  return {
    path: TASK_PATH,
    mtime_ns: '1700000000000000000',
    columns: ['file', 'start_time', 'end_time', 'annotation', 'comments', 'score'],
    score_columns: ['score'],
    group_column: null,
    mode_guess: 'binary',
    classes_guess: [],
    total_rows: rows.length,
    dropped_below_threshold: 0,
    rows,
    ...overrides,
  };
}

/** Spectrogram fetches answer a tiny image with the max-frequency header. */
export function stubSpectrogramFetch() {
  const fetchMock = vi.fn(
    async () =>
      new Response(new Blob(['img'], { type: 'image/webp' }), {
        status: 200,
        headers: { 'X-Dipper-Max-Hz': '11025' },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
