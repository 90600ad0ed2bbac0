import { describe, expect, it } from 'vitest';
import {
  missingFields,
  modelSourceOf,
  parseLoadedConfig,
  resolvedConfig,
} from '@/features/inference/inference-config';
import { filterClasses, modelFacts, modelFileSummary } from '@/features/inference/model-format';
import { inferenceConfigJson } from '../../support/inference';

describe('model source in the config', () => {
  it('is the zoo without model_file, a file with a string (even empty)', () => {
    expect(modelSourceOf(inferenceConfigJson())).toBe('zoo');
    expect(modelSourceOf(inferenceConfigJson({ model_file: null }))).toBe('zoo');
    expect(modelSourceOf(inferenceConfigJson({ model_file: '' }))).toBe('file');
  });

  it('keeps model_file from a loaded config', () => {
    const parsed = parseLoadedConfig({ output_dir: '/o', model_file: '/m/x.dipper.pt' });
    expect('config' in parsed && parsed.config.model_file).toBe('/m/x.dipper.pt');
    expect('config' in parsed && modelSourceOf(parsed.config)).toBe('file');
  });

  it('sends a trimmed model_file, leaves it out for the zoo, and asks for an empty one', () => {
    const base = { audio_dir: '/a', output_dir: '/o' };
    const file = resolvedConfig(
      inferenceConfigJson({ ...base, model_file: ' /m/frogs.model ' }),
      'folder',
      'all',
    );
    expect(file.model_file).toBe('/m/frogs.model');
    const zoo = resolvedConfig(inferenceConfigJson({ ...base, model_file: null }), 'folder', 'all');
    expect(zoo).not.toHaveProperty('model_file');
    const empty = resolvedConfig(
      inferenceConfigJson({ ...base, model_file: ' ' }),
      'folder',
      'all',
    );
    expect(missingFields(empty, 'folder', 'all')).toEqual(['Model file']);
  });
});

describe('model words', () => {
  it('summarises windows and classes, leaving unknowns out', () => {
    expect(modelFacts({ sample_duration_s: 3, num_classes: 6522 })).toBe(
      '3 s windows · 6,522 classes',
    );
    expect(modelFacts({ sample_duration_s: null, num_classes: 1 })).toBe('1 class');
    expect(modelFacts({ sample_duration_s: null, num_classes: null })).toBe('');
  });

  it('describes a Dipper classifier with its embedding model', () => {
    expect(
      modelFileSummary({
        path: '/m/x.dipper.pt',
        kind: 'dipper-shallow-classifier',
        classes: ['a', 'b'],
        num_classes: 2,
        sample_duration_s: 3,
        sample_rate_hz: null,
        architecture: 'mlp head [256]',
        embedding_model: 'BirdNET',
        metadata: {},
      }),
    ).toBe('Dipper classifier (mlp head [256] on BirdNET embeddings) · 3 s windows · 2 classes');
  });

  it('filters classes by every typed word, any case and order', () => {
    const classes = ['Parus major_Great Tit', 'Ardea alba_Great Egret', 'Turdus merula_Blackbird'];
    expect(filterClasses(classes, 'great')).toEqual(classes.slice(0, 2));
    expect(filterClasses(classes, 'tit GREAT')).toEqual(['Parus major_Great Tit']);
    expect(filterClasses(classes, '  ')).toEqual(classes);
  });
});
