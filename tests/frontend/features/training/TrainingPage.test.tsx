import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '@/app/App';
import type { LabelSources } from '@/api/training-schemas';
import { TrainingPage } from '@/features/training/TrainingPage';
import { taskJson } from '../../support/factories';
import { defaultTransport, renderWithApp } from '../../support/render';
import { binarySource, labelSummary, TIT_CSV, trainingSummary } from './fixtures';
import formConfigs from './form-configs.json';
import { fill, reasonOf } from './form-helpers';

/** The labels route as the server answers it for the Great Tit CSV (a class given or not). */
function labelsRoute(body: unknown) {
  const sources = body as LabelSources;
  return {
    status: 200,
    body: labelSummary(
      sources.annotation_files.map((file) =>
        file.class_name
          ? binarySource({ path: file.path, class_name: file.class_name })
          : binarySource({
              path: file.path,
              counts: {},
              mode: 'binary',
              problems: [
                'Great Tit_annotation_task_20260101-120000.csv holds yes/no labels: give the class they are about (its name suggests “Great Tit”).',
              ],
            }),
      ),
    ),
  };
}

describe('TrainingPage', () => {
  beforeEach(() => {
    window.location.hash = '#/training';
  });

  it('reads the labels, explains what is missing and creates the task the server accepts', async () => {
    const user = userEvent.setup();
    const created = taskJson({ kind: 'training', status: 'queued', name: 'Great Tit v1' });
    const transport = defaultTransport()
      .on('POST', '/api/training/labels', labelsRoute)
      .on('POST', '/api/tasks', { status: 201, body: created })
      .ok('GET', `/api/tasks/${created.id}`, created);
    renderWithApp(<TrainingPage />, { transport });
    expect(reasonOf('training-create')).toBe('Fill in: Label sources, Output folder');

    await user.click(screen.getByTestId('training-labels-add-csv'));
    expect(reasonOf('training-create')).toBe('Fill in: Annotation CSV 1, Output folder');
    await fill(user, 'training-labels-csv-0-path', TIT_CSV);
    expect(
      await screen.findByTestId('training-labels-csv-0-summary-problem', {}, { timeout: 5000 }),
    ).toHaveTextContent('holds yes/no labels: give the class');
    expect(reasonOf('training-create')).toBe(
      'Fill in: Annotation CSV 1: class, Labels (fix the problems listed under them), Output folder',
    );

    // The file name names the class: one click fills it in, and the counts appear.
    await user.click(screen.getByTestId('training-labels-csv-0-use-suggestion'));
    expect(screen.getByTestId('training-labels-csv-0-class')).toHaveValue('Great Tit');
    await waitFor(
      () =>
        expect(screen.getByTestId('training-labels-csv-0-summary-count')).toHaveTextContent(
          'Great Tit: 23 yes, 40 no',
        ),
      { timeout: 5000 },
    );
    expect(screen.getByTestId('training-labels-csv-0-summary')).toHaveTextContent(
      '70 rows · binary · 5 not reviewed · 2 uncertain',
    );
    expect(screen.getByTestId('training-classes-all')).toHaveTextContent('Select all (1)');
    expect(reasonOf('training-create')).toBe('Fill in: Output folder');

    await fill(user, 'training-output-dir', '/data/models');
    await fill(user, 'training-name', 'Great Tit v1');
    expect(screen.getByTestId('training-create-run')).toBeEnabled();
    await user.click(screen.getByTestId('training-create-run'));

    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(1));
    expect(transport.callsTo('POST', '/api/tasks')[0]?.body).toEqual({
      kind: 'training',
      name: 'Great Tit v1',
      config: formConfigs.shallow,
      start: true,
    });
    expect(transport.callsTo('POST', '/api/training/labels').at(-1)?.body).toEqual({
      annotation_files: [{ path: TIT_CSV, class_name: 'Great Tit', audio_root: null }],
      raven_tables: [],
      folder_labels_dir: null,
    });
    expect(await screen.findByTestId('training-created')).toHaveAttribute('data-status', 'queued');
    expect(screen.getByTestId('task-open-report')).toHaveAttribute('aria-disabled', 'true');
  });

  it('warns about a class without negatives and refuses a class list that leaves some out', async () => {
    const user = userEvent.setup();
    const sources = [
      binarySource(),
      binarySource({
        path: '/data/review/owl.csv',
        class_name: 'owl',
        counts: { owl: { positive: 8, negative: 0 } },
      }),
    ];
    const transport = defaultTransport().ok('POST', '/api/training/labels', labelSummary(sources));
    renderWithApp(<TrainingPage />, { transport });
    await user.click(screen.getByTestId('training-labels-add-csv'));
    await fill(user, 'training-labels-csv-0-path', TIT_CSV);
    await fill(user, 'training-labels-csv-0-class', 'Great Tit');
    await user.click(screen.getByTestId('training-labels-add-csv'));
    await fill(user, 'training-labels-csv-1-path', '/data/review/owl.csv');
    await fill(user, 'training-labels-csv-1-class', 'owl');

    expect(
      await screen.findByTestId('training-class-warnings', {}, { timeout: 5000 }),
    ).toHaveTextContent('owl has no negative labels: add examples where it is absent.');
    const select = screen.getByLabelText('Classes to train');
    await user.type(select, 'Great');
    await user.keyboard('{Enter}');
    expect(reasonOf('training-create')).toContain(
      'Classes (the labels also name owl: pick them too, or none for all)',
    );
    // Only the picked classes are warned about.
    expect(screen.queryByTestId('training-class-warnings')).toBeNull();
  });

  it('builds a CNN config with an evaluation set and flags a bandpass the wrong way round', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().on('POST', '/api/training/labels', labelsRoute);
    renderWithApp(<TrainingPage />, { transport });
    await fill(user, 'training-labels-folder', '/data/labelled');
    await user.click(screen.getByTestId('training-evaluation-set'));
    expect(reasonOf('training-create')).toBe('Fill in: Evaluation set, Output folder');
    await fill(user, 'training-evaluation-folder', '/data/held_out');
    await user.click(screen.getByTestId('training-model-cnn'));
    await fill(user, 'training-bandpass-min', '8000');
    await fill(user, 'training-bandpass-max', '2000');
    await fill(user, 'training-output-dir', '/data/models');
    expect(reasonOf('training-create')).toBe('Fill in: Bandpass (low must be below high)');
    await fill(user, 'training-bandpass-max', '12000');
    await fill(user, 'training-num-workers', '-1');
    expect(reasonOf('training-create')).toBe('Fill in: Loading workers');
    await fill(user, 'training-num-workers', '3');
    await user.click(screen.getByTestId('training-unit-epochs'));
    await fill(user, 'training-epochs', '4');
    await user.click(screen.getByTestId('training-early-stopping'));
    await fill(user, 'training-loop-dir', '/data/loop');
    expect(reasonOf('training-create')).toBeNull();

    await user.click(screen.getByTestId('training-create'));
    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(1));
    const sent = transport.callsTo('POST', '/api/tasks')[0]?.body as {
      config: Record<string, unknown>;
    };
    expect(sent.config).toEqual({ ...formConfigs.cnn, num_workers: 3 });
    expect(sent.config).toMatchObject({
      folder_labels_dir: '/data/labelled',
      validation: { annotation_files: [], raven_tables: [], folder_labels_dir: '/data/held_out' },
      model_type: 'cnn',
      cnn_architecture: 'resnet18',
      cnn_pretrained: false,
      clip_duration_s: 3,
      bandpass_min_hz: 8000,
      bandpass_max_hz: 12000,
      background_noise_dir: null,
      augment_noise_overlay: true,
      augment_time_mask: true,
      augment_frequency_mask: true,
      epochs: 4,
      early_stopping_patience_steps: 100,
      loop_dir: '/data/loop',
    });
  });

  it('a training task’s “Load config” refills the form, and its card shows the summary', async () => {
    const user = userEvent.setup();
    const config = {
      kind: 'training',
      annotation_files: [{ path: TIT_CSV, class_name: 'Great Tit', audio_root: '/data/audio' }],
      raven_tables: [
        { path: '/data/raven/a.txt', audio_file: '/data/a.wav', species_column: 'Species' },
      ],
      classes: ['Great Tit'],
      model_type: 'shallow',
      head: 'mlp',
      hidden_sizes: [512, 128],
      steps: 800,
      learning_rate: 0.01,
      validation_fraction: 0.3,
      thresholds: [0.25, 0.75],
      target_precision: 0.95,
      output_dir: '/data/models',
      embedding_cache_dir: '/data/cache',
    };
    const done = taskJson({
      kind: 'training',
      name: 'Tits round 1',
      status: 'completed',
      config,
      job_dir: '/data/models/training_20260101-120000_abc123',
    });
    const transport = defaultTransport()
      .ok('GET', '/api/tasks', { tasks: [done] })
      .ok('POST', '/api/training/summary', trainingSummary())
      .on('POST', '/api/training/labels', labelsRoute);
    window.location.hash = '#/tasks';
    renderWithApp(<App />, { transport });

    const card = await screen.findByTestId('task-card');
    expect(await within(card).findByTestId('training-result-map')).toHaveTextContent(
      'Validation mean AP 0.813 · Labels used: 48 training + 16 validation windows',
    );
    await user.click(within(card).getByTestId('task-load-config'));
    await waitFor(() => expect(window.location.hash).toBe('#/training'));
    await waitFor(() =>
      expect(screen.getByTestId('training-labels-csv-0-path')).toHaveValue(TIT_CSV),
    );
    expect(screen.getByTestId('training-note')).toHaveTextContent(
      'Loaded from task “Tits round 1”',
    );
    expect(screen.getByTestId('training-labels-csv-0-class')).toHaveValue('Great Tit');
    expect(screen.getByTestId('training-labels-csv-0-audio-root')).toHaveValue('/data/audio');
    expect(screen.getByTestId('training-labels-raven-0-audio')).toHaveValue('/data/a.wav');
    expect(screen.getByTestId('training-hidden-sizes')).toHaveValue('512, 128');
    expect(screen.getByTestId('training-steps')).toHaveValue('800');
    expect(screen.getByTestId('training-validation-fraction')).toHaveValue('0.3');
    expect(screen.getByTestId('training-thresholds')).toHaveValue('0.25, 0.75');
    expect(screen.getByTestId('training-name')).toHaveValue('Tits round 1');

    // Sent again unchanged: the same config (the cache folder kept although the form hides it).
    await user.click(screen.getByTestId('training-create'));
    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(1));
    const sent = transport.callsTo('POST', '/api/tasks')[0]?.body as {
      config: Record<string, unknown>;
    };
    expect(sent.config).toMatchObject({
      ...config,
      raven_tables: config.raven_tables,
      epochs: null,
      validation: null,
    });
  });
});
