import { describe, expect, it } from 'vitest';
import { awaitedTaskState, isWaiting } from '@/features/extraction/useAwaitedTask';
import { taskJson } from '../../support/factories';

describe('awaitedTaskState', () => {
  const task = taskJson({ id: 'inf9', status: 'queued' });

  it('follows the task through the list', () => {
    expect(awaitedTaskState(null, [task]).phase).toBe('none');
    expect(awaitedTaskState('inf9', undefined).phase).toBe('loading');
    expect(awaitedTaskState('inf9', []).phase).toBe('missing');
    const phases = (
      ['unstarted', 'queued', 'running', 'completed', 'failed', 'canceled'] as const
    ).map((status) => awaitedTaskState('inf9', [{ ...task, status }]).phase);
    expect(phases).toEqual(['waiting', 'waiting', 'waiting', 'completed', 'failed', 'failed']);
    expect(awaitedTaskState('inf9', [task]).task).toBe(task);
  });

  it('waits (no scan) only while loading or waiting', () => {
    expect(
      (['none', 'loading', 'waiting', 'completed', 'failed', 'missing'] as const).filter(isWaiting),
    ).toEqual(['loading', 'waiting']);
  });
});
