import { describe, expect, it } from 'vitest';
import { TaskSchema } from '@/api/schemas';

const base = {
  id: 'abc',
  kind: 'inference',
  status: 'completed',
  created_at: '2025-05-01T10:00:00Z',
};

describe('TaskSchema result', () => {
  it('reads the outputs and failed-file count of a finished job', () => {
    const task = TaskSchema.parse({
      ...base,
      result: { outputs: ['predictions.csv', 'failed_files.csv'], failed_files: 2 },
    });
    expect(task.result).toEqual({
      outputs: ['predictions.csv', 'failed_files.csv'],
      failed_files: 2,
    });
  });

  it.each([
    ['missing (an old task)', {}],
    ['empty while running', { result: {} }],
    ['null', { result: null }],
    ['malformed', { result: 'oops' }],
    ['with bad fields', { result: { outputs: 'predictions.csv', failed_files: -1 } }],
  ])('falls back to an empty result when %s', (_label, extra) => {
    expect(TaskSchema.parse({ ...base, ...extra }).result).toEqual({
      outputs: [],
      failed_files: 0,
    });
  });

  it('keeps the parts of a result that make sense', () => {
    const task = TaskSchema.parse({ ...base, result: { outputs: ['a.csv'], failed_files: 'x' } });
    expect(task.result).toEqual({ outputs: ['a.csv'], failed_files: 0 });
  });
});
