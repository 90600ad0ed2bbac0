import { describe, expect, it } from 'vitest';
import { scoreScaleWarning, sourceInferenceTask } from '@/features/extraction/score-scale';
import { taskJson } from '../../support/factories';

const inference = (activation: string | undefined, jobDir = '/jobs/inference_3') =>
  taskJson({
    name: 'Round 2 inference',
    status: 'completed',
    job_dir: jobDir,
    config: activation === undefined ? { model: 'BirdNET' } : { model: 'BirdNET', activation },
  });

describe('sourceInferenceTask', () => {
  it('finds the inference task whose job folder is the predictions folder', () => {
    const source = inference('sigmoid');
    const other = taskJson({ kind: 'extraction', job_dir: '/jobs/inference_3' });
    const tasks = [other, inference('logits', '/jobs/inference_30'), source];
    expect(sourceInferenceTask(tasks, '/jobs/inference_3')).toBe(source);
    expect(sourceInferenceTask(tasks, ' /jobs/inference_3/ ')).toBe(source);
    expect(sourceInferenceTask(tasks, '/jobs')).toBeUndefined();
    expect(sourceInferenceTask(tasks, '')).toBeUndefined();
    expect(sourceInferenceTask(undefined, '/jobs/inference_3')).toBeUndefined();
  });
});

describe('scoreScaleWarning', () => {
  it('is quiet for sigmoid scores, and when nothing is known', () => {
    expect(scoreScaleWarning(inference('sigmoid'), null)).toBeNull();
    expect(scoreScaleWarning(undefined, null)).toBeNull();
    expect(scoreScaleWarning(undefined, 0.2)).toBeNull();
  });

  it('names logits (the default activation) and softmax, with the task', () => {
    expect(scoreScaleWarning(inference(undefined), null)).toMatch(
      /^These scores are logits, not probabilities \(inference task “Round 2 inference” ran with the activation “logits”\)/,
    );
    expect(scoreScaleWarning(inference('softmax'), null)).toMatch(
      /^These scores are softmax values .* sum to 1 over all the model’s classes/,
    );
  });

  it('reads logits from a score threshold outside 0–1 when the task is unknown', () => {
    expect(scoreScaleWarning(undefined, -2)).toMatch(
      /^The score threshold \(-2\) lies outside 0–1, so these scores look like logits/,
    );
    expect(scoreScaleWarning(undefined, 3)).not.toBeNull();
  });
});
