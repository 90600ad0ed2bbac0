/**
 * Whether the scores of a predictions folder are probabilities, as the decision threshold of the
 * uncertainty and hybrid strategies assumes. The folder scan reads only file headers, so it never
 * sees a score; instead, the inference task that wrote the folder says which activation it applied
 * (`logits` by default, `sigmoid`, `softmax`), and a score threshold outside 0–1 gives logits away.
 */
import type { Task } from '@/api/schemas';
import { taskTitle } from '@/lib/task-format';

const withoutTrailingSeparators = (path: string) => path.trim().replace(/(?<=.)[\\/]+$/, '');

/**
 * The inference task whose job folder is the predictions folder, if the task list has it.
 * @param tasks - The task list (undefined before it loads).
 * @param predictionsDir - The folder typed or picked.
 */
export function sourceInferenceTask(
  tasks: Task[] | undefined,
  predictionsDir: string,
): Task | undefined {
  const folder = withoutTrailingSeparators(predictionsDir);
  if (!folder) return undefined;
  return tasks?.find(
    (task) =>
      task.kind === 'inference' &&
      task.job_dir !== null &&
      withoutTrailingSeparators(task.job_dir) === folder,
  );
}

/**
 * A warning when the scores do not look like probabilities, or null when they do or nothing is
 * known about them.
 * @param source - The inference task that wrote the predictions, when known.
 * @param scoreThreshold - The form's score threshold (null: none).
 */
export function scoreScaleWarning(
  source: Task | undefined,
  scoreThreshold: number | null,
): string | null {
  const advice =
    'For threshold strategies, run inference with the activation “sigmoid” (as the loop’s ' +
    '“Next round” does).';
  if (source) {
    const raw = source.config.activation;
    const activation = typeof raw === 'string' ? raw : 'logits';
    const task = `inference task “${taskTitle(source)}”`;
    if (activation === 'softmax') {
      return (
        `These scores are softmax values (${task}): they sum to 1 over all the model’s ` +
        `classes, so a class’s score is not its probability and the decision threshold means ` +
        `little. ${advice}`
      );
    }
    if (activation !== 'sigmoid') {
      return (
        `These scores are logits, not probabilities (${task} ran with the activation ` +
        `“${activation}”). Uncertainty and hybrid pass them through a sigmoid before comparing ` +
        `them with the threshold, but a class whose scores all happen to lie between 0 and 1 is ` +
        `read as probabilities. ${advice}`
      );
    }
    return null;
  }
  if (scoreThreshold !== null && Number.isFinite(scoreThreshold)) {
    if (scoreThreshold < 0 || scoreThreshold > 1) {
      return (
        `The score threshold (${scoreThreshold}) lies outside 0–1, so these scores look like ` +
        `logits, not probabilities: uncertainty and hybrid compare their sigmoid with the ` +
        `decision threshold. ${advice}`
      );
    }
  }
  return null;
}
