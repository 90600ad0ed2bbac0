import { describe, expect, it } from 'vitest';
import { TrainingConfigSchema } from '@/api/training-schemas';
import {
  missingFields,
  parseLoadedConfig,
  parseNumberList,
  resolvedConfig,
  valuesFromConfig,
} from '@/features/training/training-config';
import {
  defaultTrainingValues,
  newAnnotationFile,
  newRavenTable,
  type TrainingFormValues,
} from '@/features/training/training-form';
import { classWarnings, countsLine } from '@/features/training/training-format';
import { binarySource } from './fixtures';

const known = { classes: null, problems: 0, evaluationProblems: 0 };

function filled(overrides: Partial<TrainingFormValues> = {}): TrainingFormValues {
  return {
    ...defaultTrainingValues(),
    labels: { annotation_files: [], raven_tables: [], folder_labels_dir: '/data/labelled' },
    output_dir: '/data/models',
    ...overrides,
  };
}

describe('training config', () => {
  it('reads number lists typed with commas or spaces, and refuses anything else', () => {
    expect(parseNumberList('256, 128')).toEqual([256, 128]);
    expect(parseNumberList(' 0.1 0.5;0.9 ')).toEqual([0.1, 0.5, 0.9]);
    expect(parseNumberList('256, x')).toBeNull();
    expect(parseNumberList('  ')).toBeNull();
  });

  it('sends a multiclass CSV without a class, drops empty Raven rows, keeps loop and noise folders', () => {
    const csv = {
      ...newAnnotationFile('/data/a.csv'),
      mode: 'multiclass' as const,
      class_name: 'x',
    };
    const raven = { ...newRavenTable(), path: '/r.txt', audio_file: '/r.wav' };
    const config = resolvedConfig(
      filled({
        labels: {
          annotation_files: [csv],
          raven_tables: [raven, newRavenTable()],
          folder_labels_dir: ' ',
        },
        loop_dir: ' /data/loop ',
        background_noise_dir: '/data/noise',
      }),
    );
    // Noise overlay works for both model types; the CNN's own settings go only with a CNN.
    expect(config.background_noise_dir).toBe('/data/noise');
    expect(config.augment_noise_overlay).toBe(true);
    expect(config.annotation_files).toEqual([
      { path: '/data/a.csv', class_name: null, audio_root: null },
    ]);
    expect(config.raven_tables).toEqual([
      { path: '/r.txt', audio_file: '/r.wav', species_column: null },
    ]);
    expect(config.folder_labels_dir).toBeNull();
    expect(config.loop_dir).toBe('/data/loop');
    expect(config).not.toHaveProperty('cnn_architecture');
  });

  it('names every invalid field in form order', () => {
    const values = filled({
      labels: {
        annotation_files: [newAnnotationFile('/a.csv')],
        raven_tables: [newRavenTable()],
        folder_labels_dir: '',
      },
      head: 'mlp',
      hidden_sizes_text: '256, 0',
      steps: 1.5,
      learning_rate: 0,
      thresholds_text: '0.5, 2',
      target_precision: Number.NaN,
      output_dir: '',
    });
    expect(missingFields(values, { ...known, classes: ['owl'], problems: 2 })).toEqual([
      'Annotation CSV 1: class',
      'Raven table 1',
      'Raven table 1: recording',
      'Labels (fix the problems listed under them)',
      'Hidden layer sizes',
      'Steps',
      'Learning rate',
      'Thresholds',
      'Target precision',
      'Output folder',
    ]);
    expect(missingFields(filled(), known)).toEqual([]);
  });

  it('round-trips a config through the form values', () => {
    const config = TrainingConfigSchema.parse({
      annotation_files: [{ path: '/a.csv', class_name: 'owl', audio_root: '/audio' }],
      validation: { folder_labels_dir: '/held' },
      model_type: 'cnn',
      cnn_architecture: 'resnet34',
      bandpass_min_hz: 500,
      background_noise_dir: '/noise',
      augment_time_mask: false,
      epochs: 3,
      early_stopping_patience_steps: 40,
      thresholds: [0.3],
      output_dir: '/out',
      loop_dir: '/loop',
    });
    const again = TrainingConfigSchema.parse(resolvedConfig(valuesFromConfig(config)));
    expect(again).toEqual({ ...config, steps: 500 });
  });

  it('refuses a config of another kind or with a bad field, naming it', () => {
    expect(parseLoadedConfig({ kind: 'inference' })).toEqual({
      error: 'This is not a training config (its kind is “inference”).',
    });
    expect(parseLoadedConfig({ kind: 'training', head: 'forest' })).toEqual({
      error: 'This is not a training config this app can load: head is invalid.',
    });
  });

  it('words counts in each source’s unit and warns about one-sided classes', () => {
    const counts = { positive: 4, negative: 1 };
    expect(countsLine(binarySource(), 'owl', counts)).toBe('owl: 4 yes, 1 no');
    expect(countsLine(binarySource({ mode: 'multiclass' }), 'owl', counts)).toBe(
      'owl: 4 present, 1 absent',
    );
    expect(countsLine(binarySource({ unit: 'windows' }), 'owl', counts)).toBe(
      'owl: 4 positive, 1 negative window',
    );
    expect(countsLine(binarySource({ unit: 'recordings' }), 'owl', counts)).toBe(
      'owl: 4 recordings, 1 of other classes',
    );
    const totals = { owl: { positive: 3, negative: 0 }, tit: { positive: 0, negative: 5 } };
    expect(classWarnings(totals, [])).toEqual([
      'owl has no negative labels: add examples where it is absent.',
      'tit has no positive labels: add examples where it is present.',
    ]);
    expect(classWarnings(totals, ['tit'])).toHaveLength(1);
  });
});
