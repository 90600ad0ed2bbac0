import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReviewPage } from '@/features/review/ReviewPage';
import { clearSpectrogramCache } from '@/features/review/spectrogram-cache';
import { defaultTransport, renderWithApp } from '../../support/render';
import { loadedTask, row, stubSpectrogramFetch, TASK_PATH } from './review-fixtures';

beforeEach(() => {
  window.location.hash = '#/review';
  clearSpectrogramCache();
  stubSpectrogramFetch();
});
afterEach(() => vi.unstubAllGlobals());

function transportWith(task: unknown) {
  return defaultTransport()
    .ok('POST', '/api/annotations/load', task)
    .on('POST', '/api/annotations/save', (body) => ({
      status: 200,
      body: {
        path: (body as { path: string }).path,
        mtime_ns: '1700000000000000999',
        saved_rows: 1,
      },
    }));
}

async function openTask(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByTestId('review-csv'), TASK_PATH);
  await user.click(screen.getByTestId('review-load'));
  await screen.findByTestId('review-toolbar');
  await waitFor(() => expect(screen.getAllByTestId('clip-card').length).toBeGreaterThan(0));
}

async function chooseSaveLocation(user: ReturnType<typeof userEvent.setup>, path: string) {
  await user.click(screen.getByTestId('review-save-as'));
  const input = await screen.findByTestId('path-prompt-input');
  await user.clear(input);
  await user.type(input, path);
  await user.click(screen.getByTestId('path-prompt-confirm'));
}

describe('ReviewPage', () => {
  it('refuses a CSV without a file column with the server message, and opens nothing', async () => {
    const user = userEvent.setup();
    const message =
      "'task.csv' has no 'file' column: an annotation task needs file and start_time columns.";
    const transport = defaultTransport().on('POST', '/api/annotations/load', () => ({
      status: 400,
      body: { error: { code: 'invalid_annotation_file', message, details: {} } },
    }));
    renderWithApp(<ReviewPage />, { transport });
    await user.type(screen.getByTestId('review-csv'), TASK_PATH);
    await user.click(screen.getByTestId('review-load'));
    expect(await screen.findByTestId('review-load-error')).toHaveTextContent(message);
    expect(screen.queryByTestId('review-toolbar')).not.toBeInTheDocument();
    expect(screen.queryAllByTestId('clip-card')).toHaveLength(0);
  });

  it('labelling a card saves exactly that row over the loaded file with its mtime', async () => {
    const user = userEvent.setup();
    const transport = transportWith(loadedTask([row(0), row(1), row(2)]));
    renderWithApp(<ReviewPage />, { transport });
    await openTask(user);
    expect(transport.callsTo('POST', '/api/annotations/load')[0]!.body).toEqual({
      path: TASK_PATH,
      audio_root: null,
      score_threshold: null,
    });

    await chooseSaveLocation(user, TASK_PATH);
    await waitFor(() => expect(transport.callsTo('POST', '/api/annotations/save')).toHaveLength(1));
    expect(transport.callsTo('POST', '/api/annotations/save')[0]!.body).toEqual({
      path: TASK_PATH,
      source_path: TASK_PATH,
      rows: [],
      expected_mtime_ns: '1700000000000000000',
      overwrite: false,
    });

    const second = screen.getAllByTestId('clip-card')[1]!;
    await user.click(within(second).getByTestId('label-yes'));
    expect(second).toHaveAttribute('data-label', 'yes');
    await user.keyboard('n'); // paging saves at once
    await waitFor(() => expect(transport.callsTo('POST', '/api/annotations/save')).toHaveLength(2));
    expect(transport.callsTo('POST', '/api/annotations/save')[1]!.body).toEqual({
      path: TASK_PATH,
      source_path: TASK_PATH,
      rows: [{ index: 1, annotation: 'yes', comments: '' }],
      expected_mtime_ns: '1700000000000000999',
      overwrite: false,
    });
    await waitFor(() =>
      expect(screen.getByTestId('review-save-status')).toHaveAttribute('data-status', 'saved'),
    );
  });

  it('Shift+A labels the whole page, Ctrl+Z undoes it, and the save sends the result', async () => {
    const user = userEvent.setup();
    const transport = transportWith(loadedTask([row(0), row(1, { annotation: 'no' }), row(2)]));
    renderWithApp(<ReviewPage />, { transport });
    await openTask(user);
    await chooseSaveLocation(user, '/data/labels.csv');
    await waitFor(() => expect(transport.callsTo('POST', '/api/annotations/save')).toHaveLength(1));

    await user.keyboard('{Shift>}A{/Shift}');
    const labels = () => screen.getAllByTestId('clip-card').map((c) => c.dataset.label);
    expect(labels()).toEqual(['yes', 'yes', 'yes']);
    await user.keyboard('{Control>}z{/Control}');
    expect(labels()).toEqual(['unlabeled', 'no', 'unlabeled']);
    await user.keyboard('{Control>}y{/Control}');
    await user.keyboard('{ArrowRight}d'); // second clip: uncertain
    expect(labels()).toEqual(['yes', 'uncertain', 'yes']);

    await user.keyboard('n');
    await waitFor(() => expect(transport.callsTo('POST', '/api/annotations/save')).toHaveLength(2));
    expect(transport.callsTo('POST', '/api/annotations/save')[1]!.body).toMatchObject({
      path: '/data/labels.csv',
      source_path: TASK_PATH,
      rows: [
        { index: 0, annotation: 'yes', comments: '' },
        { index: 1, annotation: 'uncertain', comments: '' },
        { index: 2, annotation: 'yes', comments: '' },
      ],
    });
  });

  it('a missing audio file shows the absolute path tried and how to fix the root folder', async () => {
    const user = userEvent.setup();
    const missing = row(0, { audio_exists: false, audio_path: '/wrong/root/rec_0.wav' });
    renderWithApp(<ReviewPage />, { transport: transportWith(loadedTask([missing, row(1)])) });
    await openTask(user);
    const notice = screen.getByTestId('missing-audio');
    expect(notice).toHaveTextContent('/wrong/root/rec_0.wav');
    expect(notice).toHaveTextContent('Root audio folder');
  });

  it('a save refused with 409 offers Reload or Save as…', async () => {
    const user = userEvent.setup();
    const transport = transportWith(loadedTask([row(0), row(1)])).on(
      'POST',
      '/api/annotations/save',
      {
        status: 409,
        body: {
          error: {
            code: 'file_changed',
            message:
              '/data/task.csv changed on disk since it was loaded: reload it or save as another file',
            details: {},
          },
        },
      },
    );
    renderWithApp(<ReviewPage />, { transport });
    await openTask(user);
    await chooseSaveLocation(user, TASK_PATH);
    const dialog = await screen.findByTestId('review-conflict');
    expect(dialog).toHaveTextContent('changed on disk');
    expect(screen.getByTestId('review-save-status')).toHaveAttribute('data-status', 'conflict');

    await user.click(screen.getByTestId('review-conflict-reload'));
    await waitFor(() => expect(transport.callsTo('POST', '/api/annotations/load')).toHaveLength(2));
    expect(transport.callsTo('POST', '/api/annotations/load')[1]!.body).toMatchObject({
      path: TASK_PATH,
    });
  });

  it('keys typed into a comment do not label, and comments persist across pages', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem(
      'dipper.review.settings.v1',
      JSON.stringify({ rows: 1, columns: 1, show_comments: true }),
    );
    const transport = transportWith(loadedTask([row(0), row(1)]));
    renderWithApp(<ReviewPage />, { transport });
    await openTask(user);
    await chooseSaveLocation(user, '/data/labels.csv');
    const comment = screen.getByTestId('clip-comment');
    await user.type(comment, 'faint asdf');
    expect(screen.getByTestId('clip-card')).toHaveAttribute('data-label', 'unlabeled');
    fireEvent.blur(comment);
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('n');
    await waitFor(() => expect(screen.getByTestId('clip-file')).toHaveTextContent('rec_1.wav'));
    await user.keyboard('p');
    await waitFor(() => expect(screen.getByTestId('clip-comment')).toHaveValue('faint asdf'));
    const saves = transport.callsTo('POST', '/api/annotations/save');
    expect(saves[saves.length - 1]!.body).toMatchObject({
      rows: [{ index: 0, annotation: '', comments: 'faint asdf' }],
    });
  });

  it('saves one at a time, each with the mtime the previous save returned', async () => {
    const user = userEvent.setup();
    let mtime = 100;
    let inFlight = 0;
    let most = 0;
    const transport = defaultTransport()
      .ok('POST', '/api/annotations/load', loadedTask([row(0), row(1), row(2)]))
      .on('POST', '/api/annotations/save', async (body) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 150));
        inFlight -= 1;
        const expected = (body as { expected_mtime_ns: string | null }).expected_mtime_ns;
        if (expected !== null && expected !== String(mtime)) {
          return { status: 409, body: { error: { code: 'file_changed', message: 'changed' } } };
        }
        mtime += 1;
        const path = (body as { path: string }).path;
        return { status: 200, body: { path, mtime_ns: String(mtime), saved_rows: 1 } };
      });
    renderWithApp(<ReviewPage />, { transport });
    await openTask(user);
    await chooseSaveLocation(user, '/data/new.csv');
    await user.keyboard('a{ArrowRight}sn{ArrowRight}dpn');
    await waitFor(() =>
      expect(screen.getByTestId('review-save-status')).toHaveAttribute('data-status', 'saved'),
    );
    const saves = transport.callsTo('POST', '/api/annotations/save');
    // How many saves coalesce depends on timing; two page changes give at least two, and each
    // later save must carry the mtime the one before it returned.
    expect(saves.length).toBeGreaterThanOrEqual(2);
    const expectedMtimes = saves
      .slice(1)
      .map((save) => (save.body as { expected_mtime_ns: string | null }).expected_mtime_ns);
    expect(expectedMtimes).toEqual(saves.slice(1).map((_, i) => String(101 + i)));
    expect(most).toBe(1);
    expect(screen.queryByTestId('review-conflict')).not.toBeInTheDocument();
    expect(saves[saves.length - 1]!.body).toMatchObject({
      rows: [
        { index: 0, annotation: 'yes' },
        { index: 1, annotation: 'no' },
        { index: 2, annotation: 'uncertain' },
      ],
    });
  });
});
