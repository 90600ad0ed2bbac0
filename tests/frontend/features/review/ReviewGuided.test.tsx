import { screen, waitFor } from '@testing-library/react';
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

/** Open the task and choose where labels go (else the Save-as prompt opens on the first save). */
async function open(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByTestId('review-csv'), TASK_PATH);
  await user.click(screen.getByTestId('review-load'));
  await screen.findByTestId('review-toolbar');
  await user.click(screen.getByTestId('review-save-as'));
  await user.click(screen.getByTestId('path-prompt-confirm'));
  await waitFor(() => expect(screen.queryByTestId('path-prompt')).not.toBeInTheDocument());
}

const files = () => screen.getAllByTestId('clip-file').map((el) => el.textContent?.split(' ')[0]);

describe('classifier-guided listening', () => {
  it('shows only unverified groups in group order and skips a group once it is verified', async () => {
    const user = userEvent.setup();
    const rows = [
      row(0, { group: 'site_B' }),
      row(1, { group: 'site_A' }),
      row(2, { group: 'site_B' }),
      row(3, { group: 'site_C', annotation: 'no' }),
      row(4, { group: 'site_A', annotation: 'uncertain' }),
    ];
    const transport = defaultTransport()
      .ok('POST', '/api/annotations/load', loadedTask(rows, { group_column: 'group' }))
      .ok('POST', '/api/annotations/save', { path: TASK_PATH, mtime_ns: '1', saved_rows: 0 });
    renderWithApp(<ReviewPage />, { transport });
    await open(user);
    await waitFor(() => expect(files()).toHaveLength(5));

    await user.click(screen.getByTestId('review-guided'));
    await waitFor(() =>
      expect(files()).toEqual(['rec_1.wav', 'rec_4.wav', 'rec_0.wav', 'rec_2.wav']),
    );
    expect(screen.getAllByTestId('clip-group').map((el) => el.textContent)).toEqual([
      'site_A',
      'site_A',
      'site_B',
      'site_B',
    ]);

    // Focus on rec_1 (site_A): Yes verifies site_A, so the next clip is site_B's first.
    await user.keyboard('{Escape}');
    await screen.findByTestId('focus-view');
    expect(screen.getByTestId('focus-file')).toHaveTextContent('rec_1.wav');
    expect(screen.getByTestId('focus-group')).toHaveTextContent('Unverified candidate');
    await user.keyboard('a');
    await waitFor(() => expect(screen.getByTestId('focus-file')).toHaveTextContent('rec_0.wav'));
    await user.keyboard('s');
    await waitFor(() => expect(screen.getByTestId('focus-file')).toHaveTextContent('rec_2.wav'));
  });
});

describe('multiclass mode', () => {
  it('keys and the class selector write list values', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport()
      .ok(
        'POST',
        '/api/annotations/load',
        loadedTask([row(0), row(1, { annotation: "['wren']" })], {
          mode_guess: 'multiclass',
          classes_guess: ['robin', 'wren'],
        }),
      )
      .ok('POST', '/api/annotations/save', { path: TASK_PATH, mtime_ns: '1', saved_rows: 0 });
    renderWithApp(<ReviewPage />, { transport });
    await open(user);
    await waitFor(() => expect(screen.getAllByTestId('clip-card')).toHaveLength(2));
    const labels = () => screen.getAllByTestId('clip-card').map((c) => c.dataset.label);
    expect(labels()).toEqual(['unlabeled', 'yes']);
    await user.keyboard('s');
    expect(labels()).toEqual(['no', 'yes']);
    await user.click(
      screen.getByLabelText('Classes in this clip', { selector: '#clip-classes-0' }),
    );
    await user.click(await screen.findByText('robin'));
    expect(labels()).toEqual(['yes', 'yes']);
    await user.click(screen.getByTestId('review-summary'));
    await user.keyboard('{Control>}z{/Control}');
    expect(labels()).toEqual(['no', 'yes']);
  });
});
