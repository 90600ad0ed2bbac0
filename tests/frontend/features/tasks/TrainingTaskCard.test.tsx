import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TaskCard } from '@/features/tasks/TaskCard';
import { taskJson } from '../../support/factories';
import type { FakeTransport } from '../../support/fake-transport';
import { defaultTransport, renderWithApp } from '../../support/render';
import { trainingSummary } from '../training/fixtures';

const JOB_DIR = '/data/models/training_20260101-120000_abc123';

const running = taskJson({
  kind: 'training',
  name: 'Tits round 2',
  status: 'running',
  job_dir: JOB_DIR,
  config: { output_dir: '/data/models' },
  progress: {
    fraction: 0.7,
    message: 'Training: step 120/500, val AP 0.82',
    eta_s: 20,
    updated_at: null,
  },
});

/** The server's origin and token, as the HTTP and IPC transports give them for media URLs. */
function withMediaBase(transport: FakeTransport): FakeTransport {
  return Object.assign(transport, {
    mediaBase: () => Promise.resolve({ baseUrl: 'http://127.0.0.1:8765', token: 's3cret' }),
  });
}

const electronDialogs = () => ({
  openFolder: vi.fn(async () => null),
  openFile: vi.fn(async () => null),
  openFiles: vi.fn(async () => []),
  saveFile: vi.fn(async () => null),
  showFolder: vi.fn(async () => undefined),
});

describe('training task cards', () => {
  it('a running training task links its live report, with the token, in a new tab', async () => {
    renderWithApp(<TaskCard task={running} />, { transport: withMediaBase(defaultTransport()) });
    await waitFor(() =>
      expect(screen.getByTestId('task-open-report')).toHaveAttribute(
        'href',
        `http://127.0.0.1:8765/api/tasks/${running.id}/report?token=s3cret`,
      ),
    );
    const link = screen.getByTestId('task-open-report');
    expect(link.tagName).toBe('A');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.queryByTestId('training-result')).toBeNull();
  });

  it('in the app, the report opens in a full-screen frame (pages cannot open windows there)', async () => {
    const user = userEvent.setup();
    renderWithApp(<TaskCard task={running} />, {
      transport: withMediaBase(defaultTransport()),
      dialogs: electronDialogs(),
    });
    const button = await screen.findByTestId('task-open-report');
    await waitFor(() => expect(button).toBeEnabled());
    expect(button).not.toHaveAttribute('href');
    await user.click(button);
    const frame = await screen.findByTestId('task-report-frame');
    expect(frame).toHaveAttribute(
      'src',
      `http://127.0.0.1:8765/api/tasks/${running.id}/report?token=s3cret`,
    );
    expect(screen.getByRole('dialog')).toHaveTextContent('Report: Tits round 2');
    await user.click(screen.getByLabelText('Close the report'));
    await waitFor(() => expect(screen.queryByTestId('task-report-frame')).toBeNull());
  });

  it('an unstarted training task explains why its report cannot be opened yet', () => {
    const unstarted = { ...running, status: 'unstarted' as const, job_dir: null };
    renderWithApp(<TaskCard task={unstarted} />);
    const button = screen.getByTestId('task-open-report');
    expect(button).toBeDisabled();
    expect(button.parentElement).toHaveAttribute(
      'data-disabled-reason',
      'The report appears once training starts',
    );
  });

  it('a completed training task shows its mean AP, labels used, AP per class and model file', async () => {
    const done = { ...running, status: 'completed' as const };
    const transport = withMediaBase(defaultTransport()).ok(
      'POST',
      '/api/training/summary',
      trainingSummary(),
    );
    renderWithApp(<TaskCard task={done} />, { transport });
    const result = await screen.findByTestId('training-result');
    expect(within(result).getByTestId('training-result-map')).toHaveTextContent(
      'Validation mean AP 0.813 · Labels used: 48 training + 16 validation windows',
    );
    expect(
      within(result)
        .getAllByTestId('training-result-class')
        .map((chip) => chip.textContent),
    ).toEqual(['Great Tit: AP 0.875 (6+ / 10−)', 'petrel: AP 0.750 (4+ / 12−)']);
    expect(within(result).getByTestId('training-result-model')).toHaveTextContent(
      `${JOB_DIR}/model.dipper.pt`,
    );
    expect(transport.callsTo('POST', '/api/training/summary')[0]?.body).toEqual({
      task_id: done.id,
    });
    expect(screen.getByTestId('task-open-report')).toHaveAttribute('href');
  });

  it('a completed task without metrics says so instead of a summary', async () => {
    const done = { ...running, status: 'completed' as const };
    const transport = defaultTransport().on('POST', '/api/training/summary', {
      status: 409,
      body: {
        error: {
          code: 'InvalidTaskState',
          message: "'Tits round 2' has no metrics yet (it is completed).",
          details: {},
        },
      },
    });
    renderWithApp(<TaskCard task={done} />, { transport });
    expect(await screen.findByText(/has no metrics yet/)).toBeVisible();
  });
});
