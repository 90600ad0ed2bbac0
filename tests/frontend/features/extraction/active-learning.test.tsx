import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { NativeDialogs } from '@/api/dialogs';
import { ExtractionPage } from '@/features/extraction/ExtractionPage';
import { useFormPrefill, type Prefill } from '@/stores/formPrefill';
import { taskJson } from '../../support/factories';
import { defaultTransport, renderWithApp } from '../../support/render';
import { GREAT_TIT, PETREL, ROBIN, scanJson } from './fixtures';

type User = ReturnType<typeof userEvent.setup>;

/** Type into a field at once (paste), as typing char by char re-renders the whole form each time. */
async function fill(user: User, testId: string, text: string) {
  const field = screen.getByTestId(testId);
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
}

const reasonOf = (button: HTMLElement) =>
  button.parentElement?.getAttribute('data-disabled-reason') ?? null;

/** Leaves a prefill for the Extraction form when it mounts, as the loop's "Next round" does. */
function OfferPrefill({ prefill }: { prefill: Prefill }) {
  const { offer } = useFormPrefill();
  useEffect(() => offer(prefill), [offer, prefill]);
  return null;
}

/** Native dialogs that answer with fixed paths (Electron). */
function fakeDialogs(answers: { openFiles?: string[]; saveFile?: string; openFile?: string }) {
  const dialogs: NativeDialogs = {
    openFolder: async () => null,
    openFile: async () => answers.openFile ?? null,
    openFiles: async () => answers.openFiles ?? [],
    saveFile: async () => answers.saveFile ?? null,
    showFolder: async () => undefined,
  };
  return dialogs;
}

const LABELLED = [
  `/loop/round_1/${GREAT_TIT}_annotation_task_20260501_100000.csv`,
  '/loop/round_1/annotation_task_20260501_100000.csv',
];

describe('Extraction: active-learning strategies', () => {
  beforeEach(() => {
    window.location.hash = '#/extraction';
  });

  it('switches the cards on, edits them, and sends exactly their settings', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport()
      .ok('POST', '/api/extraction/scan', scanJson())
      .on('POST', '/api/tasks', (body) => ({
        status: 201,
        body: taskJson({
          kind: 'extraction',
          status: 'unstarted',
          config: (body as { config: Record<string, unknown> }).config,
        }),
      }));
    renderWithApp(<ExtractionPage />, { transport });

    const section = screen.getByRole('region', { name: 'Active learning' });
    expect(
      within(section).getByText('Active learning (needs a trained model’s scores)'),
    ).toBeVisible();
    expect(within(screen.getByTestId('extraction-strategy-hybrid')).getByText('Recommended'));
    // Off by default: their fields are disabled, and the embedding cache is not asked for.
    expect(screen.getByTestId('extraction-strategy-hybrid-threshold')).toBeDisabled();
    expect(screen.queryByTestId('extraction-embedding-cache')).toBeNull();

    await fill(user, 'extraction-predictions-dir', '/data/jobs/inference_1');
    await waitFor(
      () =>
        expect(screen.getByTestId('extraction-classes-all')).toHaveTextContent('Select all (3)'),
      { timeout: 5000 },
    );
    await user.click(screen.getByTestId('extraction-classes-all'));
    await fill(user, 'extraction-output-dir', '/loop/round_2');

    await user.click(screen.getByTestId('extraction-strategy-random-on'));
    await user.click(screen.getByTestId('extraction-strategy-hybrid-on'));
    await user.click(screen.getByTestId('extraction-strategy-uncertainty-on'));
    await user.click(screen.getByTestId('extraction-strategy-diversity-on'));
    expect(screen.getByTestId('extraction-embedding-cache')).toBeVisible();
    // The threshold is "auto" until a number is typed.
    const hybridThreshold = screen.getByTestId('extraction-strategy-hybrid-threshold');
    expect(hybridThreshold).toHaveValue('');
    expect(hybridThreshold).toHaveAttribute('placeholder', 'Auto (from your labels)');
    expect(screen.getAllByText(/Empty: each class gets the share of “no”/)).toHaveLength(2);
    await fill(user, 'extraction-strategy-hybrid-n', '25');
    await fill(user, 'extraction-strategy-hybrid-pool', '500');
    await fill(user, 'extraction-strategy-uncertainty-threshold', '0.7');
    // Switched off again: the diversity card leaves the config.
    await user.click(screen.getByTestId('extraction-strategy-diversity-on'));
    await fill(user, 'extraction-embedding-cache', '/cache/birdnet');

    expect(screen.getByTestId('extraction-estimate')).toHaveTextContent(
      '3 classes × 35 clips per stratum = up to 105 clips',
    );
    const create = screen.getByTestId('extraction-create');
    expect(create).toBeEnabled();
    await user.click(create);

    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(1));
    const body = transport.callsTo('POST', '/api/tasks')[0]?.body as {
      config: Record<string, unknown>;
    };
    expect(body.config.strategies).toEqual([
      { kind: 'uncertainty', n: 10, threshold: 0.7 },
      { kind: 'hybrid', n: 25, threshold: null, max_pool: 500 },
    ]);
    expect(body.config).toMatchObject({
      classes: [GREAT_TIT, PETREL, ROBIN],
      labelled_annotation_files: [],
      embedding_cache_dir: '/cache/birdnet',
      output_dir: '/loop/round_2',
    });
  });

  it('names a threshold outside (0, 1) and a candidate pool smaller than N', async () => {
    const user = userEvent.setup();
    renderWithApp(<ExtractionPage />);
    await user.click(screen.getByTestId('extraction-strategy-uncertainty-on'));
    await user.click(screen.getByTestId('extraction-strategy-diversity-on'));
    await fill(user, 'extraction-strategy-diversity-pool', '5');
    await fill(user, 'extraction-strategy-uncertainty-threshold', '1');
    const create = screen.getByTestId('extraction-create');
    expect(reasonOf(create)).toContain('Uncertainty: threshold, Diversity: candidate pool');
    expect(screen.getByText('A probability above 0 and below 1, or empty for auto')).toBeVisible();
    expect(screen.getByText('A whole number, at least N')).toBeVisible();
    await fill(user, 'extraction-strategy-uncertainty-threshold', '0.05');
    await fill(user, 'extraction-strategy-diversity-pool', '10');
    expect(reasonOf(create)).not.toContain('Uncertainty');
    expect(reasonOf(create)).not.toContain('Diversity');
    // Emptied again: auto, which is valid.
    await fill(user, 'extraction-strategy-uncertainty-threshold', 'x');
    expect(reasonOf(create)).toContain('Uncertainty: threshold');
    await user.clear(screen.getByTestId('extraction-strategy-uncertainty-threshold'));
    expect(reasonOf(create)).not.toContain('Uncertainty');
  });

  it('lists already-labelled CSVs (added with the dialog or pasted), saves and reloads them', async () => {
    const user = userEvent.setup();
    let saved: Record<string, unknown> | null = null;
    const transport = defaultTransport()
      .on('POST', '/api/configs/save', (body) => {
        saved = (body as { config: Record<string, unknown> }).config;
        return { status: 200, body: { path: '/loop/extraction_config.json' } };
      })
      .on('POST', '/api/configs/load', () => ({
        status: 200,
        body: { path: '/loop/extraction_config.json', config: saved },
      }));
    const dialogs = fakeDialogs({
      openFiles: LABELLED,
      saveFile: '/loop/extraction_config.json',
      openFile: '/loop/extraction_config.json',
    });
    const first = renderWithApp(<ExtractionPage />, { transport, dialogs });

    await user.click(screen.getByTestId('extraction-labelled-files-add'));
    const field = screen.getByTestId('extraction-labelled-files');
    expect(field).toHaveValue(LABELLED.join('\n'));
    // A pasted line that is not a CSV is named, and blocks creating.
    await user.click(field);
    await user.keyboard('{Control>}{End}{/Control}');
    await user.paste('\n/loop/notes.txt');
    expect(
      screen.getByText(/Only annotation CSVs, by their absolute paths \(not CSV: notes.txt\)/),
    );
    expect(reasonOf(screen.getByTestId('extraction-create'))).toContain(
      'Already-labelled files (not CSV: notes.txt)',
    );
    await fill(user, 'extraction-labelled-files', `${LABELLED.join('\n')}\n\n${LABELLED[0]}`);
    expect(reasonOf(screen.getByTestId('extraction-create'))).not.toContain('Already-labelled');

    await user.click(screen.getByTestId('extraction-save-config'));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(saved).toMatchObject({ labelled_annotation_files: LABELLED });

    first.unmount();
    renderWithApp(<ExtractionPage />, { transport, dialogs });
    expect(screen.getByTestId('extraction-labelled-files')).toHaveValue('');
    await user.click(screen.getByTestId('extraction-open-config'));
    await waitFor(() =>
      expect(screen.getByTestId('extraction-labelled-files')).toHaveValue(LABELLED.join('\n')),
    );
    expect(screen.getByTestId('extraction-note')).toHaveTextContent(
      'Loaded from /loop/extraction_config.json',
    );
  });

  it('warns, without blocking, when the scores of a threshold strategy are logits', async () => {
    const user = userEvent.setup();
    const logits = taskJson({
      name: 'Round 1 model on site A',
      status: 'completed',
      job_dir: '/data/jobs/inference_1',
      config: { model_file: '/loop/model.dipper.pt', activation: 'logits' },
    });
    const transport = defaultTransport()
      .ok('GET', '/api/tasks', { tasks: [logits] })
      .ok('POST', '/api/extraction/scan', scanJson());
    renderWithApp(<ExtractionPage />, { transport });
    await fill(user, 'extraction-predictions-dir', '/data/jobs/inference_1/');
    await user.click(screen.getByTestId('extraction-strategy-diversity-on'));
    expect(screen.queryByTestId('extraction-score-scale-warning')).toBeNull();
    await user.click(screen.getByTestId('extraction-strategy-uncertainty-on'));
    const warning = await screen.findByTestId('extraction-score-scale-warning');
    expect(warning).toHaveTextContent(
      'These scores are logits, not probabilities (inference task “Round 1 model on site A” ran with the activation “logits”)',
    );
    expect(warning).toHaveTextContent('run inference with the activation “sigmoid”');
    expect(reasonOf(screen.getByTestId('extraction-create'))).not.toContain('Uncertainty');
  });
});

describe('Extraction: waiting for the next round’s inference task', () => {
  beforeEach(() => {
    window.location.hash = '#/extraction';
  });

  /** The task list as the server answers it, changed by the test between polls. */
  function roundTwoInference() {
    let task = taskJson({
      id: 'inf-round-2',
      name: 'Loop round 2 inference',
      status: 'queued',
      job_dir: null,
      config: { model_file: '/loop/round_1/model.dipper.pt', activation: 'sigmoid' },
    });
    const transport = defaultTransport()
      .on('GET', '/api/tasks', () => ({ status: 200, body: { tasks: [task] } }))
      .ok('POST', '/api/extraction/scan', scanJson({ predictions_dir: '/loop/inference_2' }));
    const update = (changes: Partial<typeof task>) => {
      task = { ...task, ...changes };
    };
    const prefill: Prefill = {
      form: 'extraction',
      config: {
        kind: 'extraction',
        predictions_dir: '',
        audio_root: '/data/audio',
        classes: [GREAT_TIT],
        strategies: [{ kind: 'hybrid', n: 20 }],
        labelled_annotation_files: LABELLED,
        mode: 'binary',
        output_dir: '/loop/round_2',
      },
      name: 'Loop round 2: hybrid clips',
      source: 'loop round 1 (model.dipper.pt)',
      waitForTaskId: 'inf-round-2',
    };
    return { transport, update, prefill };
  }

  it('shows the task’s progress, takes its job folder, and scans once it completes', async () => {
    const { transport, update, prefill } = roundTwoInference();
    renderWithApp(
      <>
        <OfferPrefill prefill={prefill} />
        <ExtractionPage />
      </>,
      { transport },
    );
    const banner = await screen.findByTestId('extraction-await');
    await waitFor(() => expect(banner).toHaveAttribute('data-phase', 'waiting'));
    expect(banner).toHaveTextContent('Waiting for inference task “Loop round 2 inference”');
    expect(screen.getByTestId('extraction-strategy-hybrid-on')).toBeChecked();
    expect(screen.getByTestId('extraction-strategy-hybrid-threshold')).toHaveValue(''); // auto
    expect(screen.getByTestId('extraction-strategy-random-on')).not.toBeChecked();
    expect(screen.getByTestId('extraction-labelled-files')).toHaveValue(LABELLED.join('\n'));
    expect(reasonOf(screen.getByTestId('extraction-create'))).toBe(
      'Fill in: Predictions folder (waiting for inference task “Loop round 2 inference” to finish)',
    );

    update({
      status: 'running',
      job_dir: '/loop/inference_2',
      progress: { fraction: 0.4, message: 'Inference: 4/10 files', eta_s: 30, updated_at: null },
    });
    await waitFor(
      () =>
        expect(screen.getByTestId('extraction-predictions-dir')).toHaveValue('/loop/inference_2'),
      { timeout: 5000 },
    );
    await waitFor(() => expect(within(banner).getByText('40%')).toBeVisible(), { timeout: 5000 });
    expect(within(banner).getByText('Inference: 4/10 files')).toBeVisible();
    expect(screen.getByTestId('extraction-scan')).toHaveTextContent(
      'Scanned when the inference task writing this folder completes.',
    );
    expect(transport.callsTo('POST', '/api/extraction/scan')).toHaveLength(0);

    update({
      status: 'completed',
      progress: { fraction: 1, message: 'Done', eta_s: null, updated_at: null },
    });
    await waitFor(() => expect(banner).toHaveAttribute('data-phase', 'completed'), {
      timeout: 5000,
    });
    await waitFor(() => expect(transport.callsTo('POST', '/api/extraction/scan')).toHaveLength(1), {
      timeout: 5000,
    });
    expect(transport.callsTo('POST', '/api/extraction/scan')[0]?.body).toEqual({
      predictions_dir: '/loop/inference_2',
    });
    await waitFor(() =>
      expect(screen.getByTestId('extraction-scan-headline')).toHaveTextContent('3 classes'),
    );
    expect(reasonOf(screen.getByTestId('extraction-create'))).toBeNull();
    await userEvent.setup().click(screen.getByTestId('extraction-await-dismiss'));
    expect(screen.queryByTestId('extraction-await')).toBeNull();
  });

  it('says so, with the task’s error, when the inference task fails', async () => {
    const { transport, update, prefill } = roundTwoInference();
    update({ status: 'running', job_dir: '/loop/inference_2' });
    renderWithApp(
      <>
        <OfferPrefill
          prefill={{
            ...prefill,
            config: { ...prefill.config, predictions_dir: '/loop/inference_2' },
          }}
        />
        <ExtractionPage />
      </>,
      { transport },
    );
    const banner = await screen.findByTestId('extraction-await');
    await waitFor(() => expect(banner).toHaveAttribute('data-phase', 'waiting'));
    update({
      status: 'failed',
      error: 'No audio files found in /data/audio. Check the folder and the extensions.',
    });
    await waitFor(() => expect(banner).toHaveAttribute('data-phase', 'failed'), { timeout: 5000 });
    expect(banner).toHaveTextContent(
      'The inference task “Loop round 2 inference” did not complete, so there are no new predictions',
    );
    expect(banner).toHaveTextContent(
      'No audio files found in /data/audio. Check the folder and the extensions.',
    );
  });
});
