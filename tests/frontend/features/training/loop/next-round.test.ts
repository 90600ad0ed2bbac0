import { describe, expect, it } from 'vitest';
import { LoopRoundSchema } from '@/api/loop-schemas';
import {
  defaultNextRoundForm,
  joinPath,
  nextRoundExtractionPrefill,
  nextRoundInferenceRequest,
  nextRoundMissing,
} from '@/features/training/loop/next-round';
import { taskJson } from '../../../support/factories';
import { LOOP_DIR, roundJson } from './fixtures';

const round1 = LoopRoundSchema.parse(roundJson(1));
const round2 = LoopRoundSchema.parse(roundJson(2));

describe('next round', () => {
  it('starts from the round’s first audio folder, the loop folder, hybrid and 20 clips', () => {
    expect(defaultNextRoundForm(round2, LOOP_DIR)).toEqual({
      audioDir: '/data/audio',
      outputDir: LOOP_DIR,
      strategy: 'hybrid',
      clipsPerClass: 20,
    });
  });

  it('prefers the recordings folder the round’s tasks were drawn from', () => {
    const drawn = LoopRoundSchema.parse({ ...roundJson(2), recordings_dirs: ['/data/site_a'] });
    expect(defaultNextRoundForm(drawn, LOOP_DIR).audioDir).toBe('/data/site_a');
    expect(round2.recordings_dirs).toEqual([]);
  });

  it('names what is missing, including a round without a model file', () => {
    const form = { audioDir: ' ', outputDir: '', strategy: 'random' as const, clipsPerClass: 0 };
    expect(nextRoundMissing(form, { ...round2, model_file: null })).toEqual([
      'Model file (this round recorded none)',
      'Recordings folder',
      'Inference output folder',
      'Clips per class',
    ]);
    expect(nextRoundMissing(defaultNextRoundForm(round2, LOOP_DIR), round2)).toEqual([]);
  });

  it('builds a queued inference task with the round’s model and sigmoid scores', () => {
    const form = { ...defaultNextRoundForm(round2, LOOP_DIR), audioDir: ' /data/new audio ' };
    expect(nextRoundInferenceRequest(round2, form)).toEqual({
      kind: 'inference',
      name: 'Loop round 3: model.dipper.pt on new audio',
      config: {
        audio_dir: '/data/new audio',
        recursive: true,
        model_file: '/data/jobs/training_2/model.dipper.pt',
        activation: 'sigmoid',
        output_dir: LOOP_DIR,
      },
      start: true,
    });
  });

  it('prefills Extraction with the job folder, strategy, every labelled file and round_<n+1>', () => {
    const form = { ...defaultNextRoundForm(round2, LOOP_DIR), strategy: 'uncertainty' as const };
    const task = taskJson({ id: 'inf1', status: 'running', job_dir: '/data/loop/inference_x' });

    expect(nextRoundExtractionPrefill([round1, round2], round2, form, LOOP_DIR, task)).toEqual({
      form: 'extraction',
      config: {
        kind: 'extraction',
        predictions_dir: '/data/loop/inference_x',
        audio_root: '/data/audio',
        classes: ['Great Tit', 'Storm-Petrel'],
        strategies: [{ kind: 'uncertainty', n: 20 }],
        labelled_annotation_files: [
          '/data/review/round_1.csv',
          '/data/review/shared.csv',
          '/data/review/round_2.csv',
        ],
        mode: 'binary',
        output_dir: '/data/loop/round_3',
      },
      name: 'Loop round 3: uncertainty clips',
      source: 'loop round 2 (model.dipper.pt)',
      waitForTaskId: 'inf1',
    });
    const queued = { ...task, status: 'queued' as const, job_dir: null };
    const prefill = nextRoundExtractionPrefill([round2], round2, form, LOOP_DIR, queued);
    expect(prefill.config.predictions_dir).toBe('');
  });

  it('joins paths with the folder’s own separator', () => {
    expect(joinPath('/data/loop/', 'round_2')).toBe('/data/loop/round_2');
    expect(joinPath('C:\\loop', 'round_2')).toBe('C:\\loop\\round_2');
  });
});

describe('LoopRoundSchema', () => {
  it('keeps a round whose fields are malformed, with empty values', () => {
    const parsed = LoopRoundSchema.parse({
      round: 3,
      n_labels: 'many',
      classes: 'A',
      average_precision: { A: 'high', B: 0.5 },
    });
    expect(parsed).toMatchObject({
      round: 3,
      n_labels: null,
      classes: [],
      average_precision: { A: null, B: 0.5 },
      model_file: null,
      annotation_files: [],
    });
  });
});
