/** Task queries: the list polls fast (1 s) while anything is queued or running, slowly (5 s) otherwise. */
import { useQuery } from '@tanstack/react-query';
import { useApi } from '@/api/ApiProvider';
import type { Task } from '@/api/schemas';
import { queryKeys } from './query-keys';

export const FAST_POLL_MS = 1000;
export const SLOW_POLL_MS = 5000;

/** True when the task may still change by itself (queued or running). */
export function isActive(task: Pick<Task, 'status'>): boolean {
  return task.status === 'queued' || task.status === 'running';
}

/**
 * Polling interval for a task list.
 * @param tasks - The current list (undefined before the first answer).
 */
export function taskPollInterval(tasks: Task[] | undefined): number {
  return tasks?.some(isActive) ? FAST_POLL_MS : SLOW_POLL_MS;
}

/** All tasks, newest first, kept fresh by polling. */
export function useTasks() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.tasks,
    queryFn: () => api.tasks.list(),
    refetchInterval: (query) => taskPollInterval(query.state.data),
    refetchIntervalInBackground: true,
  });
}

/**
 * One task, polling while it is active.
 * @param id - Task id, or null to disable the query.
 */
export function useTask(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.task(id ?? ''),
    queryFn: () => api.tasks.get(id ?? ''),
    enabled: id !== null,
    refetchInterval: (query) =>
      query.state.data && isActive(query.state.data) ? FAST_POLL_MS : false,
  });
}

/**
 * The tail of a task's log, refreshing every second while the task is active.
 * @param task - The task.
 * @param enabled - Fetch only while the log is shown.
 */
export function useTaskLog(task: Task, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.taskLog(task.id),
    queryFn: () => api.tasks.log(task.id),
    enabled,
    refetchInterval: enabled && isActive(task) ? FAST_POLL_MS : false,
  });
}
