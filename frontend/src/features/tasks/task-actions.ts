/** Which actions a task offers in each status (SPEC §3, ARCHITECTURE.md routes), and per kind. */
import type { Task, TaskStatus } from '@/api/schemas';

export interface AvailableActions {
  start: boolean;
  cancel: boolean;
  retry: boolean;
  remove: boolean;
}

/**
 * Actions offered for a status: Start (unstarted), Cancel (queued/running), Retry (failed/canceled),
 * Delete (anything but running — a running task must be canceled first).
 * @param status - Task status.
 */
export function availableActions(status: TaskStatus): AvailableActions {
  return {
    start: status === 'unstarted',
    cancel: status === 'queued' || status === 'running',
    retry: status === 'failed' || status === 'canceled',
    remove: status !== 'running',
  };
}

/** Follow-ups a finished task offers, by kind (SPEC §4 and §5). */
export interface FollowUps {
  /** A completed inference task: "Create annotation task" opens Extraction pre-filled. */
  createAnnotationTask: boolean;
  /** A completed extraction task: its summary table and "Open in Review". */
  extractionResult: boolean;
  /** A training task: "Open report" (enabled once it has started). */
  trainingReport: boolean;
  /** A completed training task: its mean AP, labels used and model file. */
  trainingResult: boolean;
}

/**
 * Per-kind follow-ups of a task.
 * @param task - Its kind, status and job folder.
 */
export function followUps(task: Pick<Task, 'kind' | 'status' | 'job_dir'>): FollowUps {
  const done = task.status === 'completed';
  return {
    createAnnotationTask: done && task.kind === 'inference' && Boolean(task.job_dir),
    extractionResult: done && task.kind === 'extraction',
    trainingReport: task.kind === 'training',
    trainingResult: done && task.kind === 'training',
  };
}

/**
 * The Extraction form's prefill from a completed inference task: its job folder holds the
 * predictions, and its audio folder is where their file paths start.
 * @param task - A completed inference task.
 */
export function extractionPrefill(task: Pick<Task, 'job_dir' | 'config'>): Record<string, unknown> {
  const audioDir = task.config.audio_dir;
  return {
    kind: 'extraction',
    predictions_dir: task.job_dir ?? '',
    audio_root: typeof audioDir === 'string' && audioDir ? audioDir : null,
  };
}
