/**
 * "Next round" of the active-learning loop as data: the inference task that scores new recordings
 * with the latest round's model, and the Extraction prefill that turns its predictions into the
 * next annotation task with an active-learning strategy. Pure functions, tested without the UI.
 */
import type { LoopRound } from '@/api/loop-schemas';
import type { CreateTaskRequest, Task } from '@/api/schemas';
import type { Prefill } from '@/stores/formPrefill';
import { allAnnotationFiles, baseName } from './loop-format';

/** Strategies offered for the next annotation task (random is the baseline). */
export const NEXT_ROUND_STRATEGIES = [
  {
    kind: 'hybrid',
    label: 'Hybrid (recommended)',
    help: 'Spread over embedding space first, then clips closest to the decision threshold as labels grow.',
  },
  {
    kind: 'uncertainty',
    label: 'Uncertainty',
    help: 'Clips whose score is closest to the decision threshold: where the model is least sure.',
  },
  {
    kind: 'diversity',
    label: 'Diversity',
    help: 'Clips spread over BirdNET embedding space, away from what is already labelled.',
  },
  {
    kind: 'random',
    label: 'Random (baseline)',
    help: 'Clips drawn at random: the baseline the other strategies should beat.',
  },
] as const;
export type NextRoundStrategy = (typeof NEXT_ROUND_STRATEGIES)[number]['kind'];

/** Default clips per class for the next annotation task. */
export const DEFAULT_CLIPS_PER_CLASS = 20;

/** What the "Next round" dialog asks. */
export interface NextRoundForm {
  /** Recordings to run the new model on. */
  audioDir: string;
  /** Parent folder of the inference job folder. */
  outputDir: string;
  strategy: NextRoundStrategy;
  clipsPerClass: number;
}

/** Join a folder and a name with the folder's own separator. */
export function joinPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${folder.replace(/[\\/]+$/, '')}${separator}${name}`;
}

/**
 * The dialog's starting values: the recordings folder the round's tasks were drawn from (else
 * the folder of its labelled clips), the loop folder, hybrid.
 * @param round - The latest round.
 * @param loopDir - The loop folder.
 */
export function defaultNextRoundForm(round: LoopRound, loopDir: string): NextRoundForm {
  return {
    audioDir: round.recordings_dirs[0] ?? round.audio_roots[0] ?? '',
    outputDir: loopDir,
    strategy: 'hybrid',
    clipsPerClass: DEFAULT_CLIPS_PER_CLASS,
  };
}

/** Labels of the fields still missing or invalid (empty: ready to start). */
export function nextRoundMissing(form: NextRoundForm, round: LoopRound): string[] {
  const missing: string[] = [];
  if (!round.model_file) missing.push('Model file (this round recorded none)');
  if (!form.audioDir.trim()) missing.push('Recordings folder');
  if (!form.outputDir.trim()) missing.push('Inference output folder');
  if (!Number.isInteger(form.clipsPerClass) || form.clipsPerClass < 1) {
    missing.push('Clips per class');
  }
  return missing;
}

/**
 * `POST /api/tasks` body: inference with the round's model (sigmoid scores, so the uncertainty
 * strategy's threshold is a probability), queued at once.
 */
export function nextRoundInferenceRequest(
  round: LoopRound,
  form: NextRoundForm,
): CreateTaskRequest {
  return {
    kind: 'inference',
    name: `Loop round ${round.round + 1}: ${baseName(round.model_file)} on ${baseName(form.audioDir.trim())}`,
    config: {
      audio_dir: form.audioDir.trim(),
      recursive: true,
      model_file: round.model_file,
      activation: 'sigmoid',
      output_dir: form.outputDir.trim(),
    },
    start: true,
  };
}

/**
 * The Extraction prefill for the next annotation task. `predictions_dir` is the inference task's
 * job folder when the server has assigned it (empty while the task waits in the queue: the
 * Extraction form takes it from the awaited task).
 * @param rounds - Every round so far (their annotation files are already labelled).
 * @param loopDir - The loop folder; the task is written to `<loopDir>/round_<n + 1>`.
 * @param inference - The inference task just created.
 */
export function nextRoundExtractionPrefill(
  rounds: LoopRound[],
  round: LoopRound,
  form: NextRoundForm,
  loopDir: string,
  inference: Task,
): Prefill {
  const next = round.round + 1;
  return {
    form: 'extraction',
    config: {
      kind: 'extraction',
      predictions_dir: inference.job_dir ?? '',
      audio_root: form.audioDir.trim(),
      classes: round.classes,
      strategies: [{ kind: form.strategy, n: form.clipsPerClass }],
      labelled_annotation_files: allAnnotationFiles(rounds),
      mode: 'binary',
      output_dir: joinPath(loopDir, `round_${next}`),
    },
    name: `Loop round ${next}: ${form.strategy} clips`,
    source: `loop round ${round.round} (${baseName(round.model_file)})`,
    waitForTaskId: inference.id,
  };
}
