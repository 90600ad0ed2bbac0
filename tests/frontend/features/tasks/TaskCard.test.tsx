import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import { Toasts } from '@/components/Toasts';
import { TaskCard } from '@/features/tasks/TaskCard';
import { taskJson } from '../../support/factories';
import { defaultTransport, renderWithApp } from '../../support/render';

const JOB_DIR = '/data/out/inference_20250501-100000_abc123';

const finished = taskJson({
  name: 'Finished run',
  status: 'completed',
  job_dir: JOB_DIR,
  progress: { fraction: 1, message: 'Done', eta_s: null, updated_at: null },
  result: {
    outputs: ['failed_files.csv', 'sparse_predictions__great_tit.pkl', 'sparse_predictions.pkl'],
    failed_files: 2,
  },
});

const entry = (name: string, isDir = false) => ({
  name,
  path: `${JOB_DIR}/${name}`,
  is_dir: isDir,
  size: isDir ? null : 1024,
});

function electronDialogs(showFolder: (path: string) => Promise<void>) {
  return {
    openFolder: vi.fn(async () => null),
    openFile: vi.fn(async () => null),
    openFiles: vi.fn(async () => []),
    saveFile: vi.fn(async () => null),
    showFolder: vi.fn(showFolder),
  };
}

describe('TaskCard results', () => {
  it('warns how many files could not be read and lists the outputs', () => {
    renderWithApp(<TaskCard task={finished} />);
    expect(screen.getByTestId('task-failed-files')).toHaveTextContent(
      '2 files could not be read — see failed_files.csv',
    );
    const outputs = screen.getByTestId('task-outputs');
    expect(
      within(outputs)
        .getAllByTestId('task-output')
        .map((chip) => chip.textContent),
    ).toEqual(finished.result.outputs);
  });

  it('says "1 file" for a single failed file', () => {
    renderWithApp(<TaskCard task={{ ...finished, result: { outputs: [], failed_files: 1 } }} />);
    expect(screen.getByTestId('task-failed-files')).toHaveTextContent(
      /^1 file could not be read — see failed_files\.csv$/,
    );
    expect(screen.queryByTestId('task-outputs')).toBeNull();
  });

  it('shows no warning when every file was read, and nothing while there is no result', () => {
    const clean = { ...finished, result: { outputs: ['predictions.csv'], failed_files: 0 } };
    const { unmount } = renderWithApp(<TaskCard task={clean} />);
    expect(screen.queryByTestId('task-failed-files')).toBeNull();
    expect(screen.getByTestId('task-outputs')).toHaveTextContent('predictions.csv');
    unmount();

    renderWithApp(<TaskCard task={taskJson({ status: 'running' })} />);
    expect(screen.queryByTestId('task-failed-files')).toBeNull();
    expect(screen.queryByTestId('task-outputs')).toBeNull();
  });
});

describe('Show job folder', () => {
  it('lists the job folder read-only from the server in a browser', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().ok(
      'GET',
      `/api/files?path=${encodeURIComponent(JOB_DIR)}`,
      {
        path: JOB_DIR,
        parent: '/data/out',
        roots: ['/'],
        entries: [entry('config.json'), entry('failed_files.csv'), entry('predictions.csv')],
      },
    );
    renderWithApp(<TaskCard task={finished} />, { transport });

    await user.click(screen.getByTestId('task-show-folder'));
    const dialog = await screen.findByTestId('file-browser');
    expect(within(dialog).getByText('Job folder')).toBeInTheDocument();
    expect(within(dialog).getByTestId('file-browser-path')).toHaveValue(JOB_DIR);
    const names = (await within(dialog).findAllByTestId('file-browser-entry')).map(
      (item) => item.getAttribute('data-path') ?? '',
    );
    expect(names).toEqual(
      ['config.json', 'failed_files.csv', 'predictions.csv'].map((n) => `${JOB_DIR}/${n}`),
    );
    expect(within(dialog).getAllByTestId('file-browser-entry')[0]).not.toHaveAttribute(
      'aria-disabled',
      'true',
    );
    // Read-only: nothing to select, only Close.
    expect(within(dialog).queryByTestId('file-browser-select')).toBeNull();
    await user.click(within(dialog).getByTestId('file-browser-close'));
    await waitFor(() => expect(screen.queryByTestId('file-browser')).toBeNull());
  });

  it('opens the folder in the system file manager in Electron', async () => {
    const user = userEvent.setup();
    const dialogs = electronDialogs(async () => undefined);
    const { transport } = renderWithApp(<TaskCard task={finished} />, { dialogs });
    await user.click(screen.getByTestId('task-show-folder'));
    expect(dialogs.showFolder).toHaveBeenCalledWith(JOB_DIR);
    expect(screen.queryByTestId('file-browser')).toBeNull();
    expect(transport.callsTo('GET', '/api/files')).toHaveLength(0);
  });

  it('reports a folder the system cannot open as a toast', async () => {
    const user = userEvent.setup();
    const dialogs = electronDialogs(async () => {
      throw new ApiError('OpenFolderFailed', 'Folder not found', { path: JOB_DIR });
    });
    renderWithApp(
      <>
        <TaskCard task={finished} />
        <Toasts />
      </>,
      { dialogs },
    );
    await user.click(screen.getByTestId('task-show-folder'));
    expect(await screen.findByTestId('toast')).toHaveTextContent(
      'Could not open the folder: Folder not found',
    );
  });

  it('is not offered before the task has a job folder', () => {
    renderWithApp(<TaskCard task={taskJson({ status: 'unstarted', job_dir: null })} />);
    expect(screen.queryByTestId('task-show-folder')).toBeNull();
  });
});
