import { describe, expect, it } from 'vitest';
import { ExtractionConfigSchema } from '@/api/extraction-schemas';
import {
  missingFields,
  parseLoadedConfig,
  resolvedConfig,
  valuesFromConfig,
} from '@/features/extraction/extraction-config';
import {
  STRATEGY_KINDS,
  defaultExtractionValues,
  type ExtractionFormValues,
} from '@/features/extraction/extraction-form';
import {
  defaultNextRoundForm,
  nextRoundExtractionPrefill,
} from '@/features/training/loop/next-round';
import { LoopRoundSchema } from '@/api/loop-schemas';
import { taskJson } from '../../support/factories';
import { roundJson } from '../training/loop/fixtures';
import { configFields, strategyFields, strategyKinds } from './backend-fields';

/** Every field of the form set to a non-default value. */
function everyField(): ExtractionFormValues {
  const values = defaultExtractionValues();
  return {
    ...values,
    predictions_dir: '  /data/jobs/inference_1  ',
    audio_root: ' /data/audio ',
    classes: ['Parus major_Great Tit', 'Hydrobates pelagicus_European Storm-Petrel'],
    score_threshold: 0.5,
    date_windows: [
      { key: 1, start: '2024-05-01', end: '2024-05-31' },
      { key: 2, start: '2024-06-01', end: null },
    ],
    time_windows: [{ key: 3, start: '22:00', end: '02:00' }],
    stratify_by_subfolder: true,
    stratify_by_file: true,
    stratify_by_week: true,
    stratify_date_windows: [
      { key: 4, start: '2024-04-01', end: '2024-04-15' },
      { key: 5, start: '2024-04-16', end: '2024-04-30' },
    ],
    metadata_csv: ' /data/sites.csv ',
    metadata_columns: ['habitat'],
    strategies: {
      random: { enabled: true, n: 3 },
      score_bins: { enabled: true, n: 2 },
      top: { enabled: true, n: 4 },
      score_weighted: { enabled: true, n: 5 },
      zscore_weighted: { enabled: true, n: 6 },
      uncertainty: { enabled: true, n: 7, threshold: 0.3 },
      diversity: { enabled: true, n: 8, max_pool: 500 },
      hybrid: { enabled: true, n: 9, threshold: 0.7, max_pool: 900 },
    },
    score_bins_text: '[[0, 50], [50, 100]]',
    seed: 7,
    mode: 'multiclass',
    output_dir: ' /data/annotations ',
    export_clips: true,
    clip_duration_s: 4.5,
    labelled_annotation_files: [
      ' /data/round_1/A_annotation_task_20260501_100000.csv ',
      '',
      '/data/round_1/A_annotation_task_20260501_100000.csv',
      '/data/round_2/annotation_task_20260508_100000.CSV',
    ],
    embedding_cache_dir: ' /data/cache ',
  };
}

describe('resolvedConfig (form → config)', () => {
  it('maps every field, trimming paths, dropping incomplete windows, listing strategies in order', () => {
    expect(resolvedConfig(everyField())).toEqual({
      kind: 'extraction',
      predictions_dir: '/data/jobs/inference_1',
      audio_root: '/data/audio',
      classes: ['Parus major_Great Tit', 'Hydrobates pelagicus_European Storm-Petrel'],
      score_threshold: 0.5,
      date_windows: [{ start: '2024-05-01', end: '2024-05-31' }],
      time_windows: [{ start: '22:00', end: '02:00' }],
      stratify_by_subfolder: true,
      stratify_by_file: true,
      stratify_by_week: true,
      stratify_date_windows: [
        { start: '2024-04-01', end: '2024-04-15' },
        { start: '2024-04-16', end: '2024-04-30' },
      ],
      metadata_csv: '/data/sites.csv',
      metadata_columns: ['habitat'],
      strategies: [
        { kind: 'random', n: 3 },
        {
          kind: 'score_bins',
          n: 2,
          bins: [
            [0, 50],
            [50, 100],
          ],
        },
        { kind: 'top', n: 4 },
        { kind: 'score_weighted', n: 5 },
        { kind: 'zscore_weighted', n: 6 },
        { kind: 'uncertainty', n: 7, threshold: 0.3 },
        { kind: 'diversity', n: 8, max_pool: 500 },
        { kind: 'hybrid', n: 9, threshold: 0.7, max_pool: 900 },
      ],
      seed: 7,
      mode: 'multiclass',
      output_dir: '/data/annotations',
      export_clips: true,
      clip_duration_s: 4.5,
      labelled_annotation_files: [
        '/data/round_1/A_annotation_task_20260501_100000.csv',
        '/data/round_2/annotation_task_20260508_100000.CSV',
      ],
      embedding_cache_dir: '/data/cache',
      job_dir: null,
    });
  });

  it('sends nulls for empty optional paths, no clip duration without export, only enabled strategies', () => {
    const values = {
      ...defaultExtractionValues(),
      predictions_dir: '/p',
      metadata_columns: ['stale column'],
      clip_duration_s: 9,
    };
    const config = resolvedConfig(values);
    expect(config.audio_root).toBeNull();
    expect(config.metadata_csv).toBeNull();
    expect(config.metadata_columns).toEqual([]);
    expect(config.clip_duration_s).toBeNull();
    expect(config.export_clips).toBe(false);
    expect(config.strategies).toEqual([{ kind: 'random', n: 10 }]);
    expect(config.score_threshold).toBeNull();
    expect(config.mode).toBe('binary');
    expect(config.labelled_annotation_files).toEqual([]);
    expect(config.embedding_cache_dir).toBeNull();
  });

  it('produces configs the schema accepts and that load back into the same form', () => {
    const config = resolvedConfig(everyField());
    expect(ExtractionConfigSchema.safeParse(config).success).toBe(true);
    const loaded = parseLoadedConfig(config);
    if ('error' in loaded) throw new Error(loaded.error);
    expect(resolvedConfig(loaded.values)).toEqual(config);
  });
});

describe('valuesFromConfig / parseLoadedConfig (config → form)', () => {
  it('switches off strategies a loaded config does not list, keeping their default N', () => {
    const config = ExtractionConfigSchema.parse({
      predictions_dir: '/p',
      strategies: [{ kind: 'top', n: 12 }],
    });
    const values = valuesFromConfig(config);
    expect(values.strategies.top).toEqual({ enabled: true, n: 12 });
    expect(values.strategies.random.enabled).toBe(false);
    expect(values.strategies.random.n).toBe(10);
  });

  it('keeps the default strategies for a prefill without any (from an inference task)', () => {
    const loaded = parseLoadedConfig({ predictions_dir: '/jobs/inf', audio_root: '/audio' });
    if ('error' in loaded) throw new Error(loaded.error);
    expect(loaded.values.predictions_dir).toBe('/jobs/inf');
    expect(loaded.values.audio_root).toBe('/audio');
    expect(loaded.values.strategies.random).toEqual({ enabled: true, n: 10 });
  });

  it('refuses another kind of config and names a bad field', () => {
    expect(parseLoadedConfig({ kind: 'inference', model: 'BirdNET' })).toEqual({
      error: 'This is not an extraction config (its kind is “inference”).',
    });
    const bad = parseLoadedConfig({ kind: 'extraction', strategies: [{ kind: 'top', n: -1 }] });
    expect(bad).toEqual({
      error: 'This is not an extraction config this app can load: strategies.0.n is invalid.',
    });
  });
});

describe('missingFields', () => {
  const scan = { classes: ['A', 'B'] };

  it('names every required field of an empty form, in form order', () => {
    expect(missingFields(defaultExtractionValues(), { classes: null })).toEqual([
      'Predictions folder',
      'Classes',
      'Output folder',
    ]);
  });

  it('is empty for a complete form', () => {
    const values = { ...everyField(), classes: ['A'] };
    values.date_windows = values.date_windows.slice(0, 1);
    expect(missingFields(values, scan)).toEqual([]);
  });

  it('explains invalid values: windows, strategies, bins, seed, clip duration, classes', () => {
    const values: ExtractionFormValues = {
      ...everyField(),
      classes: ['A', 'Zebra'],
      score_threshold: Number.NaN,
      date_windows: [{ key: 1, start: '2024-06-02', end: '2024-06-01' }],
      time_windows: [{ key: 2, start: '05:00', end: null }],
      stratify_date_windows: [{ key: 3, start: null, end: null }],
      metadata_columns: [],
      score_bins_text: '[[0, 120]]',
      seed: 1.5,
      clip_duration_s: 0,
    };
    values.strategies = { ...values.strategies, top: { enabled: true, n: 0 } };
    expect(missingFields(values, scan)).toEqual([
      'Classes (not in these predictions: Zebra)',
      'Score threshold',
      'Date window 1 (start is after end)',
      'Time window 1 (pick a start and an end)',
      'Stratum date window 1 (pick a start and an end)',
      'Metadata columns',
      'Top N: N',
      'Score bins',
      'Seed',
      'Clip duration',
    ]);
  });

  it('asks for a strategy when all are off, and flags a folder without predictions', () => {
    const values = { ...everyField(), classes: ['A'] };
    values.date_windows = [];
    for (const kind of Object.keys(values.strategies) as (keyof typeof values.strategies)[]) {
      values.strategies[kind] = { ...values.strategies[kind], enabled: false };
    }
    expect(missingFields(values, { classes: null, failed: true })).toEqual([
      'Predictions folder (no readable predictions found)',
      'Strategies (switch on at least one)',
    ]);
  });

  it('lets a time window wrap midnight', () => {
    const values = { ...everyField(), classes: ['A'] };
    values.date_windows = [];
    values.time_windows = [{ key: 9, start: '23:00', end: '01:00' }];
    expect(missingFields(values, scan)).toEqual([]);
  });
});

describe('the config matches the backend models (backend/common/extraction_config.py)', () => {
  it('sends exactly the fields of ExtractionConfig and of each strategy model', () => {
    const config = resolvedConfig(everyField());
    expect(Object.keys(config).sort()).toEqual(configFields());
    expect(config.strategies).toHaveLength(STRATEGY_KINDS.length);
    for (const strategy of config.strategies) {
      expect(Object.keys(strategy).sort(), strategy.kind).toEqual(strategyFields(strategy.kind));
    }
  });

  it('offers a card for every strategy kind the backend accepts', () => {
    expect([...STRATEGY_KINDS].sort()).toEqual(strategyKinds());
    expect(strategyKinds()).toEqual(expect.arrayContaining(['diversity', 'hybrid', 'uncertainty']));
  });
});

describe('active-learning strategies and already-labelled files', () => {
  const scan = { classes: ['A', 'B'] };

  it('load with their settings, or the backend defaults (auto threshold) when a prefill gives only kind and n', () => {
    const loaded = parseLoadedConfig({
      kind: 'extraction',
      predictions_dir: '/jobs/inference_7',
      strategies: [
        { kind: 'hybrid', n: 20 },
        { kind: 'uncertainty', n: 4, threshold: 0.8 },
        { kind: 'diversity', n: 3, max_pool: 300 },
      ],
      labelled_annotation_files: ['/loop/round_1/A_annotation_task_1.csv'],
      embedding_cache_dir: null,
    });
    if ('error' in loaded) throw new Error(loaded.error);
    const { strategies } = loaded.values;
    expect(strategies.hybrid).toEqual({ enabled: true, n: 20, threshold: null, max_pool: 2000 });
    expect(strategies.uncertainty).toEqual({ enabled: true, n: 4, threshold: 0.8 });
    expect(strategies.diversity).toEqual({ enabled: true, n: 3, max_pool: 300 });
    expect(strategies.random.enabled).toBe(false);
    expect(loaded.values.labelled_annotation_files).toEqual([
      '/loop/round_1/A_annotation_task_1.csv',
    ]);
    expect(loaded.values.embedding_cache_dir).toBe('');
    expect(resolvedConfig(loaded.values).strategies).toEqual([
      { kind: 'uncertainty', n: 4, threshold: 0.8 },
      { kind: 'diversity', n: 3, max_pool: 300 },
      { kind: 'hybrid', n: 20, threshold: null, max_pool: 2000 },
    ]);
  });

  it('take the loop’s “Next round” prefill with an auto threshold', () => {
    const round = LoopRoundSchema.parse(roundJson(2));
    const task = taskJson({ id: 'inf1', status: 'running', job_dir: '/data/loop/inference_x' });
    for (const strategy of ['hybrid', 'uncertainty'] as const) {
      const form = { ...defaultNextRoundForm(round, '/data/loop'), strategy };
      const prefill = nextRoundExtractionPrefill([round], round, form, '/data/loop', task);
      const loaded = parseLoadedConfig(prefill.config);
      if ('error' in loaded) throw new Error(loaded.error);
      expect(loaded.values.strategies[strategy]).toMatchObject({ enabled: true, threshold: null });
      expect(missingFields(loaded.values, { classes: round.classes })).toEqual([]);
      const [sent] = resolvedConfig(loaded.values).strategies;
      expect(sent).toMatchObject({ kind: strategy, n: 20, threshold: null });
    }
  });

  it('send null for an emptied threshold field, and keep a typed one', () => {
    const values = { ...everyField(), classes: ['A'] };
    values.date_windows = [];
    values.strategies = {
      ...values.strategies,
      uncertainty: { enabled: true, n: 5, threshold: null },
      hybrid: { enabled: true, n: 5, threshold: 0.93, max_pool: 100 },
    };
    expect(missingFields(values, scan)).toEqual([]);
    const sent = resolvedConfig(values).strategies.filter((s) => 'threshold' in s);
    expect(sent).toEqual([
      { kind: 'uncertainty', n: 5, threshold: null },
      { kind: 'hybrid', n: 5, threshold: 0.93, max_pool: 100 },
    ]);
    expect(ExtractionConfigSchema.parse(resolvedConfig(values)).strategies).toEqual(
      resolvedConfig(values).strategies,
    );
  });

  it('refuses a threshold outside (0, 1) in a loaded config', () => {
    const bad = parseLoadedConfig({ strategies: [{ kind: 'uncertainty', n: 2, threshold: 1 }] });
    expect(bad).toEqual({
      error:
        'This is not an extraction config this app can load: strategies.0.threshold is invalid.',
    });
  });

  it('names a bad threshold, a pool smaller than N, and labelled files that are not CSVs', () => {
    const values = { ...everyField(), classes: ['A'] };
    values.date_windows = [];
    values.strategies = {
      ...values.strategies,
      uncertainty: { enabled: true, n: 5, threshold: 1 },
      diversity: { enabled: true, n: 50, max_pool: 40 },
      hybrid: { enabled: true, n: 5, threshold: Number.NaN, max_pool: 2.5 },
    };
    values.labelled_annotation_files = ['/data/a.csv', '/data/notes.txt'];
    expect(missingFields(values, scan)).toEqual([
      'Uncertainty: threshold',
      'Diversity: candidate pool',
      'Hybrid: threshold',
      'Hybrid: candidate pool',
      'Already-labelled files (not CSV: notes.txt)',
    ]);
    values.labelled_annotation_files = ['round_1/a.csv', 'C:\\loop\\b.csv', '~/c.csv'];
    expect(missingFields(values, scan)).toContain(
      'Already-labelled files (not absolute: round_1/a.csv)',
    );
  });

  it('ignores the settings of switched-off cards', () => {
    const values = { ...everyField(), classes: ['A'] };
    values.date_windows = [];
    values.strategies = {
      ...values.strategies,
      hybrid: { enabled: false, n: 0, threshold: 7, max_pool: 0 },
    };
    expect(missingFields(values, scan)).toEqual([]);
    expect(resolvedConfig(values).strategies.map((s) => s.kind)).not.toContain('hybrid');
  });

  it('blocks creating while the predictions folder waits for its inference task', () => {
    const values = { ...everyField(), classes: ['A'] };
    values.date_windows = [];
    expect(missingFields(values, { ...scan, waitingFor: 'inference task “Round 2”' })).toEqual([
      'Predictions folder (waiting for inference task “Round 2” to finish)',
    ]);
  });
});
