import { describe, expect, it } from 'vitest';
import {
  audioMatchRequest,
  missingFields,
  parseLoadedConfig,
  resolvedConfig,
  sourceOf,
  subsetOf,
} from '@/features/inference/inference-config';
import { inferenceConfigJson } from '../../support/inference';

describe('parseLoadedConfig', () => {
  it('fills missing keys with defaults and drops unknown ones', () => {
    const parsed = parseLoadedConfig({
      audio_dir: '/field',
      output_dir: '/out',
      batch_size: 1,
      num_workers: 0,
      from_the_future: 42,
    });
    expect(parsed).toEqual({
      config: inferenceConfigJson({
        audio_dir: '/field',
        output_dir: '/out',
        batch_size: 1,
        num_workers: 0,
      }),
    });
  });

  it('names the invalid field', () => {
    expect(parseLoadedConfig({ overlap_fraction: 1.5 })).toEqual({
      error: 'This is not an inference config this app can load: overlap_fraction is invalid.',
    });
  });
});

describe('resolvedConfig', () => {
  const typed = inferenceConfigJson({
    audio_dir: ' /a ',
    audio_files: ['/f1.wav', '  ', ' /f2.wav'],
    audio_globs: ['/g/*.wav'],
    audio_list_file: '/list.txt',
    output_dir: ' /out ',
    subset_classes: ['Robin', ''],
    subset_classes_file: '/classes.txt',
    split_by_subfolder: true,
  });

  it('keeps only the picked source and subset, trimmed', () => {
    expect(resolvedConfig(typed, 'files', 'list')).toEqual(
      inferenceConfigJson({
        audio_files: ['/f1.wav', '/f2.wav'],
        output_dir: '/out',
        subset_classes: ['Robin'],
        split_by_subfolder: false,
      }),
    );
    const folder = resolvedConfig(typed, 'folder', 'file');
    expect(folder).toMatchObject({
      audio_dir: '/a',
      audio_files: [],
      audio_globs: [],
      audio_list_file: null,
      subset_classes: [],
      subset_classes_file: '/classes.txt',
      split_by_subfolder: true,
    });
    expect(audioMatchRequest(resolvedConfig(typed, 'list', 'all'))).toEqual({
      audio_dir: null,
      recursive: true,
      extensions: ['.wav', '.flac', '.mp3', '.ogg'],
      audio_files: [],
      audio_globs: [],
      audio_list_file: '/list.txt',
    });
  });

  it('picks the source and subset a loaded config uses', () => {
    expect(sourceOf(inferenceConfigJson({ audio_globs: ['/x/*.wav'] }))).toBe('globs');
    expect(sourceOf(inferenceConfigJson())).toBe('folder');
    expect(subsetOf(inferenceConfigJson({ subset_classes: ['A'] }))).toBe('list');
    expect(subsetOf(inferenceConfigJson())).toBe('all');
  });
});

describe('missingFields', () => {
  it('names the empty source, the output folder and invalid numbers', () => {
    const config = inferenceConfigJson({ overlap_fraction: 1, batch_size: 0 });
    expect(missingFields(config, 'globs', 'file')).toEqual([
      'Glob patterns',
      'Output folder',
      'Subset classes file',
      'Clip overlap',
      'Batch size',
    ]);
    expect(
      missingFields(inferenceConfigJson({ audio_dir: '/a', output_dir: '/o' }), 'folder', 'all'),
    ).toEqual([]);
  });
});
