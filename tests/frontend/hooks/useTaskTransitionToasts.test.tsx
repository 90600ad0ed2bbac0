import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Toasts } from '@/components/Toasts';
import { transitionToast, useTaskTransitionToasts } from '@/hooks/useTaskTransitionToasts';
import { taskJson } from '../support/factories';
import { defaultTransport, renderWithApp } from '../support/render';

function Watcher() {
  useTaskTransitionToasts();
  return <Toasts />;
}

describe('useTaskTransitionToasts', () => {
  it('raises a dismissable toast when a task goes from running to completed', async () => {
    const user = userEvent.setup();
    const running = taskJson({ name: 'Nightly BirdNET', status: 'running' });
    const transport = defaultTransport().ok('GET', '/api/tasks', {
      tasks: [running],
    });
    const { queryClient } = renderWithApp(<Watcher />, { transport });

    await waitFor(() => expect(queryClient.getQueryData(['tasks'])).toBeDefined());
    expect(screen.queryByTestId('toast')).toBeNull(); // the first answer only seeds

    transport.ok('GET', '/api/tasks', {
      tasks: [{ ...running, status: 'completed' }],
    });
    await act(() => queryClient.refetchQueries({ queryKey: ['tasks'] }));

    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent('Nightly BirdNET completed');
    expect(toast).toHaveAttribute('data-tone', 'completed');

    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('toast')).toBeNull();
  });

  it('names each transition with its word and keeps failures until dismissed', () => {
    const base = taskJson({ name: 'Job' });
    expect(transitionToast({ ...base, status: 'queued' }, 'unstarted')?.message).toBe('Job queued');
    expect(transitionToast({ ...base, status: 'running' }, 'queued')?.message).toBe('Job started');
    expect(transitionToast({ ...base, status: 'canceled' }, 'running')?.message).toBe(
      'Job canceled',
    );
    const failed = transitionToast(
      { ...base, status: 'failed', error: 'Out of memory' },
      'running',
    );
    expect(failed).toEqual({
      message: 'Job failed: Out of memory',
      tone: 'failed',
      autoHide: false,
    });
    expect(transitionToast({ ...base, status: 'running' }, 'running')).toBeNull();
    expect(transitionToast({ ...base, status: 'unstarted' }, undefined)).toBeNull();
  });
});
