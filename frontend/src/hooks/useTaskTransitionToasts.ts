/**
 * Raises a toast whenever a task changes state: started, queued, completed, failed, canceled.
 * Compares the statuses seen at the previous poll with the current ones; the first answer only seeds.
 */
import { useEffect, useRef } from 'react';
import type { Task, TaskStatus } from '@/api/schemas';
import { taskTitle } from '@/lib/task-format';
import { useToasts, type NewToast } from '@/stores/toasts';
import { useTasks } from './useTasks';

const transitionWords: Partial<Record<TaskStatus, string>> = {
  queued: 'queued',
  running: 'started',
  completed: 'completed',
  failed: 'failed',
  canceled: 'canceled',
};

/**
 * The toast for one task moving from `previous` to its current status, or null when none is due.
 * @param task - The task as it is now.
 * @param previous - Its status at the last poll (undefined when the task is new).
 */
export function transitionToast(task: Task, previous: TaskStatus | undefined): NewToast | null {
  if (previous === task.status) return null;
  const word = transitionWords[task.status];
  if (!word) return null;
  const title = taskTitle(task);
  const reason = task.status === 'failed' && task.error ? `: ${task.error}` : '';
  return {
    message: `${title} ${word}${reason}`,
    tone: task.status,
    autoHide: task.status !== 'failed',
  };
}

/** Watch the task list and toast each transition. Mount once, near the root. */
export function useTaskTransitionToasts(): void {
  const { data: tasks } = useTasks();
  const { push } = useToasts();
  const seen = useRef<Map<string, TaskStatus> | null>(null);

  useEffect(() => {
    if (!tasks) return;
    const previous = seen.current;
    const current = new Map(tasks.map((task) => [task.id, task.status] as const));
    seen.current = current;
    if (!previous) return;
    for (const task of tasks) {
      const toast = transitionToast(task, previous.get(task.id));
      if (toast) push(toast);
    }
  }, [tasks, push]);
}
