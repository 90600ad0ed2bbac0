import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Toasts } from '@/components/Toasts';
import { TasksPage } from '@/features/tasks/TasksPage';
import { statusColors } from '@/theme/tokens';
import { taskJson } from '../../support/factories';
import { defaultTransport, renderWithApp } from '../../support/render';

const unstarted = taskJson({
  name: 'Unstarted one',
  status: 'unstarted',
  job_dir: null,
});
const queued = taskJson({ name: 'Queued one', status: 'queued' });
const running = taskJson({
  name: 'Running one',
  status: 'running',
  started_at: '2025-05-01T10:30:00Z',
  progress: {
    fraction: 0.42,
    message: '3/7 files',
    eta_s: 200,
    updated_at: null,
  },
});
const completed = taskJson({
  name: 'Completed one',
  status: 'completed',
  progress: { fraction: 1, message: 'Done', eta_s: null, updated_at: null },
});
const failed = taskJson({
  name: 'Failed one',
  status: 'failed',
  error: 'Audio folder is empty',
});
const canceled = taskJson({ name: 'Canceled one', status: 'canceled' });
const all = [canceled, failed, completed, running, queued, unstarted];

function renderTasks() {
  const transport = defaultTransport().ok('GET', '/api/tasks', { tasks: all });
  return renderWithApp(
    <>
      <TasksPage />
      <Toasts />
    </>,
    { transport },
  );
}

async function card(name: string): Promise<HTMLElement> {
  const title = await screen.findByText(name);
  const element = title.closest<HTMLElement>('[data-testid="task-card"]');
  if (!element) throw new Error(`no card for ${name}`);
  return element;
}

const rgb = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
};

describe('TasksPage', () => {
  it('shows every task newest first with a status chip coloured like its state', async () => {
    const transport = defaultTransport().ok('GET', '/api/tasks', {
      tasks: [...all].reverse(),
    });
    renderWithApp(<TasksPage />, { transport });
    await screen.findByText('Running one');
    const cards = screen.getAllByTestId('task-card');
    // Created in the order unstarted … canceled, so the newest (canceled) comes first.
    expect(cards.map((c) => within(c).getByTestId('task-status').textContent)).toEqual([
      'canceled',
      'failed',
      'completed',
      'running',
      'queued',
      'unstarted',
    ]);
    expect(cards[0]).toHaveAttribute('data-task-id', canceled.id);
    const failedChip = within(await card('Failed one')).getByTestId('task-status');
    expect(failedChip).toHaveStyle({
      backgroundColor: rgb(statusColors.failed),
    });
    const completedChip = within(await card('Completed one')).getByTestId('task-status');
    expect(completedChip).toHaveStyle({
      backgroundColor: rgb(statusColors.completed),
    });
  });

  it('shows percentage, ETA, message and job folder of a running task', async () => {
    renderTasks();
    const runningCard = within(await card('Running one'));
    expect(runningCard.getByTestId('task-progress-percent')).toHaveTextContent('42%');
    expect(runningCard.getByTestId('task-eta')).toHaveTextContent('ETA 3 min 20 s');
    expect(runningCard.getByTestId('task-message')).toHaveTextContent('3/7 files');
    expect(runningCard.getByTestId('task-job-dir')).toHaveTextContent(running.job_dir ?? '');
    expect(within(await card('Failed one')).getByText('Audio folder is empty')).toBeVisible();
  });

  it('offers the right actions for each status', async () => {
    renderTasks();
    const expected: Record<string, string[]> = {
      'Unstarted one': ['task-start', 'task-delete'],
      'Queued one': ['task-cancel', 'task-delete'],
      'Running one': ['task-cancel'],
      'Completed one': ['task-delete'],
      'Failed one': ['task-retry', 'task-delete'],
      'Canceled one': ['task-retry', 'task-delete'],
    };
    const optional = ['task-start', 'task-cancel', 'task-retry', 'task-delete'];
    for (const [name, buttons] of Object.entries(expected)) {
      const scope = within(await card(name));
      const present = optional.filter((id) => scope.queryByTestId(id));
      expect(present, name).toEqual(buttons);
      expect(scope.getByTestId('task-load-config')).toBeEnabled();
      expect(scope.getByTestId('task-log-toggle')).toBeInTheDocument();
    }
  });

  it('calls the cancel route when Cancel is clicked', async () => {
    const user = userEvent.setup();
    const { transport } = renderTasks();
    transport.ok('POST', `/api/tasks/${running.id}/cancel`, {
      ...running,
      status: 'canceled',
    });
    await user.click(within(await card('Running one')).getByTestId('task-cancel'));
    await waitFor(() =>
      expect(transport.callsTo('POST', `/api/tasks/${running.id}/cancel`)).toHaveLength(1),
    );
  });

  it('asks before deleting and then calls DELETE', async () => {
    const user = userEvent.setup();
    const { transport } = renderTasks();
    transport.ok('DELETE', `/api/tasks/${failed.id}`, { deleted: failed.id });
    await user.click(within(await card('Failed one')).getByTestId('task-delete'));
    expect(transport.callsTo('DELETE', `/api/tasks/${failed.id}`)).toHaveLength(0);
    await user.click(await screen.findByTestId('confirm-delete'));
    await waitFor(() =>
      expect(transport.callsTo('DELETE', `/api/tasks/${failed.id}`)).toHaveLength(1),
    );
  });

  it('shows the log tail when the log is opened', async () => {
    const user = userEvent.setup();
    const { transport } = renderTasks();
    transport.ok('GET', `/api/tasks/${completed.id}/log`, {
      lines: ['loading model', 'done'],
    });
    await user.click(within(await card('Completed one')).getByTestId('task-log-toggle'));
    expect(await screen.findByTestId('task-log')).toHaveTextContent(/loading model\s+done/);
  });

  it('shows a server error as a toast when an action fails', async () => {
    const user = userEvent.setup();
    const { transport } = renderTasks();
    transport.on('POST', `/api/tasks/${unstarted.id}/start`, {
      status: 409,
      body: {
        error: {
          code: 'InvalidState',
          message: 'Task already started',
          details: {},
        },
      },
    });
    await user.click(within(await card('Unstarted one')).getByTestId('task-start'));
    expect(await screen.findByTestId('toast')).toHaveTextContent(
      'Could not start “Unstarted one”: Task already started',
    );
  });
});
