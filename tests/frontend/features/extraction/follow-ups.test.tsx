import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '@/app/App';
import { extractionPrefill, followUps } from '@/features/tasks/task-actions';
import { taskJson } from '../../support/factories';
import { defaultTransport, renderWithApp } from '../../support/render';
import { GREAT_TIT, PETREL, scanJson, summaryJson } from './fixtures';

describe('followUps', () => {
  it('offers "Create annotation task" on completed inference tasks only', () => {
    const inference = taskJson({ status: 'completed' });
    expect(followUps(inference)).toMatchObject({
      createAnnotationTask: true,
      extractionResult: false,
    });
    for (const status of ['unstarted', 'queued', 'running', 'failed', 'canceled'] as const) {
      expect(followUps({ ...inference, status }).createAnnotationTask).toBe(false);
    }
    expect(followUps({ ...inference, job_dir: null }).createAnnotationTask).toBe(false);
  });

  it('shows the result of completed extraction tasks only', () => {
    const extraction = taskJson({ kind: 'extraction', status: 'completed' });
    expect(followUps(extraction)).toMatchObject({
      createAnnotationTask: false,
      extractionResult: true,
    });
    expect(followUps({ ...extraction, status: 'failed' }).extractionResult).toBe(false);
  });

  it('pre-fills the predictions folder with the job folder and the audio root with the audio folder', () => {
    const task = taskJson({ job_dir: '/jobs/inference_1', config: { audio_dir: '/audio' } });
    expect(extractionPrefill(task)).toEqual({
      kind: 'extraction',
      predictions_dir: '/jobs/inference_1',
      audio_root: '/audio',
    });
    expect(extractionPrefill({ ...task, config: { audio_dir: null } }).audio_root).toBeNull();
  });
});

describe('task follow-ups in the app', () => {
  it('"Create annotation task" on a finished inference task opens Extraction pre-filled', async () => {
    const user = userEvent.setup();
    const done = taskJson({
      name: 'Demo BirdNET run',
      status: 'completed',
      job_dir: '/data/jobs/inference_1',
      config: { model: 'BirdNET', audio_dir: '/data/audio', output_dir: '/data/jobs' },
    });
    const running = taskJson({ name: 'Still going', status: 'running' });
    const transport = defaultTransport()
      .ok('GET', '/api/tasks', { tasks: [done, running] })
      .ok('POST', '/api/extraction/scan', scanJson());
    window.location.hash = '#/tasks';
    renderWithApp(<App />, { transport });

    const cards = await screen.findAllByTestId('task-card');
    const runningCard = cards.find((card) => card.textContent?.includes('Still going'));
    expect(within(runningCard as HTMLElement).queryByTestId('task-create-annotation')).toBeNull();
    const doneCard = cards.find((card) => card.textContent?.includes('Demo BirdNET run'));
    await user.click(within(doneCard as HTMLElement).getByTestId('task-create-annotation'));

    await waitFor(() => expect(window.location.hash).toBe('#/extraction'));
    await waitFor(() =>
      expect(screen.getByTestId('extraction-predictions-dir')).toHaveValue(
        '/data/jobs/inference_1',
      ),
    );
    expect(screen.getByTestId('extraction-audio-root')).toHaveValue('/data/audio');
    expect(screen.getByTestId('extraction-note')).toHaveTextContent(
      'Loaded from inference task “Demo BirdNET run”',
    );
    await waitFor(
      () =>
        expect(screen.getByTestId('extraction-classes-all')).toHaveTextContent('Select all (3)'),
      { timeout: 5000 },
    );
  });

  it('a finished extraction task shows its summary, opens in Review and refills the form', async () => {
    const user = userEvent.setup();
    const config = {
      kind: 'extraction',
      predictions_dir: '/data/jobs/inference_1',
      audio_root: '/data/audio',
      classes: [GREAT_TIT],
      stratify_by_subfolder: true,
      strategies: [
        { kind: 'random', n: 2 },
        { kind: 'top', n: 3 },
      ],
      mode: 'binary',
      output_dir: '/data/ann',
      export_clips: true,
      clip_duration_s: 6,
    };
    const done = taskJson({ name: 'Tit clips', kind: 'extraction', status: 'completed', config });
    const summary = summaryJson({ outputs: summaryJson().outputs.slice(0, 1) });
    const transport = defaultTransport()
      .ok('GET', '/api/tasks', { tasks: [done] })
      .ok('POST', '/api/extraction/summary', summary)
      .ok('POST', '/api/extraction/scan', scanJson());
    window.location.hash = '#/tasks';
    renderWithApp(<App />, { transport });

    const card = await screen.findByTestId('task-card');
    expect(await within(card).findByTestId('extraction-summary-headline')).toHaveTextContent(
      'Selected 5 of 6 requested · 2 classes',
    );
    expect(within(card).getAllByTestId('extraction-summary-row')).toHaveLength(3);
    expect(within(card).getByText(PETREL)).toBeVisible();

    await user.click(within(card).getByTestId('task-load-config'));
    await waitFor(() => expect(window.location.hash).toBe('#/extraction'));
    await waitFor(() =>
      expect(screen.getByTestId('extraction-output-dir')).toHaveValue('/data/ann'),
    );
    expect(screen.getByTestId('extraction-by-subfolder')).toBeChecked();
    expect(screen.getByTestId('extraction-strategy-top-on')).toBeChecked();
    expect(screen.getByTestId('extraction-strategy-top-n')).toHaveValue('3');
    expect(screen.getByTestId('extraction-strategy-random-n')).toHaveValue('2');
    expect(screen.getByTestId('extraction-clip-duration')).toHaveValue('6');

    // One annotation CSV: "Open in Review" goes straight to the Review tab.
    await user.click(screen.getByTestId('nav-tasks'));
    await user.click(within(card).getByTestId('open-in-review'));
    await waitFor(() => expect(window.location.hash).toBe('#/review'));
  });
});
