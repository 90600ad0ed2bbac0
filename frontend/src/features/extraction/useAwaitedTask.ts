/**
 * Waiting for the task that writes the predictions folder: the loop's "Next round" starts an
 * inference task and leaves this form a prefill naming it (`waitForTaskId`). While the task runs
 * the folder is not scanned (it holds no predictions yet); its job folder fills an empty
 * predictions folder as soon as the server assigns it; once the task completes the folder is
 * scanned afresh.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Task } from '@/api/schemas';
import { extractionKeys } from '@/hooks/useExtractionQueries';
import type { ExtractionFormDispatch, ExtractionFormState } from './extraction-form';

/**
 * - `none`: not waiting for anything;
 * - `loading`: the task list has not answered yet;
 * - `waiting`: the task is unstarted, queued or running;
 * - `completed`: it finished, the folder is scanned;
 * - `failed`: it failed or was canceled;
 * - `missing`: no task with that id (deleted).
 */
export type AwaitedPhase = 'none' | 'loading' | 'waiting' | 'completed' | 'failed' | 'missing';

export interface AwaitedTask {
  phase: AwaitedPhase;
  /** The awaited task, when the list has it. */
  task: Task | undefined;
}

/** True while the predictions folder is not ready to scan. */
export const isWaiting = (phase: AwaitedPhase) => phase === 'loading' || phase === 'waiting';

/**
 * Where the awaited task stands.
 * @param taskId - The awaited task's id, or null.
 * @param tasks - The task list (undefined before it loads).
 */
export function awaitedTaskState(taskId: string | null, tasks: Task[] | undefined): AwaitedTask {
  if (taskId === null) return { phase: 'none', task: undefined };
  if (tasks === undefined) return { phase: 'loading', task: undefined };
  const task = tasks.find((item) => item.id === taskId);
  if (!task) return { phase: 'missing', task: undefined };
  switch (task.status) {
    case 'completed':
      return { phase: 'completed', task };
    case 'failed':
    case 'canceled':
      return { phase: 'failed', task };
    default:
      return { phase: 'waiting', task };
  }
}

/**
 * Follow the awaited task in the polled task list: fill an empty predictions folder with its job
 * folder, and refresh the folder's scan when it completes.
 * @param state - The form state (`waitForTaskId`, the predictions folder).
 * @param dispatch - The form's dispatch.
 * @param tasks - The task list from `useTasks` (polled every second while a task is active).
 */
export function useAwaitedTask(
  state: ExtractionFormState,
  dispatch: ExtractionFormDispatch,
  tasks: Task[] | undefined,
): AwaitedTask {
  const queryClient = useQueryClient();
  const awaited = awaitedTaskState(state.waitForTaskId, tasks);
  const jobDir = awaited.task?.job_dir ?? null;
  const folder = state.values.predictions_dir.trim();
  const { phase } = awaited;

  useEffect(() => {
    if (jobDir && !folder && (phase === 'waiting' || phase === 'completed')) {
      dispatch({ type: 'setAwaitedFolder', path: jobDir });
    }
  }, [jobDir, folder, phase, dispatch]);

  useEffect(() => {
    // A scan of this folder cached before the task wrote it would miss its predictions.
    if (phase === 'completed' && folder) {
      void queryClient.invalidateQueries({ queryKey: extractionKeys.scan(folder) });
    }
  }, [phase, folder, queryClient]);

  return awaited;
}
